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
