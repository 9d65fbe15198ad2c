/**
 * The index manifest: what an index on disk was built from and with. The
 * index is served only when every field matches the current sources and
 * parameters and every file hash matches; otherwise it is rebuilt.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

/** Bump when the on-disk layout changes. */
export const INDEX_FORMAT_VERSION = 1;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/u);

export const EmbeddingDescriptionSchema = z.object({
  kind: z.enum(['lexical', 'openai']),
  model: z.string().optional(),
  dimensions: z.number().int().positive(),
});
export type EmbeddingDescription = z.infer<typeof EmbeddingDescriptionSchema>;

export const ManifestSchema = z.object({
  formatVersion: z.literal(INDEX_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  embedding: EmbeddingDescriptionSchema,
  /** Chunking parameters (knowledge/ingest/chunking-params.ts). */
  chunking: z.record(z.string(), z.union([z.number(), z.string()])),
  /** Analysis and scoring parameters (segmentation version, BM25, RRF). */
  analysis: z.record(z.string(), z.number()),
  /** sha256 of documents.json ("documents.json") and of every notice (by document id). */
  sources: z.record(z.string(), Sha256),
  /** sha256 of every index file, by path relative to the index directory. */
  files: z.record(z.string(), Sha256),
  chunkCount: z.number().int().nonnegative(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** What the current code and sources expect of a manifest. */
export interface ManifestExpectation {
  embedding: Pick<EmbeddingDescription, 'kind' | 'model'>;
  chunking: Manifest['chunking'];
  analysis: Manifest['analysis'];
  sources: Manifest['sources'];
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !isDeepStrictEqual(a[k], b[k])).sort();
}

/** Why a manifest does not fit the expectation, or undefined when it does. */
export function manifestMismatch(manifest: Manifest, expected: ManifestExpectation): string | undefined {
  if (manifest.embedding.kind !== expected.embedding.kind || manifest.embedding.model !== expected.embedding.model) {
    return `embeddings changed (${manifest.embedding.kind}${manifest.embedding.model ? `:${manifest.embedding.model}` : ''} → ${expected.embedding.kind}${expected.embedding.model ? `:${expected.embedding.model}` : ''})`;
  }
  const sources = changedKeys(manifest.sources, expected.sources);
  if (sources.length) return `sources changed: ${sources.join(', ')}`;
  const chunking = changedKeys(manifest.chunking, expected.chunking);
  if (chunking.length) return `chunking parameters changed: ${chunking.join(', ')}`;
  const analysis = changedKeys(manifest.analysis, expected.analysis);
  if (analysis.length) return `analysis parameters changed: ${analysis.join(', ')}`;
  return undefined;
}
