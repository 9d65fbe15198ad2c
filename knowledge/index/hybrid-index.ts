/**
 * The hybrid index: BM25 over jieba words and an HNSW vector index, fused
 * with reciprocal rank fusion.
 *
 * Score scale (Passage.score), in [0, 1]:
 *   score = (KEYWORD_WEIGHT · w(rankKeyword) + VECTOR_WEIGHT · w(rankVector))
 *           / ((KEYWORD_WEIGHT + VECTOR_WEIGHT) · w(1)),   w(r) = 1 / (RRF_K + r)
 * where a list the passage is absent from contributes 0. So 1 means first in
 * both rankings; first in one list only gives that list's share. The vector
 * side is lexical too (character n-grams) and noisier on short queries, so
 * the keyword ranking weighs more. The raw BM25
 * score and the cosine similarity stay on the passage for threshold checks.
 */
import type { Document } from '@langchain/core/documents';
import type { Embeddings } from '@langchain/core/embeddings';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { RegionSchema, type Region } from '../facts/schema.js';
import type { Chunk, KnowledgeBase, Passage, SearchOptions } from '../types.js';
import type { Bm25Index } from './bm25.js';
import type { HnswGraph, KnnResult, LabelFilter } from './hnsw-graph.js';
import { LexicalEmbeddings, type SparseVector } from './lexical-embeddings.js';
import { analyseQuery, normaliseQuery } from './text-analysis.js';

/** RRF constant: small, so that rank differences near the top still show in the score. */
export const RRF_K = 10;
export const KEYWORD_WEIGHT = 1;
export const VECTOR_WEIGHT = 0.5;
/** Default number of passages returned. */
export const DEFAULT_K = 5;
/** How many candidates each ranking contributes to the fusion (at least). */
export const CANDIDATES = 40;

/** A chunk as indexed: the document's short title is searchable but not part of `text`. */
export type IndexedChunk = Chunk & { docTitle?: string };

/** The text both indexes see for a chunk: short title, section path and text. */
export function searchableText(chunk: IndexedChunk): string {
  return [chunk.docTitle ?? '', chunk.section, chunk.text].filter(Boolean).join('\n');
}

/**
 * Regions a query names ("辽宁申报截止时间"). 金华 applies Zhejiang's plan, so
 * it names 浙江 too.
 */
export function regionsInQuery(normalisedQuery: string): Region[] {
  const named = RegionSchema.options.filter((r) => normalisedQuery.includes(r));
  if (named.includes('金华') && !named.includes('浙江')) named.push('浙江');
  return named;
}

function nonZero(vector: readonly number[]): boolean {
  for (let i = 0; i < vector.length; i++) if (vector[i] !== 0) return true;
  return false;
}

function nonZeroValues(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) return true;
  return false;
}

function plainChunk(c: IndexedChunk): Chunk {
  return { id: c.id, doc: c.doc, section: c.section, text: c.text, region: c.region };
}

export class HybridKnowledgeBase implements KnowledgeBase {
  private readonly plain: readonly Chunk[];
  /** HNSW label → chunk index (the docstore's metadata.index), for the graph port's filter and results. */
  private readonly chunkOfLabel = new Map<number, number>();

  /**
   * `graph`, when given, is the JS replay of the store's own HNSW search
   * (hnsw-graph.ts: same neighbours, same distances, without hnswlib-node's
   * per-query N-API copies); without it the store is searched directly.
   */
  constructor(
    chunks: readonly IndexedChunk[],
    readonly store: HNSWLib,
    readonly bm25: Bm25Index,
    readonly embeddings: Embeddings,
    private readonly versionString: string,
    private readonly graph?: HnswGraph,
  ) {
    this.plain = Object.freeze(chunks.map(plainChunk));
    if (graph) {
      for (const label of graph.labels) {
        const doc = store.docstore.search(String(label));
        const index = typeof doc === 'string' ? undefined : (doc.metadata['index'] as unknown);
        if (typeof index !== 'number') {
          this.graph = undefined;
          break;
        }
        this.chunkOfLabel.set(label, index);
      }
    }
  }

  chunks(): readonly Chunk[] {
    return this.plain;
  }

  version(): string {
    return this.versionString;
  }

  /** The chunk sets of the filters seen so far: a function of the corpus and the filter only, so kept (a handful of regions and documents). */
  private readonly allowedByFilter = new Map<string, ReadonlySet<number>>();

  /** Indices of the chunks a filter allows, or undefined for "all". */
  private allowed(options: SearchOptions): ReadonlySet<number> | undefined {
    const { regions, docs } = options;
    if ((!regions || regions.length === 0) && (!docs || docs.length === 0)) return undefined;
    const key = JSON.stringify([regions ?? [], docs ?? []]);
    const known = this.allowedByFilter.get(key);
    if (known) return known;
    const set = new Set<number>();
    this.plain.forEach((c, i) => {
      if (regions && regions.length && !regions.includes(c.region)) return;
      if (docs && docs.length && !docs.includes(c.doc)) return;
      set.add(i);
    });
    if (this.allowedByFilter.size < 256) this.allowedByFilter.set(key, set);
    return set;
  }

  private readonly masks = new WeakMap<ReadonlySet<number>, Uint8Array>();
  private readonly chunkMasks = new WeakMap<ReadonlySet<number>, Uint8Array>();

  /** The allowed chunks as a mask over chunk indices (the keyword index's filter runs per posting); kept per allowed set. */
  private chunkMask(allowed: ReadonlySet<number>): Uint8Array {
    let mask = this.chunkMasks.get(allowed);
    if (!mask) {
      mask = new Uint8Array(this.plain.length);
      for (const i of allowed) if (i >= 0 && i < mask.length) mask[i] = 1;
      this.chunkMasks.set(allowed, mask);
    }
    return mask;
  }

  /** The allowed chunks as a mask over HNSW labels (the graph's filter runs per visited point); kept per allowed set. */
  private labelMask(allowed: ReadonlySet<number>): Uint8Array | undefined {
    let mask = this.masks.get(allowed);
    if (!mask) {
      let maxLabel = 0;
      for (const label of this.chunkOfLabel.keys()) maxLabel = Math.max(maxLabel, label);
      if (maxLabel > 16 * this.chunkOfLabel.size + 1024) return undefined;
      mask = new Uint8Array(maxLabel + 1);
      for (const [label, chunk] of this.chunkOfLabel) if (allowed.has(chunk)) mask[label] = 1;
      this.masks.set(allowed, mask);
    }
    return mask;
  }

  /** The graph's filter for an allowed set: a mask over labels, else a predicate. */
  private labelFilter(allowed: ReadonlySet<number> | undefined): LabelFilter | undefined {
    if (!allowed) return undefined;
    const chunkOfLabel = this.chunkOfLabel;
    return this.labelMask(allowed) ?? ((label: number) => allowed.has(chunkOfLabel.get(label)!));
  }

  private hitsToRanking(hits: KnnResult): { doc: number; similarity: number }[] {
    const out = new Array<{ doc: number; similarity: number }>(hits.labels.length);
    for (let i = 0; i < out.length; i++) out[i] = { doc: this.chunkOfLabel.get(hits.labels[i]!)!, similarity: 1 - hits.distances[i]! };
    return out;
  }

  private async vectorRanking(query: number[], n: number, allowed?: ReadonlySet<number>): Promise<{ doc: number; similarity: number }[]> {
    if (n <= 0 || !nonZero(query)) return [];
    const graph = this.graph;
    if (graph) {
      // What similaritySearchVectorWithScore does, minus its copies: same k (it caps k at the count), same filter decisions.
      return this.hitsToRanking(graph.search(query, Math.min(n, graph.count), this.labelFilter(allowed)));
    }
    const filter = allowed ? (d: Document) => allowed.has(d.metadata['index'] as number) : undefined;
    // hnswlib throws when a filtered search finds fewer than n points; ask for fewer then.
    for (let want = n; want >= 1; want = Math.floor(want / 2)) {
      try {
        const hits = await this.store.similaritySearchVectorWithScore(query, want, filter);
        return hits.map(([d, distance]) => ({ doc: d.metadata['index'] as number, similarity: 1 - distance }));
      } catch {
        continue;
      }
    }
    return [];
  }

  /** vectorRanking for the lexical embedding's sparse query over the graph: the same ranking, without the dense vector. */
  private sparseRanking(graph: HnswGraph, query: SparseVector, n: number, allowed?: ReadonlySet<number>): { doc: number; similarity: number }[] {
    if (n <= 0 || !nonZeroValues(query.value)) return [];
    return this.hitsToRanking(graph.searchSparse(query, Math.min(n, graph.count), this.labelFilter(allowed)));
  }

  /** The stored point of a chunk and its sum of squares (kept per chunk: the same every time). */
  private pointOf(doc: number): { point: ArrayLike<number>; pn: number } {
    // The graph holds the very float32 values getPoint would copy out, so the sums below are the same.
    const point: ArrayLike<number> = this.graph?.point(doc) ?? this.store.index.getPoint(doc);
    let pn = this.pointNorms.get(doc);
    if (pn === undefined) {
      pn = 0;
      for (let i = 0; i < point.length; i += 1) pn += point[i]! * point[i]!;
      this.pointNorms.set(doc, pn);
    }
    return { point, pn };
  }

  private cosine(query: number[], doc: number): number {
    const { point, pn } = this.pointOf(doc);
    // Terms where the query is 0 add exact zeros to dot and qn, so only its non-zero entries are visited.
    let dot = 0;
    let qn = 0;
    for (let i = 0; i < query.length; i += 1) {
      const q = query[i]!;
      if (q === 0) continue;
      dot += q * point[i]!;
      qn += q * q;
    }
    return qn && pn ? dot / Math.sqrt(qn * pn) : 0;
  }

  /** `cosine` for a sparse query: its non-zero entries in the same (ascending) order, so the same sums. */
  private cosineSparse(query: SparseVector, doc: number): number {
    const { point, pn } = this.pointOf(doc);
    let dot = 0;
    let qn = 0;
    for (let j = 0; j < query.index.length; j += 1) {
      const q = query.value[j]!;
      if (q === 0) continue;
      dot += q * point[query.index[j]!]!;
      qn += q * q;
    }
    return qn && pn ? dot / Math.sqrt(qn * pn) : 0;
  }

  private readonly pointNorms = new Map<number, number>();

  /** Per-chunk scratch of the fusion, reused by every search (the fusion runs without an await in between). */
  private fusionScratch: { score: Float64Array; keyword: Float64Array; vector: Float64Array; hasVector: Uint8Array; seen: Uint8Array; pref: Uint8Array; order: Int32Array } | undefined;

  async search(query: string, options: SearchOptions = {}): Promise<Passage[]> {
    const k = options.k ?? DEFAULT_K;
    const normalised = normaliseQuery(query);
    if (normalised === '' || k <= 0) return [];
    const allowed = this.allowed(options);
    const pool = allowed ? allowed.size : this.plain.length;
    if (pool === 0) return [];

    const terms = analyseQuery(normalised);
    const keyword = this.bm25.search(terms, allowed ? this.chunkMask(allowed) : undefined, Math.max(CANDIDATES, k));
    let expanded = normalised;
    for (const [t, weight] of terms) if (weight < 1) expanded += ` ${t}`;
    const n = Math.min(pool, Math.max(CANDIDATES, k));
    // The lexical embedding over the graph is searched by its non-zero entries (synchronously); any other by the dense vector.
    let sparse: SparseVector | undefined;
    let dense: number[] | undefined;
    let nearest: { doc: number; similarity: number }[];
    if (this.graph && this.embeddings instanceof LexicalEmbeddings) {
      sparse = this.embeddings.embedSparse(expanded);
      nearest = this.sparseRanking(this.graph, sparse, n, allowed);
    } else {
      dense = await this.embeddings.embedQuery(expanded);
      nearest = await this.vectorRanking(dense, n, allowed);
    }
    return this.fuse(keyword, nearest, k, options.regions?.length ? [] : regionsInQuery(normalised), sparse, dense);
  }

  /**
   * Reciprocal rank fusion of the two rankings and the first k by
   * (preferred region, score desc, chunk order): a strict total order, so
   * keeping a sorted list of k gives exactly what sorting all candidates and
   * slicing does. A region named in the query (and no explicit filter) puts
   * that region's passages first.
   */
  private fuse(
    keyword: ReadonlyArray<{ doc: number; score: number }>,
    nearest: ReadonlyArray<{ doc: number; similarity: number }>,
    k: number,
    named: readonly Region[],
    sparse: SparseVector | undefined,
    dense: number[] | undefined,
  ): Passage[] {
    const size = this.plain.length;
    const f = (this.fusionScratch ??= {
      score: new Float64Array(size),
      keyword: new Float64Array(size),
      vector: new Float64Array(size),
      hasVector: new Uint8Array(size),
      seen: new Uint8Array(size),
      pref: new Uint8Array(size),
      order: new Int32Array(size),
    });
    let count = 0;
    for (let r = 0; r < keyword.length; r++) {
      const { doc, score } = keyword[r]!;
      if (f.seen[doc] === 0) {
        f.seen[doc] = 1;
        f.order[count++] = doc;
      }
      f.score[doc] = KEYWORD_WEIGHT * (1 / (RRF_K + (r + 1)));
      f.keyword[doc] = score;
    }
    for (let r = 0; r < nearest.length; r++) {
      const { doc, similarity } = nearest[r]!;
      if (f.seen[doc] === 0) {
        f.seen[doc] = 1;
        f.order[count++] = doc;
        f.score[doc] = 0;
        f.keyword[doc] = 0;
      }
      f.score[doc] = f.score[doc]! + VECTOR_WEIGHT * (1 / (RRF_K + (r + 1)));
      f.vector[doc] = similarity;
      f.hasVector[doc] = 1;
    }
    const best: number[] = [];
    for (let i = 0; i < count; i++) {
      const doc = f.order[i]!;
      f.pref[doc] = named.length === 0 || named.includes(this.plain[doc]!.region) ? 0 : 1;
      if (best.length === k && !this.fusedBefore(f, doc, best[k - 1]!)) continue;
      let at = best.length;
      while (at > 0 && this.fusedBefore(f, doc, best[at - 1]!)) at--;
      best.splice(at, 0, doc);
      if (best.length > k) best.pop();
    }
    const top = (KEYWORD_WEIGHT + VECTOR_WEIGHT) * (1 / (RRF_K + 1));
    const out = best.map((doc): Passage => {
      const c = this.plain[doc]!;
      // The chunk's fields spelled out (the same keys in the same order as spreading it), then the scores.
      return {
        id: c.id,
        doc: c.doc,
        section: c.section,
        text: c.text,
        region: c.region,
        score: Math.min(1, f.score[doc]! / top),
        keywordScore: f.keyword[doc]!,
        vectorScore: f.hasVector[doc] === 1 ? f.vector[doc]! : sparse ? this.cosineSparse(sparse, doc) : this.cosine(dense!, doc),
      };
    });
    for (let i = 0; i < count; i++) {
      const doc = f.order[i]!;
      f.seen[doc] = 0;
      f.hasVector[doc] = 0;
    }
    return out;
  }

  /** True when chunk a comes strictly before chunk b: preferred region, then higher score, then chunk order. */
  private fusedBefore(f: { score: Float64Array; pref: Uint8Array }, a: number, b: number): boolean {
    const byPref = f.pref[a]! - f.pref[b]!;
    if (byPref !== 0) return byPref < 0;
    const byScore = f.score[b]! - f.score[a]!;
    if (byScore !== 0) return byScore < 0;
    return a < b;
  }
}
