import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKnowledgeBase, type KnowledgeLogger } from '../../knowledge/knowledge-base.js';
import { manifestMismatch, type Manifest } from '../../knowledge/index/manifest.js';

let root: string;
let docsDir: string;
let indexDir: string;

function recordingLogger(): KnowledgeLogger & { lines: { msg: string; fields?: Record<string, unknown> }[] } {
  const lines: { msg: string; fields?: Record<string, unknown> }[] = [];
  return { lines, info: (msg, fields) => lines.push({ msg, fields }), warn: (msg, fields) => lines.push({ msg, fields }) };
}

async function open(logger = recordingLogger()) {
  const result = await openKnowledgeBase({ docsDir, indexDir, logger, now: () => new Date('2026-03-01T00:00:00Z') });
  if (!result.ok) throw new Error(result.error);
  return { ...result.value, logger };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dte-index-'));
  docsDir = join(root, 'docs');
  indexDir = join(root, 'index');
  await cp('knowledge/docs', docsDir, { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the saved index', () => {
  it('is built once and then loaded without rebuilding, with the same version and chunks', async () => {
    const first = await open();
    expect(first.rebuilt).toBe(true);
    expect(first.logger.lines.filter((l) => l.msg === 'knowledge index rebuilt')).toHaveLength(1);
    const second = await open();
    expect(second.rebuilt).toBe(false);
    expect(second.logger.lines).toEqual([]);
    expect(second.knowledgeBase.version()).toBe(first.knowledgeBase.version());
    expect(second.knowledgeBase.chunks()).toEqual(first.knowledgeBase.chunks());
    expect(second.report).toEqual(JSON.parse(JSON.stringify(first.report)));
    const hits = await second.knowledgeBase.search('辽宁申报截止时间', { k: 3 });
    expect(hits.some((p) => p.text.includes('2023年6月15日前'))).toBe(true);
  });

  // How fast it loads is measured by `npm run bench` (index load in a fresh process), not asserted here.
  it('loads the saved index on a second start instead of rebuilding it', async () => {
    await open();
    const loaded = await open();
    expect(loaded.rebuilt).toBe(false);
  });

  it('is rebuilt with a log line when a notice changes', async () => {
    await open();
    const path = join(docsDir, 'weihai-2023.txt');
    await writeFile(path, `${await readFile(path, 'utf8')}\n补充说明：本方案自印发之日起施行。\n`);
    const reopened = await open();
    expect(reopened.rebuilt).toBe(true);
    expect(reopened.reason).toContain('sources changed: weihai-2023');
    expect(reopened.logger.lines[0]?.fields?.['reason']).toContain('weihai-2023');
    expect(reopened.knowledgeBase.chunks().some((c) => c.text.includes('补充说明'))).toBe(true);
  });

  it('is rebuilt when a chunking parameter differs from the one it was built with', async () => {
    await open();
    const manifestPath = join(indexDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
    manifest.chunking['maxChars'] = 999;
    await writeFile(manifestPath, JSON.stringify(manifest));
    const reopened = await open();
    expect(reopened.rebuilt).toBe(true);
    expect(reopened.reason).toBe('chunking parameters changed: maxChars');
  });

  it('is rebuilt, never served, when the hnswlib file is corrupt', async () => {
    await open();
    const path = join(indexDir, 'hnswlib', 'hnswlib.index');
    const bytes = await readFile(path);
    const middle = bytes.length >> 1;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    await writeFile(path, bytes);
    const reopened = await open();
    expect(reopened.rebuilt).toBe(true);
    expect(reopened.reason).toContain('hnswlib/hnswlib.index corrupt');
    expect(reopened.logger.lines).toHaveLength(1);
    expect((await open()).rebuilt).toBe(false);
  });

  it('is rebuilt when args.json claims other dimensions, even with a matching hash', async () => {
    await open();
    const argsPath = join(indexDir, 'hnswlib', 'args.json');
    const args = JSON.parse(await readFile(argsPath, 'utf8')) as Record<string, unknown>;
    args['numDimensions'] = 7;
    const text = JSON.stringify(args);
    await writeFile(argsPath, text);
    const manifestPath = join(indexDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
    const { createHash } = await import('node:crypto');
    manifest.files['hnswlib/args.json'] = createHash('sha256').update(text).digest('hex');
    await writeFile(manifestPath, JSON.stringify(manifest));
    const reopened = await open();
    expect(reopened.rebuilt).toBe(true);
    expect(reopened.reason).toMatch(/dimensions|hnswlib/u);
  });

  it('is rebuilt when the manifest is garbage or missing', async () => {
    await open();
    await writeFile(join(indexDir, 'manifest.json'), '{ not json');
    const garbage = await open();
    expect(garbage.rebuilt).toBe(true);
    expect(garbage.reason).toContain('manifest');
    await rm(join(indexDir, 'manifest.json'));
    const missing = await open();
    expect(missing.rebuilt).toBe(true);
    expect(missing.logger.lines).toHaveLength(1);
  });

  it('reports unreadable notices as an error value', async () => {
    await rm(join(docsDir, 'jinhua-2024.txt'));
    const result = await openKnowledgeBase({ docsDir, indexDir });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('jinhua-2024.txt');
  });
});

describe('manifest comparison', () => {
  const manifest: Manifest = {
    formatVersion: 1,
    createdAt: '2026-03-01T00:00:00.000Z',
    embedding: { kind: 'lexical', dimensions: 1024 },
    chunking: { maxChars: 300 },
    analysis: { k1: 1.2 },
    sources: { a: 'a'.repeat(64) },
    files: {},
    chunkCount: 1,
  };
  const expected = { embedding: { kind: 'lexical' as const }, chunking: { maxChars: 300 }, analysis: { k1: 1.2 }, sources: { a: 'a'.repeat(64) } };

  it('accepts a manifest built from the same sources and parameters', () => {
    expect(manifestMismatch(manifest, expected)).toBeUndefined();
  });

  it('names what changed: embeddings, a source, a parameter', () => {
    expect(manifestMismatch(manifest, { ...expected, embedding: { kind: 'openai', model: 'bge-m3' } })).toContain('embeddings changed');
    expect(manifestMismatch(manifest, { ...expected, sources: { a: 'b'.repeat(64) } })).toBe('sources changed: a');
    expect(manifestMismatch(manifest, { ...expected, analysis: { k1: 1.5 } })).toBe('analysis parameters changed: k1');
  });
});
