import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LexicalEmbeddings } from '../../knowledge/index/lexical-embeddings.js';

/** The embedding as first written: every gram built as a string, then hashed (FNV-1a 32). */
function referenceEmbed(text: string, idf: Float64Array, dimensions: number): number[] {
  const hash = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i += 1) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  };
  const weights = [0, 0.4, 1, 1];
  const counts = new Map<number, number>();
  for (const seg of text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [...seg];
    for (let n = 1; n <= 3; n += 1) {
      for (let i = 0; i + n <= chars.length; i += 1) {
        const bucket = hash(`${n}${chars.slice(i, i + n).join('')}`) % dimensions;
        counts.set(bucket, (counts.get(bucket) ?? 0) + weights[n]!);
      }
    }
  }
  const v = new Array<number>(dimensions).fill(0);
  let norm = 0;
  for (const [bucket, tf] of counts) {
    const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * idf[bucket]!;
    v[bucket] = w;
    norm += w * w;
  }
  if (norm > 0) for (let i = 0; i < v.length; i += 1) v[i]! *= 1 / Math.sqrt(norm);
  return v;
}

describe('the lexical embedding', () => {
  it('hashes grams without building them and still gives exactly the vectors of the string-by-string version', () => {
    const notices = readFileSync('knowledge/docs/zaozhuang-2026.txt', 'utf8').split(/\n+/u).filter(Boolean).slice(0, 200);
    const texts = [...notices, '退钱吗？', '𠀀𠀁中文 mixed ABC123', '\ud800 lone surrogate 字', '', '！！！'];
    const emb = LexicalEmbeddings.fit(notices, 256);
    const idf = Float64Array.from(emb.state().idf);
    for (const t of texts) expect(emb.embed(t)).toEqual(referenceEmbed(t, idf, 256));
  });

  it('gives as its sparse form exactly the non-zero entries of the dense vector, buckets ascending', () => {
    const notices = readFileSync('knowledge/docs/zaozhuang-2026.txt', 'utf8').split(/\n+/u).filter(Boolean).slice(0, 200);
    const emb = LexicalEmbeddings.fit(notices, 1024);
    for (const t of [...notices, '枣庄中级培训补贴多少？', '退钱吗', '', '！！！', '𠀀𠀁中文 mixed ABC123']) {
      const dense = emb.embed(t);
      const sparse = emb.embedSparse(t);
      const nonZero = dense.flatMap((x, i) => (x !== 0 ? [i] : []));
      expect([...sparse.index]).toEqual(nonZero);
      expect([...sparse.value]).toEqual(nonZero.map((i) => dense[i]));
    }
  });
});
