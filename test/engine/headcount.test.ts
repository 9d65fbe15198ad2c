import { afterEach, describe, expect, it } from 'vitest';
import { defaultUnderstandingLanguage } from '../../knowledge/language/understanding-schema.js';
import { useUnderstandingLanguage } from '../../bot/engine/understand/lexicon.js';
import { headcountOf } from '../../bot/engine/understand/understand.js';
import { fakePorts } from './fake-ports.js';
import { dialogue, text } from '../fixtures/dialogues/converse.js';

afterEach(() => useUnderstandingLanguage(defaultUnderstandingLanguage()));

describe('costs for several people', () => {
  it.each([
    ['公司给3个员工报中级 补贴后一共要多少', '10500', '6600'],
    ['我和我媳妇都报初级 补贴完俩人一共花多少', '6000', '4000'],
  ])('"%s" gives the per-person cost and the total for the headcount from the total-cost tool', async (question, fee, net) => {
    const r = await dialogue(fakePorts()).say(question);
    expect(text(r)).toContain(fee);
    expect(text(r)).toContain(net);
    expect(r.trace.tools.map((t) => t.name)).toContain('total-cost');
    expect(r.trace.sources.map((s) => s.doc)).toContain('zaozhuang-2026');
  });

  it('keeps the headcount of an earlier turn for a later cost question', async () => {
    const d = dialogue(fakePorts());
    await d.say('我是HR 公司在薛城 有5个员工想报初级');
    const r = await d.say('总共多少钱 补贴后呢');
    expect(text(r)).toContain('15000');
    expect(text(r)).toContain('10000');
  });

  it('a short follow-up with only a headcount continues the cost question', async () => {
    const d = dialogue(fakePorts());
    await d.say('枣庄初级多少钱');
    const r = await d.say('俩人呢 我跟我对象一块报');
    expect(text(r)).toContain('6000');
    expect(text(r)).not.toContain('同时报');
  });

  it('adds no total for one person', async () => {
    const r = await dialogue(fakePorts()).say('枣庄中级多少钱');
    expect(text(r)).toContain('3500');
    expect(text(r)).not.toContain('合计');
  });

  it('reads the headcount from the language data: an operator\'s new way of saying it works without code', () => {
    expect(headcountOf('我和搭档一块报初级')).toBeUndefined();
    const data = structuredClone(defaultUnderstandingLanguage());
    data.headcount = { ...data.headcount!, pairs: `${data.headcount!.pairs}|我和搭档` };
    useUnderstandingLanguage(data);
    expect(headcountOf('我和搭档一块报初级')).toBe(2);
    expect(headcountOf('科室4个一块报初级')).toBeUndefined();
    data.headcount = { ...data.headcount!, counted: `${data.headcount!.counted}|科室{number}个` };
    useUnderstandingLanguage(data);
    expect(headcountOf('科室4个一块报初级')).toBe(4);
  });
});
