/**
 * Saving and loading the hybrid index. Layout of the index directory:
 *   manifest.json      ManifestSchema (written last)
 *   chunks.json        the chunks, in document order
 *   bm25.json          the keyword index data
 *   report.json        the ingestion report of the build
 *   embeddings.json    the fitted lexical embedding (lexical only)
 *   hnswlib/           HNSWLib.save output (hnswlib.index, args.json, docstore.json)
 * Writes go to a sibling temporary directory that is renamed into place, so a
 * reader never sees half an index. Loading checks every file's sha256 and the
 * vector index's dimensions and count before serving anything (HNSWLib.load
 * itself trusts its args.json).
 */
import type { Embeddings } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { RegionSchema } from '../facts/schema.js';
import { Bm25DataSchema, Bm25Index, type Bm25Data } from './bm25.js';
import { HybridKnowledgeBase, type IndexedChunk } from './hybrid-index.js';
import { graphFor, type HnswGraph } from './hnsw-graph.js';
import { LexicalEmbeddings } from './lexical-embeddings.js';
import { ManifestSchema, manifestMismatch, sha256, type Manifest, type ManifestExpectation } from './manifest.js';

const IndexedChunkSchema = z.object({
  id: z.string(),
  doc: z.string(),
  section: z.string().min(1),
  text: z.string(),
  region: RegionSchema,
  docTitle: z.string().optional(),
});
const LexicalStateSchema = z.object({ kind: z.literal('lexical'), dimensions: z.number().int().positive(), idf: z.array(z.number()) });

const HNSW_DIR = 'hnswlib';
const HNSW_FILES = ['hnswlib.index', 'args.json', 'docstore.json'].map((f) => `${HNSW_DIR}/${f}`);

/** Everything a saved index holds besides the manifest. */
export interface IndexContents {
  chunks: readonly IndexedChunk[];
  store: HNSWLib;
  bm25: Bm25Data;
  embeddings: Embeddings;
  report: unknown[];
}

/** The version string shown in the console: the manifest's hash. */
export function manifestVersion(manifest: Manifest): string {
  return sha256(JSON.stringify(manifest)).slice(0, 12);
}

/**
 * Write the index atomically into `indexDir`; returns the manifest written.
 * `describe` is the manifest without `files` and `chunkCount` (filled here).
 */
export async function saveIndex(indexDir: string, contents: IndexContents, describe: Omit<Manifest, 'files' | 'chunkCount'>): Promise<Manifest> {
  const parent = dirname(indexDir);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.${basename(indexDir)}.tmp-${process.pid}-${sha256(String(performance.now())).slice(0, 8)}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    const files: Record<string, string> = {};
    const put = async (name: string, data: string) => {
      await writeFile(join(tmp, name), data);
      files[name] = sha256(data);
    };
    await put('chunks.json', JSON.stringify(contents.chunks));
    await put('bm25.json', JSON.stringify(contents.bm25));
    await put('report.json', JSON.stringify(contents.report));
    if (contents.embeddings instanceof LexicalEmbeddings) await put('embeddings.json', JSON.stringify(contents.embeddings.state()));
    await contents.store.save(join(tmp, HNSW_DIR));
    for (const f of HNSW_FILES) files[f] = sha256(await readFile(join(tmp, f)));
    const manifest: Manifest = { ...describe, files, chunkCount: contents.chunks.length };
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const old = join(parent, `.${basename(indexDir)}.old-${process.pid}`);
    await rm(old, { recursive: true, force: true });
    const existing = await readdir(indexDir).then(
      () => true,
      () => false,
    );
    if (existing) await rename(indexDir, old);
    await rename(tmp, indexDir);
    await rm(old, { recursive: true, force: true });
    return manifest;
  } catch (cause) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(`cannot write the index to ${indexDir}`, { cause });
  }
}

/**
 * The JS HNSW search (hnsw-graph.ts) over the index just saved in
 * `indexDir`, for a store built in this process; undefined when it cannot
 * replay the library exactly or the file is unreadable.
 */
export async function savedGraph(indexDir: string, store: HNSWLib): Promise<HnswGraph | undefined> {
  try {
    return graphFor(store.index, await readFile(join(indexDir, HNSW_DIR, 'hnswlib.index')));
  } catch {
    return undefined;
  }
}

export type LoadResult =
  | { ok: true; value: { knowledgeBase: HybridKnowledgeBase; manifest: Manifest; report: unknown[] } }
  | { ok: false; error: string };

async function readJson(path: string): Promise<{ ok: true; value: unknown; raw: Buffer } | { ok: false; error: string }> {
  try {
    const raw = await readFile(path);
    return { ok: true, value: JSON.parse(raw.toString('utf8')), raw };
  } catch (cause) {
    return { ok: false, error: `${basename(path)} unreadable: ${(cause as Error).message}` };
  }
}

/**
 * Load the index of `indexDir` when its manifest fits `expected` and every
 * file is intact; otherwise an error value saying why (the caller rebuilds).
 * `embeddings` is used for a non-lexical index; a lexical one restores its own.
 */
export async function loadIndex(indexDir: string, expected: ManifestExpectation, embeddings?: Embeddings): Promise<LoadResult> {
  const m = await readJson(join(indexDir, 'manifest.json'));
  if (!m.ok) return { ok: false, error: `no usable manifest (${m.error})` };
  const parsed = ManifestSchema.safeParse(m.value);
  if (!parsed.success) return { ok: false, error: `manifest invalid: ${z.prettifyError(parsed.error).split('\n')[0]}` };
  const manifest = parsed.data;
  const mismatch = manifestMismatch(manifest, expected);
  if (mismatch) return { ok: false, error: mismatch };

  const required = ['chunks.json', 'bm25.json', 'report.json', ...HNSW_FILES, ...(manifest.embedding.kind === 'lexical' ? ['embeddings.json'] : [])];
  for (const f of required) if (!manifest.files[f]) return { ok: false, error: `manifest lists no ${f}` };
  let graphBytes: Buffer | undefined;
  for (const [f, hash] of Object.entries(manifest.files)) {
    let data: Buffer;
    try {
      data = await readFile(join(indexDir, f));
    } catch {
      return { ok: false, error: `${f} missing` };
    }
    if (sha256(data) !== hash) return { ok: false, error: `${f} corrupt (sha256 differs from the manifest)` };
    if (f === `${HNSW_DIR}/hnswlib.index`) graphBytes = data;
  }

  const chunksJson = await readJson(join(indexDir, 'chunks.json'));
  const bm25Json = await readJson(join(indexDir, 'bm25.json'));
  const reportJson = await readJson(join(indexDir, 'report.json'));
  if (!chunksJson.ok || !bm25Json.ok || !reportJson.ok) return { ok: false, error: 'index JSON unreadable' };
  const chunks = z.array(IndexedChunkSchema).safeParse(chunksJson.value);
  const bm25 = Bm25DataSchema.safeParse(bm25Json.value);
  if (!chunks.success || !bm25.success) return { ok: false, error: 'chunks.json or bm25.json invalid' };
  if (chunks.data.length !== manifest.chunkCount || bm25.data.docs.length !== manifest.chunkCount) {
    return { ok: false, error: 'chunk counts differ between manifest, chunks and keyword index' };
  }

  let emb: Embeddings;
  if (manifest.embedding.kind === 'lexical') {
    const state = await readJson(join(indexDir, 'embeddings.json'));
    const lexical = state.ok ? LexicalStateSchema.safeParse(state.value) : undefined;
    if (!lexical?.success || lexical.data.dimensions !== manifest.embedding.dimensions || lexical.data.idf.length !== lexical.data.dimensions) {
      return { ok: false, error: 'embeddings.json invalid or of other dimensions' };
    }
    emb = new LexicalEmbeddings(lexical.data);
  } else if (embeddings) {
    emb = embeddings;
  } else {
    return { ok: false, error: 'index needs embeddings that were not provided' };
  }

  let store: HNSWLib;
  try {
    store = await HNSWLib.load(join(indexDir, HNSW_DIR), emb);
  } catch (cause) {
    return { ok: false, error: `hnswlib index unreadable: ${(cause as Error).message}` };
  }
  const index = store.index;
  if (
    index.getNumDimensions() !== manifest.embedding.dimensions ||
    store.args.numDimensions !== manifest.embedding.dimensions ||
    index.getCurrentCount() !== manifest.chunkCount
  ) {
    return { ok: false, error: 'hnswlib index dimensions or count differ from the manifest' };
  }
  // The checked bytes of the vector index, searched in JS when that replays the library exactly (hnsw-graph.ts).
  const graph = graphBytes ? graphFor(index, graphBytes) : undefined;
  const knowledgeBase = new HybridKnowledgeBase(chunks.data, store, new Bm25Index(bm25.data), emb, manifestVersion(manifest), graph);
  return { ok: true, value: { knowledgeBase, manifest, report: Array.isArray(reportJson.value) ? reportJson.value : [] } };
}
