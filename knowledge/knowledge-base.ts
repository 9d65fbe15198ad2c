/**
 * The knowledge base: the five notices chunked and indexed (BM25 + HNSW),
 * persisted under DTE_INDEX_DIR and rebuilt when a notice or a parameter
 * changes. Only knowledge/ sees the index; the rest of the bot uses the
 * `KnowledgeBase` interface of knowledge/types.ts.
 */
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { CHUNKING } from './ingest/chunking-params.js';
import type { IngestAction } from './ingest/chunk-document.js';
import { ingestSources, readSources, type Sources } from './ingest/ingest-documents.js';
import { BM25_PARAMS, Bm25Index, buildBm25Data } from './index/bm25.js';
import { CANDIDATES, HybridKnowledgeBase, KEYWORD_WEIGHT, RRF_K, VECTOR_WEIGHT, searchableText, type IndexedChunk } from './index/hybrid-index.js';
import { embeddingsFromConfig } from './index/embeddings-from-config.js';
import { LexicalEmbeddings } from './index/lexical-embeddings.js';
import { INDEX_FORMAT_VERSION, sha256, type EmbeddingDescription, type ManifestExpectation } from './index/manifest.js';
import { loadIndex, manifestVersion, saveIndex, savedGraph } from './index/persist-index.js';
import type { HnswGraph } from './index/hnsw-graph.js';
import { ANALYSIS_VERSION, EXPANSION_WEIGHT, VOCABULARY_VERSION } from './index/text-analysis.js';

export { HybridKnowledgeBase, RRF_K, searchableText, type IndexedChunk } from './index/hybrid-index.js';
export { LexicalEmbeddings, LEXICAL_DIMENSIONS } from './index/lexical-embeddings.js';
export { embeddingsFromConfig, type EmbeddingsConfig } from './index/embeddings-from-config.js';
export { ingestDocuments, type Ingested } from './ingest/ingest-documents.js';
export type { IngestAction, SourceChunk } from './ingest/chunk-document.js';

/** The part of bot/log.ts's Logger this needs. */
export interface KnowledgeLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** Scoring and analysis parameters recorded in the manifest. */
export const ANALYSIS_PARAMS = {
  version: ANALYSIS_VERSION,
  vocabulary: VOCABULARY_VERSION,
  k1: BM25_PARAMS.k1,
  b: BM25_PARAMS.b,
  rrfK: RRF_K,
  keywordWeight: KEYWORD_WEIGHT,
  vectorWeight: VECTOR_WEIGHT,
  candidates: CANDIDATES,
  expansionWeight: EXPANSION_WEIGHT,
} as const;

/** How an embeddings instance is named in the manifest (dimensions come from the vectors). */
export function describeEmbeddings(embeddings: Embeddings | undefined): Pick<EmbeddingDescription, 'kind' | 'model'> {
  if (!embeddings || embeddings instanceof LexicalEmbeddings) return { kind: 'lexical' };
  const model = (embeddings as unknown as { model?: unknown }).model;
  return { kind: 'openai', model: typeof model === 'string' ? model : 'unknown' };
}

/**
 * Build the index in memory. Without `embeddings`, a lexical embedding is
 * fitted on the chunks. Used by openKnowledgeBase, the tests and the benchmark.
 */
export async function buildKnowledgeBase(chunks: readonly IndexedChunk[], embeddings?: Embeddings): Promise<HybridKnowledgeBase> {
  const parts = await buildParts(chunks, embeddings);
  const version = sha256(JSON.stringify([describeEmbeddings(parts.embeddings), chunks.map((c) => [c.id, c.section, c.text])])).slice(0, 12);
  return new HybridKnowledgeBase(chunks, parts.store, new Bm25Index(parts.bm25), parts.embeddings, version);
}

async function buildParts(chunks: readonly IndexedChunk[], embeddings?: Embeddings) {
  const texts = chunks.map(searchableText);
  const emb = embeddings ?? LexicalEmbeddings.fit(texts);
  const vectors = await emb.embedDocuments(texts);
  const dimensions = vectors[0]?.length ?? (emb instanceof LexicalEmbeddings ? emb.dimensions : 1);
  const store = new HNSWLib(emb, { space: 'cosine', numDimensions: dimensions });
  await store.addVectors(
    vectors,
    chunks.map((c, index) => new Document({ pageContent: c.text, metadata: { index, id: c.id, doc: c.doc, region: c.region } })),
  );
  return { store, bm25: buildBm25Data(texts), embeddings: emb, dimensions };
}

/** An OpenAI-compatible endpoint described by configuration values (built with embeddingsFromConfig). */
export interface OpenAIEmbeddingsSpec {
  kind: 'openai';
  baseURL?: string;
  apiKey?: string;
  model?: string;
}

function resolveEmbeddings(spec: Embeddings | OpenAIEmbeddingsSpec | undefined): { ok: true; value: Embeddings | undefined } | { ok: false; error: string } {
  if (spec === undefined || spec instanceof Embeddings) return { ok: true, value: spec };
  return embeddingsFromConfig({ DTE_EMBEDDINGS: 'openai', EMBEDDINGS_BASE_URL: spec.baseURL, EMBEDDINGS_API_KEY: spec.apiKey, EMBEDDINGS_MODEL: spec.model });
}

export interface OpenKnowledgeBaseOptions {
  /** Folder with documents.json and the notices (knowledge/docs). */
  docsDir: string;
  /** Index folder (config DTE_INDEX_DIR, default data/index). */
  indexDir: string;
  /** Non-lexical embeddings (an instance, or the endpoint's configuration); the lexical default needs none. */
  embeddings?: Embeddings | OpenAIEmbeddingsSpec;
  logger?: KnowledgeLogger;
  /** Rebuild even when the saved index is current. */
  rebuild?: boolean;
  /** Clock for the manifest's createdAt. */
  now?: () => Date;
}

export interface OpenedKnowledgeBase {
  knowledgeBase: HybridKnowledgeBase;
  /** True when the index was (re)built rather than loaded. */
  rebuilt: boolean;
  /** False when a rebuilt index could not be written (it is served from memory). */
  saved: boolean;
  /** Why it was rebuilt. */
  reason?: string;
  /** What ingestion repaired, dropped or summarised (saved with the index). */
  report: IngestAction[];
}

function expectation(sources: Sources, embeddings: Embeddings | undefined): ManifestExpectation {
  const hashes: Record<string, string> = { 'documents.json': sha256(sources.documentsJson) };
  for (const [id, text] of Object.entries(sources.sources)) hashes[id] = sha256(text);
  return { embedding: describeEmbeddings(embeddings), chunking: { ...CHUNKING }, analysis: { ...ANALYSIS_PARAMS }, sources: hashes };
}

/**
 * Load the saved index when its manifest matches the current notices and
 * parameters; otherwise (or with `rebuild`) ingest, build, save atomically and
 * log one line saying why. A failure to save is logged and the in-memory index
 * is still served. Unreadable notices are an error value.
 */
export async function openKnowledgeBase(options: OpenKnowledgeBaseOptions): Promise<{ ok: true; value: OpenedKnowledgeBase } | { ok: false; error: string }> {
  const { docsDir, indexDir, logger, now = () => new Date() } = options;
  const resolved = resolveEmbeddings(options.embeddings);
  if (!resolved.ok) return resolved;
  const embeddings = resolved.value;
  const read = await readSources(docsDir);
  if (!read.ok) return read;
  const expected = expectation(read.value, embeddings);

  let reason = 'rebuild requested';
  if (!options.rebuild) {
    const loaded = await loadIndex(indexDir, expected, embeddings);
    if (loaded.ok) {
      return { ok: true, value: { knowledgeBase: loaded.value.knowledgeBase, rebuilt: false, saved: true, report: loaded.value.report as IngestAction[] } };
    }
    reason = loaded.error;
  }

  const ingested = ingestSources(read.value);
  const parts = await buildParts(ingested.chunks, embeddings);
  let version = sha256(JSON.stringify(ingested.chunks.map((c) => [c.id, c.text]))).slice(0, 12);
  let saved = false;
  let graph: HnswGraph | undefined;
  try {
    const manifest = await saveIndex(
      indexDir,
      { chunks: ingested.chunks, store: parts.store, bm25: parts.bm25, embeddings: parts.embeddings, report: ingested.report },
      {
        formatVersion: INDEX_FORMAT_VERSION,
        createdAt: now().toISOString(),
        embedding: { ...expected.embedding, dimensions: parts.dimensions },
        chunking: expected.chunking,
        analysis: expected.analysis,
        sources: expected.sources,
      },
    );
    version = manifestVersion(manifest);
    saved = true;
    // Searched like a loaded index: the graph port reads the file just written.
    graph = await savedGraph(indexDir, parts.store);
    logger?.info('knowledge index rebuilt', {
      reason,
      indexDir,
      chunks: ingested.chunks.length,
      repaired: ingested.report.filter((a) => a.kind === 'mojibake-repaired').length,
      dropped: ingested.report.filter((a) => a.kind === 'mojibake-dropped' || a.kind === 'duplicate-dropped').length,
    });
  } catch (cause) {
    logger?.warn('knowledge index rebuilt in memory only: saving failed', { reason, indexDir, cause });
  }
  const knowledgeBase = new HybridKnowledgeBase(ingested.chunks, parts.store, new Bm25Index(parts.bm25), parts.embeddings, version, graph);
  return { ok: true, value: { knowledgeBase, rebuilt: true, saved, reason, report: ingested.report } };
}

/**
 * Rebuild and save the index unconditionally (the `dte index` command).
 * Unreadable notices or an unwritable index directory throw: this is an
 * operator command, and its caller reports the error.
 */
export async function rebuildIndex(options: Omit<OpenKnowledgeBaseOptions, 'rebuild'>): Promise<{ chunks: number; ms: number; dir: string; version: string }> {
  const started = performance.now();
  const opened = await openKnowledgeBase({ ...options, rebuild: true });
  if (!opened.ok) throw new Error(opened.error);
  if (!opened.value.saved) throw new Error(`index not saved to ${options.indexDir}`);
  return { chunks: opened.value.knowledgeBase.chunks().length, ms: Math.round(performance.now() - started), dir: options.indexDir, version: opened.value.knowledgeBase.version() };
}
