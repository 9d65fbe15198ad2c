import { describe, expect, it } from 'vitest';
import { fakePorts } from './fake-ports.js';
import { dialogue, text } from '../fixtures/dialogues/converse.js';
import { answerToAsked, mergeProfiles } from '../../bot/engine/understand/profile-state.js';

describe('the resident’s profile as typed state', () => {
  it('reads a short reply as the slot the bot asked for, typed answers before a title', () => {
    expect(answerToAsked(['titles', 'yearsInWork'], '3年')).toEqual({ yearsInWork: 3 });
    expect(answerToAsked(['titles', 'yearsInWork'], '没有职称')).toEqual({ titles: [] });
    expect(answerToAsked(['levelCertificates'], '有初级证')).toEqual({ levelCertificates: ['初级'] });
    expect(answerToAsked(['yearsInWork'], '中级补贴多少')).toBeUndefined();
  });

  it('lets what is said now replace what was said before, lists included', () => {
    expect(mergeProfiles({ education: '专科', titles: ['技术员'] }, { titles: [], yearsInWork: 2 })).toEqual({ education: '专科', titles: [], yearsInWork: 2 });
  });

  it('judges the level asked about across turns, applying the years since the 初级 certificate', async () => {
    const d = dialogue(fakePorts());
    await d.say('我本科毕业三年了 能报中级吗');
    expect(d.session.pending?.level).toBe('中级');
    const r = await d.say('有初级证 拿了两年了');
    // The certificate names 初级, but the question was about 中级: still 中级, and two years are not three.
    expect(text(r)).toContain('中级');
    expect(text(r)).not.toContain('符合初级');
    expect(d.session.profile).toMatchObject({ education: '本科', levelCertificates: ['初级'], yearsSinceLevelCertificate: 2 });
  });

  it('keeps the story for a later question, as an object, not as text', async () => {
    const d = dialogue(fakePorts());
    await d.say('我大专毕业 干了两年了');
    expect(d.session.profile).toMatchObject({ education: '专科', yearsInWork: 2 });
    expect(d.session.profileText).toBeUndefined();
    const r = await d.say('那我能报初级吗');
    expect(text(r)).toContain('符合初级');
  });
});

describe('the level judged', () => {
  it('judges the level asked before when the story names only a level already held', async () => {
    const d = dialogue(fakePorts());
    await d.say('中级要什么条件');
    const r = text(await d.say('我硕士 前年拿的初级等级证 一直干这行'));
    expect(r).toContain('符合中级');
    expect(r).toContain('硕士学位');
    expect(r).toContain('按您有硕士学位判断');
  });

  it('judges the next level up when a held level is the only one named', async () => {
    const r = text(await dialogue(fakePorts()).say('我本科 有初级等级证书 拿了一年 我能报吗'));
    expect(r).toContain('中级');
    expect(r).not.toContain('符合初级');
  });

  it('reads "够年限吗" after a story as eligibility at the level named, not as the deadline', async () => {
    const r = text(await dialogue(fakePorts()).say('本科 2024年6月拿的初级等级 现在报中级够年限吗'));
    expect(r).toContain('满3年');
    expect(r).not.toContain('距截止');
  });

  it('reads "我能报中级吗" as eligibility', async () => {
    expect(text(await dialogue(fakePorts()).say('我能报中级吗'))).toContain('中级培训对象');
  });

  it('answers with the region’s own conditions when the occupation named is the resident’s field, not a course of the region', async () => {
    const r = text(await dialogue(fakePorts()).say('我闺女今年7月大专毕业 学的大数据技术 现在能报初级吗'));
    expect(r).toContain('大学专科学历，从事本职业技术工作满1年');
  });
});

describe('relative years in a story', () => {
  it('counts "去年评了助理工程师" as about a year since the title on the injected clock', async () => {
    const d = dialogue(fakePorts({ today: '2026-03-15' }));
    await d.say('我本科毕业 去年评了助理工程师 能报中级吗');
    expect(d.session.profile?.yearsSinceTitle).toBeGreaterThan(0.5);
    expect(d.session.profile?.yearsSinceTitle).toBeLessThan(1.5);
    expect(d.session.profile?.yearsEstimated).toBe(true);
  });
});
