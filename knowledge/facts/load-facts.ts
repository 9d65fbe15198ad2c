/**
 * Reads the facts table and the notices' metadata from disk, validating both
 * at this trust boundary. Every expected failure (missing file, broken JSON,
 * schema violation) comes back as an error value naming the path; nothing
 * here throws for them, so the composition root decides what a bad file means.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FactsTable } from '../../tools/facts-table.js';
import { DocumentsFileSchema, FactsFileSchema, type DocumentMeta, type FactsFile } from './schema.js';

/** Outcome of loadFactsFile: the validated file, or a message naming the path and what is wrong. */
export type LoadFactsFileResult = { ok: true; file: FactsFile } | { ok: false; error: string };

/** Outcome of loadFactsTable: a ready FactsTable, or the same error message as loadFactsFile. */
export type LoadFactsTableResult = { ok: true; table: FactsTable } | { ok: false; error: string };

/** Outcome of loadDocumentsMeta: the validated documents.json entries, in file order. */
export type LoadDocumentsResult = { ok: true; documents: DocumentMeta[] } | { ok: false; error: string };

/** Outcome of readDocumentText: the notice's raw text exactly as stored (no normalisation). */
export type ReadDocumentResult = { ok: true; text: string } | { ok: false; error: string };

type JsonResult = { ok: true; json: unknown } | { ok: false; error: string };

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && err.code === 'ENOENT') return 'file not found';
  return err instanceof Error ? err.message : String(err);
}

function readJson(filePath: string): JsonResult {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (err) {
    return { ok: false, error: `cannot read ${filePath}: ${describe(err)}` };
  }
  try {
    // A BOM left by a Windows editor is not a reason to refuse the file.
    return { ok: true, json: JSON.parse(text.replace(/^\uFEFF/u, '')) };
  } catch (err) {
    return { ok: false, error: `${filePath} is not valid JSON: ${describe(err)}` };
  }
}

/**
 * Reads and validates a facts file (knowledge/facts/facts.json) against
 * FactsFileSchema. On a schema violation the error is `z.prettifyError`
 * output (one line per issue with its path), prefixed by the file path.
 */
export function loadFactsFile(filePath: string): LoadFactsFileResult {
  const read = readJson(filePath);
  if (!read.ok) return read;
  const parsed = FactsFileSchema.safeParse(read.json);
  if (!parsed.success) return { ok: false, error: `${filePath} does not match the facts schema:\n${z.prettifyError(parsed.error)}` };
  return { ok: true, file: parsed.data };
}

/** loadFactsFile, then wraps the validated file in a FactsTable for the tools. */
export function loadFactsTable(filePath: string): LoadFactsTableResult {
  const loaded = loadFactsFile(filePath);
  if (!loaded.ok) return loaded;
  return { ok: true, table: new FactsTable(loaded.file) };
}

/** Reads and validates `documents.json` in `docsDir` (knowledge/docs) against DocumentsFileSchema. */
export function loadDocumentsMeta(docsDir: string): LoadDocumentsResult {
  const filePath = path.join(docsDir, 'documents.json');
  const read = readJson(filePath);
  if (!read.ok) return read;
  const parsed = DocumentsFileSchema.safeParse(read.json);
  if (!parsed.success) return { ok: false, error: `${filePath} does not match the documents schema:\n${z.prettifyError(parsed.error)}` };
  return { ok: true, documents: parsed.data };
}

/**
 * The raw UTF-8 text of one notice (`meta.file` inside `docsDir`), untouched:
 * quotes are checked against it, and ingestion does its own normalising.
 */
export function readDocumentText(docsDir: string, meta: Pick<DocumentMeta, 'id' | 'file'>): ReadDocumentResult {
  const filePath = path.join(docsDir, meta.file);
  try {
    return { ok: true, text: readFileSync(filePath, 'utf8') };
  } catch (err) {
    return { ok: false, error: `cannot read document ${meta.id} at ${filePath}: ${describe(err)}` };
  }
}
