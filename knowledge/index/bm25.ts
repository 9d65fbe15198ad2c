/**
 * BM25 keyword index over jieba-segmented text. Documents are the chunks'
 * searchable texts (short title + section + text); the data is plain JSON so
 * it is saved with the vector index and loaded without segmenting again.
 */
import { z } from 'zod';
import { analyse } from './text-analysis.js';

export const BM25_PARAMS = { k1: 1.2, b: 0.75 } as const;

export const Bm25DataSchema = z.object({
  /** Per document: [term, frequency] pairs. */
  docs: z.array(z.array(z.tuple([z.string(), z.number().int().positive()]))),
  lengths: z.array(z.number().int().nonnegative()),
});
export type Bm25Data = z.infer<typeof Bm25DataSchema>;

/** Segment and count the terms of every text. */
export function buildBm25Data(texts: readonly string[]): Bm25Data {
  const docs: [string, number][][] = [];
  const lengths: number[] = [];
  for (const t of texts) {
    const counts = new Map<string, number>();
    const terms = analyse(t);
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    docs.push([...counts]);
    lengths.push(terms.length);
  }
  return { docs, lengths };
}

/** Scores a weighted query against every document, through an inverted index. */
export class Bm25Index {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly avgLength: number;
  readonly size: number;

  constructor(readonly data: Bm25Data) {
    this.size = data.docs.length;
    data.docs.forEach((terms, doc) => {
      for (const [term, tf] of terms) {
        const list = this.postings.get(term);
        if (list) list.push({ doc, tf });
        else this.postings.set(term, [{ doc, tf }]);
      }
    });
    this.avgLength = data.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.size);
  }

  /** IDF (BM25+ style, never negative). */
  private idf(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * Scores of the documents matching at least one term, best first. `allowed`
   * restricts the documents considered (region/doc filters).
   */
  search(terms: ReadonlyMap<string, number>, allowed?: (doc: number) => boolean): { doc: number; score: number }[] {
    const { k1, b } = BM25_PARAMS;
    const scores = new Map<number, number>();
    for (const [term, weight] of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(list.length);
      for (const { doc, tf } of list) {
        if (allowed && !allowed(doc)) continue;
        const norm = tf + k1 * (1 - b + (b * (this.data.lengths[doc] ?? 0)) / (this.avgLength || 1));
        scores.set(doc, (scores.get(doc) ?? 0) + weight * idf * ((tf * (k1 + 1)) / norm));
      }
    }
    return [...scores].map(([doc, score]) => ({ doc, score })).sort((x, y) => y.score - x.score || x.doc - y.doc);
  }
}
