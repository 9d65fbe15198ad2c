import { describe, expect, it } from 'vitest';
import { fakePorts } from './fake-ports.js';
import { dialogue, text } from '../fixtures/dialogues/converse.js';

describe('questions about several regions at once', () => {
  it('answers every region named, each with its own source', async () => {
    const d = dialogue(fakePorts());
    const r = await d.say('枣庄和浙江大数据的中级补贴分别多少');
    const reply = text(r);
    expect(reply).toContain('【枣庄】');
    expect(reply).toContain('【浙江】');
    expect(reply).toContain('1300');
    expect(reply).toContain('3900');
    expect(r.trace.sources.map((s) => s.doc)).toEqual(expect.arrayContaining(['zaozhuang-2026', 'jinhua-2024']));
  });

  it('gives the difference from the comparison tool when a comparison is asked', async () => {
    const d = dialogue(fakePorts());
    const r = await d.say('枣庄中级补贴比浙江大数据中级少多少');
    expect(text(r)).toContain('2600');
    expect(r.trace.tools.map((t) => t.name)).toContain('compare-quantities');
  });

  it('answers two occupations of one region side by side, with the difference from the comparison tool', async () => {
    const d = dialogue(fakePorts());
    const r = await d.say('浙江大数据和区块链中级补贴哪个多');
    const reply = text(r);
    expect(reply).toContain('【大数据工程技术人员】');
    expect(reply).toContain('【区块链工程技术人员】');
    expect(reply).toContain('3900');
    expect(reply).toContain('2400');
    expect(reply).toContain('1500');
    expect(r.trace.tools.map((t) => t.name)).toContain('compare-quantities');
  });

  it('adds up two levels asked for together with the total-cost tool, one person per level', async () => {
    const d = dialogue(fakePorts());
    const r = await d.say('我报初级我爱人报中级 扣掉补贴一共要自己出多少');
    expect(text(r)).toContain('4200');
    expect(text(r)).not.toContain('8400');
    expect(r.trace.tools.map((t) => t.name)).toContain('total-cost');
  });

  it('adds up the fees of two levels when only the fee is asked ("一共要交多少钱")', async () => {
    const d = dialogue(fakePorts());
    const r = await d.say('初级中级俺都想报 一共要交多少钱');
    expect(text(r)).toContain('6500');
    expect(r.trace.tools.map((t) => t.name)).toContain('total-cost');
  });

  it('keeps a one-region question one answer when another place is only mentioned', async () => {
    const d = dialogue(fakePorts());
    const r = await d.say('我老家浙江的 现在在枣庄上班 中级补贴多少');
    expect(text(r)).not.toContain('【浙江】');
  });
});

describe('comparisons between levels', () => {
  it.each([
    ['中级比初级多多少学时', '30'],
    ['初级和中级学费差多少', '500'],
  ])('"%s" gives each level and the difference (%s) from the comparison tool', async (question, difference) => {
    const d = dialogue(fakePorts());
    const r = await d.say(question);
    expect(text(r)).toContain('【初级】');
    expect(text(r)).toContain('【中级】');
    expect(text(r)).toContain(difference);
    expect(r.trace.tools.map((t) => t.name)).toContain('compare-quantities');
  });
});

describe('a window counted from the resident’s own date', () => {
  it.each([
    ['我的等级证书2025年10月发的 在金华 现在申请补贴还来得及吗', '还在期限内'],
    ['证书2025年1月就发了 金华现在还能申请补贴吗', '超过期限'],
  ])('"%s" is judged on the injected clock with the rule and its source', async (question, verdict) => {
    const d = dialogue(fakePorts({ today: '2026-03-15' }));
    const r = await d.say(question);
    expect(text(r)).toContain(verdict);
    expect(r.trace.tools.map((t) => t.name)).toContain('window-status');
    expect(r.trace.sources.map((s) => s.doc)).toContain('jinhua-2024');
  });
});

describe('two regions on the benefits of a certificate', () => {
  it('answers "待遇" for every region named, each with its source', async () => {
    const reply = text(await dialogue(fakePorts()).say('浙江和威海 拿高级证 待遇一样吗'));
    expect(reply).toContain('【浙江】');
    expect(reply).toContain('【威海】');
    expect(reply).toContain('高级工程师');
    expect(reply).toContain('威海市培育项目实施方案');
  });
});

describe('every level at once', () => {
  it('"补贴按等级不一样吗 差多少" answers each level and the difference from the comparison tool', async () => {
    const r = await dialogue(fakePorts()).say('补贴按等级不一样吗 差多少');
    const reply = text(r);
    expect(reply).toContain('【初级】');
    expect(reply).toContain('【中级】');
    expect(reply).toContain('多300元');
    expect(r.trace.tools.map((t) => t.name)).toContain('compare-quantities');
  });
});
