import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadDocumentsMeta,
  loadFactsFile,
  loadFactsTable,
  readDocumentText,
} from '../../knowledge/facts/load-facts.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const realFacts = path.join(root, 'knowledge/facts/facts.json');
const docsDir = path.join(root, 'knowledge/docs');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dte-load-facts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeTmp(name: string, content: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, content, 'utf8');
  return p;
}

const oneFact = {
  id: 'zz26-class-size',
  doc: 'zaozhuang-2026',
  section: '五、报名时间',
  quote: '每期满20人即可开班。',
  region: '枣庄',
  topics: ['class'],
  kind: 'rule',
  label: '开班人数',
  statement: '每期报名满20人即可开班。',
  value: 20,
  unit: '人',
};
const minimalFile = { version: 't', defaultRegion: '枣庄', regions: [{ region: '枣庄', names: ['枣庄'] }], facts: [oneFact] };

describe('loadFactsFile', () => {
  it('loads and validates the shipped facts table', () => {
    const r = loadFactsFile(realFacts);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.file.defaultRegion).toBe('枣庄');
  });

  it('returns an error naming the path when the file does not exist', () => {
    const missing = path.join(tmp, 'nope.json');
    const r = loadFactsFile(missing);
    expect(r).toEqual({ ok: false, error: expect.stringContaining(missing) });
    if (!r.ok) expect(r.error).toContain('file not found');
  });

  it('returns an error naming the path when the JSON is broken', () => {
    const broken = writeTmp('broken.json', '{ "version": "1", "facts": [ }');
    const r = loadFactsFile(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(broken);
      expect(r.error).toContain('not valid JSON');
    }
  });

  it('returns the schema issue with its path when a fact violates the schema', () => {
    const bad = { ...minimalFile, facts: [{ ...oneFact, value: 'twenty' }] };
    const r = loadFactsFile(writeTmp('bad-value.json', JSON.stringify(bad)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('does not match the facts schema');
      expect(r.error).toContain('facts[0].value');
    }
  });

  it('rejects a conflict that points at a fact that does not exist', () => {
    const bad = { ...minimalFile, facts: [{ ...oneFact, conflictsWith: ['zz26-refund-nowhere'] }] };
    const r = loadFactsFile(writeTmp('bad-conflict.json', JSON.stringify(bad)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('zz26-refund-nowhere');
  });

  it('accepts a file saved with a byte-order mark', () => {
    const r = loadFactsFile(writeTmp('bom.json', `\uFEFF${JSON.stringify(minimalFile)}`));
    expect(r.ok).toBe(true);
  });
});

describe('loadFactsTable', () => {
  it('wraps the validated file in a FactsTable', () => {
    const r = loadFactsTable(writeTmp('table.json', JSON.stringify(minimalFile)));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.table.version).toBe('t');
      expect(r.table.byId('zz26-class-size')?.kind).toBe('rule');
    }
  });

  it('passes the same error value through when the file is invalid', () => {
    const r = loadFactsTable(path.join(tmp, 'absent.json'));
    expect(r.ok).toBe(false);
  });
});

describe('loadDocumentsMeta and readDocumentText', () => {
  it('reads the five shipped notices and their raw text', () => {
    const meta = loadDocumentsMeta(docsDir);
    expect(meta.ok).toBe(true);
    if (!meta.ok) return;
    expect(meta.documents.map((d) => d.id).sort()).toEqual(
      ['jinhua-2024', 'liaoning-2023', 'weihai-2023', 'zaozhuang-2023', 'zaozhuang-2026'].sort(),
    );
    for (const d of meta.documents) {
      const text = readDocumentText(docsDir, d);
      expect(text.ok, d.id).toBe(true);
    }
  });

  it('returns an error naming documents.json when the folder has none', () => {
    const r = loadDocumentsMeta(tmp);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(path.join(tmp, 'documents.json'));
  });

  it('returns a schema error for metadata with an unknown region', () => {
    const dir = mkdtempSync(path.join(tmp, 'docs-'));
    writeFileSync(
      path.join(dir, 'documents.json'),
      JSON.stringify([{ id: 'x', file: 'x.txt', title: 't', shortTitle: 's', issuer: 'i', region: '北京', docNumber: null, issued: null, effective: null, attachments: [] }]),
    );
    const r = loadDocumentsMeta(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('region');
  });

  it('returns an error naming the document when its text file is missing', () => {
    const r = readDocumentText(tmp, { id: 'ghost-2030', file: 'ghost-2030.txt' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('ghost-2030');
  });
});
