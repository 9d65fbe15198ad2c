/**
 * A deterministic, offline embedding for Chinese: hashed character uni-, bi-
 * and tri-grams weighted by TF-IDF (IDF fitted on the corpus), L2-normalised,
 * in a fixed dimension. It implements LangChain's `Embeddings`, so HNSWLib
 * stores and searches its vectors like any other model's.
 */
import { Embeddings } from '@langchain/core/embeddings';

export const LEXICAL_DIMENSIONS = 1024;
/** Weight of a gram by its length: single characters say little on their own. */
const GRAM_WEIGHTS = [0, 0.4, 1, 1] as const;

/** What a fitted lexical embedding needs to reproduce its vectors (persisted with the index). */
export interface LexicalEmbeddingsState {
  kind: 'lexical';
  dimensions: number;
  /** IDF per hash bucket. */
  idf: number[];
}

/** Runs of letters and digits; punctuation and spaces break grams. */
function segments(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The raw (length-weighted) term frequency of a text's grams per bucket,
 * added into `counts` (zero on entry for every bucket); the buckets in the
 * order they were first touched go to `order`, and their number is returned.
 * A gram's bucket is FNV-1a-32(`${n}${gram}`) % dimensions, the hash carried
 * over the gram's UTF-16 code units directly instead of building each gram
 * string (the same numbers: test/knowledge/lexical-embeddings.test.ts).
 */
function countGrams(text: string, dimensions: number, counts: Float64Array, scratch: { order: Int32Array; starts: Int32Array }): number {
  let touched = 0;
  for (const seg of segments(text)) {
    // Code-unit boundaries of each code point ([...seg] splits by code point).
    if (scratch.starts.length < seg.length + 1) scratch.starts = new Int32Array(2 * seg.length + 2);
    const starts = scratch.starts;
    let chars = 0;
    for (let u = 0; u < seg.length; u += 1) {
      starts[chars++] = u;
      const c = seg.charCodeAt(u);
      if (c >= 0xd800 && c <= 0xdbff && u + 1 < seg.length) {
        const d = seg.charCodeAt(u + 1);
        if (d >= 0xdc00 && d <= 0xdfff) u += 1;
      }
    }
    starts[chars] = seg.length;
    for (let n = 1; n <= 3; n += 1) {
      const prefix = Math.imul(FNV_OFFSET ^ (48 + n), FNV_PRIME);
      const weight = GRAM_WEIGHTS[n]!;
      for (let i = 0; i + n <= chars; i += 1) {
        let h = prefix;
        for (let u = starts[i]!; u < starts[i + n]!; u += 1) h = Math.imul(h ^ seg.charCodeAt(u), FNV_PRIME);
        const bucket = (h >>> 0) % dimensions;
        const before = counts[bucket]!;
        if (before === 0) {
          if (touched === scratch.order.length) {
            const grown = new Int32Array(2 * touched + 64);
            grown.set(scratch.order);
            scratch.order = grown;
          }
          scratch.order[touched++] = bucket;
        }
        counts[bucket] = before + weight;
      }
    }
  }
  return touched;
}

/** Bucket → raw (length-weighted) term frequency of a text's grams, buckets in first-touch order (countGrams as a Map). */
function gramCounts(text: string, dimensions: number): Map<number, number> {
  const counts = new Float64Array(dimensions);
  const scratch = { order: new Int32Array(64), starts: new Int32Array(64) };
  const n = countGrams(text, dimensions, counts, scratch);
  const out = new Map<number, number>();
  for (let j = 0; j < n; j++) out.set(scratch.order[j]!, counts[scratch.order[j]!]!);
  return out;
}

/** A vector's non-zero entries: `index` ascending, `value[j]` the entry at `index[j]`. */
export interface SparseVector {
  index: Int32Array;
  value: Float64Array;
}

/** Sort the entries by ascending index in place (a few dozen, nearly in order: insertion sort). */
function sortByIndex(index: Int32Array, value: Float64Array): SparseVector {
  for (let i = 1; i < index.length; i += 1) {
    const at = index[i]!;
    const v = value[i]!;
    let j = i - 1;
    while (j >= 0 && index[j]! > at) {
      index[j + 1] = index[j]!;
      value[j + 1] = value[j]!;
      j -= 1;
    }
    index[j + 1] = at;
    value[j + 1] = v;
  }
  return { index, value };
}

export class LexicalEmbeddings extends Embeddings {
  readonly dimensions: number;
  private readonly idf: Float64Array;
  /** Scratch of embedSparse (synchronous): counts per bucket, all zero between calls, and the touched buckets. */
  private counts: Float64Array | undefined;
  private readonly scratch = { order: new Int32Array(256), starts: new Int32Array(256) };

  constructor(state: LexicalEmbeddingsState) {
    super({});
    if (state.idf.length !== state.dimensions) throw new Error(`idf has ${state.idf.length} entries for ${state.dimensions} dimensions`);
    this.dimensions = state.dimensions;
    this.idf = Float64Array.from(state.idf);
  }

  /** Fit the IDF on a corpus (smoothed: log((N + 1) / (df + 1)) + 1). */
  static fit(texts: readonly string[], dimensions: number = LEXICAL_DIMENSIONS): LexicalEmbeddings {
    const df = new Float64Array(dimensions);
    for (const t of texts) for (const bucket of gramCounts(t, dimensions).keys()) df[bucket]! += 1;
    const n = texts.length;
    const idf = Array.from(df, (d) => Math.log((n + 1) / (d + 1)) + 1);
    return new LexicalEmbeddings({ kind: 'lexical', dimensions, idf });
  }

  /** The state to persist; `new LexicalEmbeddings(state)` embeds exactly as this one. */
  state(): LexicalEmbeddingsState {
    return { kind: 'lexical', dimensions: this.dimensions, idf: Array.from(this.idf) };
  }

  /**
   * The embedding's non-zero entries, buckets ascending: `embed` is this
   * vector written out densely (the same values, computed the same way).
   * The search side reads only these (a question touches a few dozen of the
   * buckets), so it never walks the zeros.
   */
  embedSparse(text: string): SparseVector {
    // The counts in a scratch array kept between calls (zero again before returning), buckets in first-touch order.
    const counts = (this.counts ??= new Float64Array(this.dimensions));
    const touched = countGrams(text, this.dimensions, counts, this.scratch);
    const index = new Int32Array(touched);
    const value = new Float64Array(touched);
    let norm = 0;
    for (let j = 0; j < touched; j++) {
      const bucket = this.scratch.order[j]!;
      const tf = counts[bucket]!;
      counts[bucket] = 0;
      // Sublinear TF: a gram repeated ten times is not ten times as telling.
      const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * this.idf[bucket]!;
      index[j] = bucket;
      value[j] = w;
      norm += w * w;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < value.length; i += 1) value[i]! *= inv;
    }
    return sortByIndex(index, value);
  }

  /** Synchronous embedding (the async methods wrap it). A text without letters or digits gives the zero vector. */
  embed(text: string): number[] {
    const v = new Array<number>(this.dimensions).fill(0);
    const sparse = this.embedSparse(text);
    for (let j = 0; j < sparse.index.length; j += 1) v[sparse.index[j]!] = sparse.value[j]!;
    return v;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }
}
