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
  /** Per term: the documents containing it and each one's BM25 term weight (tf part, length-normalised), precomputed. */
  private readonly postings = new Map<string, { docs: Int32Array; weights: Float64Array }>();
  readonly size: number;
  /** Scratch score per document, reused across searches (searches are synchronous). */
  private readonly scratch: Float64Array;

  constructor(readonly data: Bm25Data) {
    this.size = data.docs.length;
    this.scratch = new Float64Array(this.size);
    const { k1, b } = BM25_PARAMS;
    const avgLength = data.lengths.reduce((a, c) => a + c, 0) / Math.max(1, this.size) || 1;
    const lists = new Map<string, Array<[number, number]>>();
    data.docs.forEach((terms, doc) => {
      for (const [term, tf] of terms) {
        const norm = tf + k1 * (1 - b + (b * (data.lengths[doc] ?? 0)) / avgLength);
        const entry: [number, number] = [doc, (tf * (k1 + 1)) / norm];
        const list = lists.get(term);
        if (list) list.push(entry);
        else lists.set(term, [entry]);
      }
    });
    for (const [term, list] of lists) {
      this.postings.set(term, { docs: Int32Array.from(list, (e) => e[0]), weights: Float64Array.from(list, (e) => e[1]) });
    }
  }

  /** IDF (BM25+ style, never negative). */
  private idf(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * `search` for a small corpus: scores summed without a branch per posting (which document a posting
   * first touches is unpredictable), then one ordered scan over all documents. A document enters the
   * best list only above the limit-th best score (above 0 until the list is full): scanned in order, one
   * that merely ties comes after the kept ones, so this is exactly the first `limit` of the full sort.
   * Every contribution is positive, so a document no term matched (score 0) never enters.
   */
  private searchByScan(terms: ReadonlyMap<string, number>, mask: Uint8Array | undefined, limit: number): { doc: number; score: number }[] {
    const scores = this.scratch;
    for (const [term, weight] of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const w = weight * this.idf(list.docs.length);
      const { docs, weights } = list;
      if (mask === undefined) {
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          scores[doc] = scores[doc]! + w * weights[i]!;
        }
      } else {
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          if (mask[doc] === 1) scores[doc] = scores[doc]! + w * weights[i]!;
        }
      }
    }
    const best: number[] = [];
    let last = 0;
    for (let doc = 0; doc < this.size; doc++) {
      const s = scores[doc]!;
      if (!(s > last)) continue;
      let at = best.length;
      while (at > 0 && scores[best[at - 1]!]! < s) at--;
      best.splice(at, 0, doc);
      if (best.length > limit) best.pop();
      if (best.length === limit) last = scores[best[limit - 1]!]!;
    }
    const out = new Array<{ doc: number; score: number }>(best.length);
    for (let i = 0; i < best.length; i++) out[i] = { doc: best[i]!, score: scores[best[i]!]! };
    scores.fill(0);
    return out;
  }

  /**
   * Scores of the documents matching at least one term, best first (ties by
   * document order). `allowed` restricts the documents considered
   * (region/doc filters): a mask over documents (1 = allowed) or a
   * predicate; `limit` keeps only the best ones.
   */
  search(terms: ReadonlyMap<string, number>, allowed?: Uint8Array | ((doc: number) => boolean), limit = Infinity): { doc: number; score: number }[] {
    const scores = this.scratch;
    const mask = allowed instanceof Uint8Array ? allowed : undefined;
    const accepts = typeof allowed === 'function' ? allowed : undefined;
    if (this.size <= SCAN_LIMIT && limit <= SCAN_LIMIT && accepts === undefined) return this.searchByScan(terms, mask, limit);
    const touched: number[] = [];
    for (const [term, weight] of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const w = weight * this.idf(list.docs.length);
      const { docs, weights } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        if (mask !== undefined ? mask[doc] !== 1 : accepts !== undefined && !accepts(doc)) continue;
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += w * weights[i]!;
      }
    }
    if (touched.length <= limit * 4) {
      // Few matches: sort the documents themselves by (score desc, document), then take the first `limit`.
      sortScores = scores;
      touched.sort(byScoreOf);
      const n = Math.min(limit, touched.length);
      const out = new Array<{ doc: number; score: number }>(n);
      for (let i = 0; i < n; i++) out[i] = { doc: touched[i]!, score: scores[touched[i]!]! };
      for (const doc of touched) scores[doc] = 0;
      return out;
    }
    const out = touched.map(toHit, scores);
    for (const doc of touched) scores[doc] = 0;
    // Many matches (common terms in a large corpus): keep a bounded best list instead of sorting everything.
    const best: { doc: number; score: number }[] = [];
    for (const r of out) {
      if (best.length < limit) {
        best.push(r);
        if (best.length === limit) best.sort(byScore);
      } else if (byScore(r, best[best.length - 1]!) < 0) {
        let i = best.length - 1;
        while (i > 0 && byScore(r, best[i - 1]!) < 0) i--;
        best.splice(i, 0, r);
        best.pop();
      }
    }
    return best.length < limit ? best.sort(byScore) : best;
  }
}

/** Up to this many documents (and wanted results) a search scans them all instead of keeping the touched ones. */
const SCAN_LIMIT = 4096;

/** The scores `byScoreOf` compares documents by (set just before a sort; searches are synchronous). */
let sortScores: Float64Array = new Float64Array(0);

/** Documents best first by sortScores, ties by document order (byScore on document numbers). */
function byScoreOf(x: number, y: number): number {
  return sortScores[y]! - sortScores[x]! || x - y;
}

/** Best first, ties by document order. */
function byScore(x: { doc: number; score: number }, y: { doc: number; score: number }): number {
  return y.score - x.score || x.doc - y.doc;
}

/** A touched document with its score (`this` is the score array). */
function toHit(this: Float64Array, doc: number): { doc: number; score: number } {
  return { doc, score: this[doc]! };
}
