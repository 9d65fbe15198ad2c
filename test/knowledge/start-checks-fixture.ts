/**
 * Broken copies of the shipped facts and notices, in a temporary directory:
 * what an operator's bad edit looks like. Shared by the check tests, the
 * createApp tests and the dte tests so all three refuse the same culprits.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REAL_FACTS = path.join(ROOT, 'knowledge/facts/facts.json');
export const REAL_DOCS = path.join(ROOT, 'knowledge/docs');

type Json = Record<string, unknown> & { facts: Array<Record<string, unknown>> };

/** The fact a resident asked about when a 5000-yuan subsidy went out with an invented quote. */
export const SUBSIDY_FACT = 'zz26-subsidy-middle';
/** A notice and one fact quoting it. */
export const NOTICE = { id: 'zaozhuang-2023', file: 'zaozhuang-2023.txt', factId: 'zz23-target' };

/** GBK bytes read as Latin-1: what a notice looks like after a wrong "save as". */
export function mojibakeOf(text: string): string {
  return iconv.decode(iconv.encode(text, 'gbk'), 'latin1');
}

export interface BrokenFixtures {
  dir: string;
  /** facts.json with SUBSIDY_FACT's quote and amount changed to 5000 yuan. */
  inventedQuote: string;
  /** facts.json with SUBSIDY_FACT's amount changed to 5000 but its quote left as printed. */
  inventedAmount: string;
  /** facts.json with SUBSIDY_FACT citing a document id documents.json does not list. */
  unknownDoc: string;
  /** facts.json with SUBSIDY_FACT completed by (seeAlso) a fact id the table does not hold. */
  unknownSeeAlso: string;
  /** A copy of knowledge/docs whose NOTICE file is replaced by the notice's own mojibake. */
  mojibakeDocs: string;
  /** A copy of knowledge/docs whose NOTICE file is replaced by other Chinese text. */
  otherTextDocs: string;
  /** A copy of knowledge/docs whose NOTICE file is binary garbage (not UTF-8). */
  binaryDocs: string;
  /** A copy of knowledge/docs whose NOTICE file is missing. */
  missingDocs: string;
  /** A copy of knowledge/docs whose NOTICE file ends in a repairable mojibake copy of one paragraph. */
  tailDocs: string;
  cleanup(): void;
}

export function brokenFixtures(): BrokenFixtures {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dte-start-checks-'));
  const facts = JSON.parse(readFileSync(REAL_FACTS, 'utf8')) as Json;
  const withFact = (name: string, change: (f: Record<string, unknown>) => Record<string, unknown>) => {
    const copy: Json = { ...facts, facts: facts.facts.map((f) => (f.id === SUBSIDY_FACT ? change({ ...f }) : f)) };
    const p = path.join(dir, name);
    writeFileSync(p, JSON.stringify(copy, null, 2));
    return p;
  };
  const original = readFileSync(path.join(REAL_DOCS, NOTICE.file), 'utf8');
  const docsWith = (name: string, content: string | Buffer | undefined) => {
    const d = path.join(dir, name);
    cpSync(REAL_DOCS, d, { recursive: true });
    if (content === undefined) rmSync(path.join(d, NOTICE.file));
    else writeFileSync(path.join(d, NOTICE.file), content);
    return d;
  };
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 131 + 7) % 256;
  return {
    dir,
    inventedQuote: withFact('invented-quote.json', (f) => ({ ...f, amountYuan: 5000, quote: '枣庄市参训人员给予中级5000元培训补贴' })),
    inventedAmount: withFact('invented-amount.json', (f) => ({ ...f, amountYuan: 5000 })),
    unknownDoc: withFact('unknown-doc.json', (f) => ({ ...f, doc: 'zaozhuang-2027' })),
    unknownSeeAlso: withFact('unknown-see-also.json', (f) => ({ ...f, seeAlso: ['zz26-no-such-fact'] })),
    mojibakeDocs: docsWith('docs-mojibake', mojibakeOf(original)),
    otherTextDocs: docsWith('docs-other-text', '关于做好2026年春节期间安全生产工作的通知\n各区（市）人民政府，市政府各部门：\n为切实做好春节期间安全生产工作，现将有关事项通知如下。\n'.repeat(20)),
    binaryDocs: docsWith('docs-binary', binary),
    missingDocs: docsWith('docs-missing', undefined),
    tailDocs: docsWith('docs-tail', `${original}\n${mojibakeOf(original.split('\n').find((l) => l.trim().length > 20)!)}\n`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
