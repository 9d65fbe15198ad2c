/**
 * Shapes the knowledge base hands to the rest of the bot. Retrieval returns
 * passages with their source; nothing outside knowledge/ sees the index.
 */
import type { Region } from './facts/schema.js';

/** One indexed piece of a notice, cut along the notice's own headings. */
export interface Chunk {
  /** Stable id: `${doc}#${ordinal}`. */
  id: string;
  doc: string;
  /** Section path, e.g. "六、培训结果及政策保障 > （三）享受职称评定政策". */
  section: string;
  /** Normalised text of the chunk (what is shown and quoted). */
  text: string;
  region: Region;
}

/** A chunk found for a query, with its score on one documented scale. */
export interface Passage extends Chunk {
  /**
   * Fused relevance in [0, 1]: 1 means first in both the keyword and the
   * vector ranking. See knowledge/index/hybrid-index.ts for the formula.
   */
  score: number;
  /** Keyword (BM25) score before fusion, for "no passage good enough" checks. */
  keywordScore: number;
  /** Cosine similarity from the vector index before fusion, in [-1, 1]. */
  vectorScore: number;
}

export interface SearchOptions {
  k?: number;
  /** Keep only passages of these regions (金华 includes 浙江 via the caller). */
  regions?: Region[];
  /** Keep only passages of these documents. */
  docs?: string[];
}

/** What the engine needs from the knowledge base. */
export interface KnowledgeBase {
  search(query: string, options?: SearchOptions): Promise<Passage[]>;
  /** Every chunk, in document order (staff console, eval). */
  chunks(): readonly Chunk[];
  /** Version string of the index (manifest hash), shown in the console. */
  version(): string;
}
