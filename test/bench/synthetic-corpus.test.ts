import { describe, expect, it } from 'vitest';
import type { IndexedChunk } from '../../knowledge/knowledge-base.js';
import { seededRandom, splitSentences, syntheticCorpus, variantDocId } from './synthetic-corpus.js';

const chunks: IndexedChunk[] = [
  { id: 'zaozhuang-2026#1', doc: 'zaozhuang-2026', section: '一、培训对象', text: '面向全市从业人员。每人限报一个等级；不得重复报名。', region: '枣庄', docTitle: '枣庄通知' },
  { id: 'weihai-2023#2', doc: 'weihai-2023', section: '二、培训内容', text: '培训分为线上和线下。线下不少于12学时。', region: '威海' },
  { id: 'jinhua-2024#3', doc: 'jinhua-2024', section: '三、补贴', text: '按规定享受培训补贴', region: '金华' },
];

describe('splitSentences', () => {
  it('cuts after Chinese full stops, semicolons and line breaks, keeping the punctuation', () => {
    expect(splitSentences('第一句。第二句；第三句\n第四句！')).toEqual(['第一句。', '第二句；', '第三句', '第四句！']);
  });

  it('keeps a text without sentence punctuation whole', () => {
    expect(splitSentences('按规定享受培训补贴')).toEqual(['按规定享受培训补贴']);
  });
});

describe('syntheticCorpus', () => {
  it('makes factor × as many chunks, the first copy being the originals unchanged', () => {
    const out = syntheticCorpus(chunks, 10);
    expect(out).toHaveLength(30);
    expect(out.slice(0, 3)).toEqual(chunks);
  });

  it('gives every chunk a distinct id and every copy its own document id, keeping region and section', () => {
    const out = syntheticCorpus(chunks, 10);
    expect(new Set(out.map((c) => c.id)).size).toBe(out.length);
    const copy = out.find((c) => c.id === `${variantDocId('weihai-2023', 4)}#2`);
    expect(copy).toMatchObject({ doc: 'weihai-2023~v004', region: '威海', section: '二、培训内容' });
  });

  it('never repeats a text: each copy reorders its sentences and borrows one from another chunk', () => {
    const out = syntheticCorpus(chunks, 20);
    expect(new Set(out.map((c) => c.text)).size).toBe(out.length);
    for (const c of out.slice(3)) {
      const original = chunks.find((o) => c.id.endsWith(o.id.slice(o.id.indexOf('#'))))!;
      for (const sentence of splitSentences(original.text)) expect(c.text).toContain(sentence);
      expect(c.text.length).toBeGreaterThan(original.text.length);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(syntheticCorpus(chunks, 5, 7)).toEqual(syntheticCorpus(chunks, 5, 7));
    expect(syntheticCorpus(chunks, 5, 7)).not.toEqual(syntheticCorpus(chunks, 5, 8));
  });

  it('refuses a factor below 1 or a fractional one, and an empty corpus', () => {
    expect(() => syntheticCorpus(chunks, 0)).toThrow(/factor/);
    expect(() => syntheticCorpus(chunks, 1.5)).toThrow(/factor/);
    expect(() => syntheticCorpus([], 3)).toThrow(/no chunks/);
  });
});

describe('seededRandom', () => {
  it('stays in [0, 1)', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const x = random();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
