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
import type { HnswGraph } from './hnsw-graph.js';
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

  private async vectorRanking(query: number[], n: number, allowed?: ReadonlySet<number>): Promise<{ doc: number; similarity: number }[]> {
    if (n <= 0 || !nonZero(query)) return [];
    const graph = this.graph;
    if (graph) {
      // What similaritySearchVectorWithScore does, minus its copies: same k (it caps k at the count), same filter decisions.
      const chunkOf = (label: number) => this.chunkOfLabel.get(label)!;
      const mask = allowed ? this.labelMask(allowed) : undefined;
      const filter = mask ? (label: number) => mask[label] === 1 : allowed ? (label: number) => allowed.has(chunkOf(label)) : undefined;
      const hits = graph.search(query, Math.min(n, graph.count), filter);
      return hits.labels.map((label, i) => ({ doc: chunkOf(label), similarity: 1 - hits.distances[i]! }));
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

  private cosine(query: number[], doc: number): number {
    // The graph holds the very float32 values getPoint would copy out, so the sums below are the same.
    const point: ArrayLike<number> = this.graph?.point(doc) ?? this.store.index.getPoint(doc);
    // Terms where the query is 0 add exact zeros to dot and qn, so only its non-zero entries are
    // visited; the point's own sum of squares is the same every time and is kept per chunk.
    let dot = 0;
    let qn = 0;
    for (let i = 0; i < query.length; i += 1) {
      const q = query[i]!;
      if (q === 0) continue;
      dot += q * point[i]!;
      qn += q * q;
    }
    let pn = this.pointNorms.get(doc);
    if (pn === undefined) {
      pn = 0;
      for (let i = 0; i < point.length; i += 1) pn += point[i]! * point[i]!;
      this.pointNorms.set(doc, pn);
    }
    return qn && pn ? dot / Math.sqrt(qn * pn) : 0;
  }

  private readonly pointNorms = new Map<number, number>();

  async search(query: string, options: SearchOptions = {}): Promise<Passage[]> {
    const k = options.k ?? DEFAULT_K;
    const normalised = normaliseQuery(query);
    if (normalised === '' || k <= 0) return [];
    const allowed = this.allowed(options);
    const pool = allowed ? allowed.size : this.plain.length;
    if (pool === 0) return [];

    const terms = analyseQuery(normalised);
    const chunkMask = allowed ? this.chunkMask(allowed) : undefined;
    const keyword = this.bm25.search(terms, chunkMask ? (d) => chunkMask[d] === 1 : undefined, Math.max(CANDIDATES, k));
    const expansions = [...terms].filter(([, w]) => w < 1).map(([t]) => t);
    const vector = await this.embeddings.embedQuery(expansions.length ? `${normalised} ${expansions.join(' ')}` : normalised);
    const nearest = await this.vectorRanking(vector, Math.min(pool, Math.max(CANDIDATES, k)), allowed);

    const w = (rank: number) => 1 / (RRF_K + rank);
    const fused = new Map<number, { score: number; keywordScore: number; vectorScore?: number }>();
    keyword.forEach((hit, r) => fused.set(hit.doc, { score: KEYWORD_WEIGHT * w(r + 1), keywordScore: hit.score }));
    nearest.forEach((hit, r) => {
      const entry = fused.get(hit.doc) ?? { score: 0, keywordScore: 0 };
      entry.score += VECTOR_WEIGHT * w(r + 1);
      entry.vectorScore = hit.similarity;
      fused.set(hit.doc, entry);
    });
    // A region named in the query (and no explicit filter) puts that region's passages first.
    const named = options.regions?.length ? [] : regionsInQuery(normalised);
    const preferred = (doc: number) => (named.length === 0 || named.includes(this.plain[doc]!.region) ? 0 : 1);
    // The first k of the candidates ordered by (preferred region, score desc, chunk order): a strict
    // total order, so keeping a sorted list of k gives exactly what sorting all of them and slicing does.
    type Ranked = { doc: number; pref: number; e: { score: number; keywordScore: number; vectorScore?: number } };
    const before = (a: Ranked, b: Ranked) => a.pref - b.pref || b.e.score - a.e.score || a.doc - b.doc;
    const best: Ranked[] = [];
    for (const [doc, e] of fused) {
      const r = { doc, pref: preferred(doc), e };
      if (best.length === k && before(r, best[k - 1]!) >= 0) continue;
      let at = best.length;
      while (at > 0 && before(r, best[at - 1]!) < 0) at--;
      best.splice(at, 0, r);
      if (best.length > k) best.pop();
    }
    const top = best.map((r) => [r.doc, r.e] as const);
    return top.map(([doc, e]) => {
      const c = this.plain[doc]!;
      // The chunk's fields spelled out (the same keys in the same order as spreading it), then the scores.
      return {
        id: c.id,
        doc: c.doc,
        section: c.section,
        text: c.text,
        region: c.region,
        score: Math.min(1, e.score / ((KEYWORD_WEIGHT + VECTOR_WEIGHT) * w(1))),
        keywordScore: e.keywordScore,
        vectorScore: e.vectorScore ?? this.cosine(vector, doc),
      };
    });
  }
}
