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

/** FNV-1a 32-bit. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Runs of letters and digits; punctuation and spaces break grams. */
function segments(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Bucket → raw (length-weighted) term frequency of a text's grams. */
function gramCounts(text: string, dimensions: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const seg of segments(text)) {
    const chars = [...seg];
    for (let n = 1; n <= 3; n += 1) {
      for (let i = 0; i + n <= chars.length; i += 1) {
        const bucket = hash(`${n}${chars.slice(i, i + n).join('')}`) % dimensions;
        counts.set(bucket, (counts.get(bucket) ?? 0) + GRAM_WEIGHTS[n]!);
      }
    }
  }
  return counts;
}

export class LexicalEmbeddings extends Embeddings {
  readonly dimensions: number;
  private readonly idf: Float64Array;

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

  /** Synchronous embedding (the async methods wrap it). A text without letters or digits gives the zero vector. */
  embed(text: string): number[] {
    const v = new Array<number>(this.dimensions).fill(0);
    let norm = 0;
    for (const [bucket, tf] of gramCounts(text, this.dimensions)) {
      // Sublinear TF: a gram repeated ten times is not ten times as telling.
      const w = (tf >= 1 ? 1 + Math.log(tf) : tf) * this.idf[bucket]!;
      v[bucket] = w;
      norm += w * w;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < v.length; i += 1) v[i]! *= inv;
    }
    return v;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }
}
