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

  it.each([
    ['中级比初级自己多掏多少钱', '200'],
    ['我和我老公 他报中级我报初级 俩人扣完补贴自己一共出多少', '4200'],
    ['浙江大数据初级中级 总共能补多少', '7200'],
  ])('"%s" is computed by the total-cost tool (%s)', async (question, expected) => {
    const r = await dialogue(fakePorts()).say(question);
    expect(text(r)).toContain(expected);
    expect(r.trace.tools.map((t) => t.name)).toContain('total-cost');
  });

  it('"到底要多少钱 包不包吃住" gives the fee and what it leaves out, not a not-stated amount', async () => {
    const reply = text(await dialogue(fakePorts()).say('我想报个初级的那个班 到底要多少钱 包不包吃住'));
    expect(reply).toContain('3000');
    expect(reply).toContain('不含');
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
