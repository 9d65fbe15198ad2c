/**
 * A question that names no region is read for the default region, unless the question itself says
 * whose notice it is about: an applying institution's voice (the notices whose documents.json
 * `audience` is institutions), or one region's fact asked for in so many words. Generic questions
 * stay with the default region.
 */
import { describe, expect, it } from 'vitest';
import { fakePorts } from './fake-ports.js';
import { dialogue, text } from '../fixtures/dialogues/converse.js';

const say = async (message: string) => dialogue(fakePorts()).say(message);

describe('the region a question is about without naming it', () => {
  it.each([
    ['2019年成立的公司能申报培训机构吗', '2018年12月31日'],
    ['我们机构一年培训1500人次 够条件吗', '2000'],
    ['一个机构能同时报几个职业吗', '多个职业'],
    ['电子版发哪个邮箱', 'lnrstzjc@126.com'],
  ])('"%s" is answered from the notice for institutions (%s), which the reply names', async (question, token) => {
    const r = await say(question);
    expect(text(r)).toContain(token);
    expect(r.trace.sources.map((s) => s.doc)).toContain('liaoning-2023');
  });

  it.each([['截止时间'], ['专业技术等级证书谁发'], ['补贴多少']])('"%s" stays with the default region', async (question) => {
    const r = await say(question);
    expect(r.trace.sources.map((s) => s.doc)).toContain('zaozhuang-2026');
    expect(r.trace.sources.map((s) => s.doc)).not.toContain('liaoning-2023');
  });

  it('a resident registering for a level is not read as an institution', async () => {
    const r = await say('初级怎么报名');
    expect(r.trace.sources.map((s) => s.doc)).not.toContain('liaoning-2023');
  });
});

describe('which notice of a region', () => {
  it('prefers the region’s latest notice when the question names no year ("等级考试谁组织" → 2026: 中国电子学会)', async () => {
    const r = await say('等级考试谁组织');
    expect(text(r)).toContain('中国电子学会');
    expect(r.trace.sources.map((s) => s.doc)).toContain('zaozhuang-2026');
  });
});

describe('an uncovered place the resident goes to', () => {
  it('"去青岛上线下课的路费住宿谁出" is answered (the fee leaves travel and lodging out), not refused as another city', async () => {
    const reply = text(await say('去青岛上线下课的路费住宿谁出'));
    expect(reply).toContain('自理');
  });

  it('"青岛补贴多少" is still another city the notices do not cover', async () => {
    expect(text(await say('青岛补贴多少'))).toContain('没有青岛的政策');
  });
});
