/**
 * Ingestion entry: read every notice listed in documents.json (validated with
 * zod), chunk it, and return the chunks with a report of what was repaired or
 * dropped. Nothing is printed; the caller logs the report.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DocumentsFileSchema, type DocumentMeta } from '../facts/schema.js';
import { chunkDocument, type IngestAction, type SourceChunk } from './chunk-document.js';

/** The documents read, their chunks in document order, and what ingestion changed. */
export interface Ingested {
  documents: DocumentMeta[];
  /** Raw text of each document by id, as read (the manifest hashes it). */
  sources: Record<string, string>;
  /** Raw documents.json text (hashed too). */
  documentsJson: string;
  chunks: SourceChunk[];
  report: IngestAction[];
}

export type IngestResult = { ok: true; value: Ingested } | { ok: false; error: string };

/** Read and validate `${docsDir}/documents.json`. */
export async function readDocumentsMeta(docsDir: string): Promise<{ ok: true; value: { documents: DocumentMeta[]; json: string } } | { ok: false; error: string }> {
  const path = join(docsDir, 'documents.json');
  let json: string;
  try {
    json = await readFile(path, 'utf8');
  } catch (cause) {
    return { ok: false, error: `cannot read ${path}: ${(cause as Error).message}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (cause) {
    return { ok: false, error: `${path} is not JSON: ${(cause as Error).message}` };
  }
  const parsed = DocumentsFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, error: `${path}: ${z.prettifyError(parsed.error)}` };
  return { ok: true, value: { documents: parsed.data, json } };
}

/** The notices as read from disk, before chunking: enough to hash them for the manifest. */
export interface Sources {
  documents: DocumentMeta[];
  documentsJson: string;
  /** Raw text of each document by id. */
  sources: Record<string, string>;
}

/** Read documents.json and every notice it lists; a missing or invalid file is an error value naming it. */
export async function readSources(docsDir: string): Promise<{ ok: true; value: Sources } | { ok: false; error: string }> {
  const meta = await readDocumentsMeta(docsDir);
  if (!meta.ok) return meta;
  const sources: Record<string, string> = {};
  for (const doc of meta.value.documents) {
    const path = join(docsDir, doc.file);
    try {
      sources[doc.id] = await readFile(path, 'utf8');
    } catch (cause) {
      return { ok: false, error: `cannot read ${path}: ${(cause as Error).message}` };
    }
  }
  return { ok: true, value: { documents: meta.value.documents, documentsJson: meta.value.json, sources } };
}

/** Chunk sources already read. */
export function ingestSources(sources: Sources): Ingested {
  const chunks: SourceChunk[] = [];
  const report: IngestAction[] = [];
  for (const doc of sources.documents) {
    const result = chunkDocument(doc, sources.sources[doc.id] ?? '');
    chunks.push(...result.chunks);
    report.push(...result.actions);
  }
  return { ...sources, chunks, report };
}

/** Ingest every document of `docsDir`; a missing or invalid file is an error value naming it. */
export async function ingestDocuments(docsDir: string): Promise<IngestResult> {
  const read = await readSources(docsDir);
  if (!read.ok) return read;
  return { ok: true, value: ingestSources(read.value) };
}
