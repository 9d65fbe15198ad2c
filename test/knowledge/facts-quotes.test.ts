/**
 * The facts table is only as good as its quotes: every fact must be backed by
 * the notice it names, verbatim, and every number it carries must be the one
 * printed in that quote, so a number typed wrong (or a notice edited under the
 * table) fails here with the fact's id in the test name.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDocumentsMeta, loadFactsFile, readDocumentText } from '../../knowledge/facts/load-facts.js';
import type { Fact } from '../../knowledge/facts/schema.js';
import { containsQuote, matchKey } from '../../knowledge/text/match-key.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const docsDir = path.join(root, 'knowledge/docs');

const loaded = loadFactsFile(path.join(root, 'knowledge/facts/facts.json'));
if (!loaded.ok) throw new Error(loaded.error);
const facts = loaded.file.facts;

const docsMeta = loadDocumentsMeta(docsDir);
if (!docsMeta.ok) throw new Error(docsMeta.error);
const documents = docsMeta.documents;

/**
 * A GBK notice mis-decoded as Latin-1 turns into runs of characters from
 * U+0080–U+00FF (the Liaoning file ends in one). Quotes must come from the
 * text before the first such run, so they can never rest on garbage.
 */
const MOJIBAKE_RUN = /[\u0080-\u00ff]{3,}/u;
function cleanPart(text: string): string {
  const m = MOJIBAKE_RUN.exec(text);
  return m ? text.slice(0, m.index) : text;
}

const cleanText = new Map<string, string>();
for (const meta of documents) {
  const read = readDocumentText(docsDir, meta);
  if (!read.ok) throw new Error(read.error);
  cleanText.set(meta.id, cleanPart(read.text));
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * True when this run of digits is printed in the quote as a whole number (3000
 * is not found in 30000). White space is kept here: it separates table cells
 * ("128 3300") and the two numbers of one phone line.
 */
function quoteHasDigits(quote: string, digits: string): boolean {
  return new RegExp(`(?<![0-9])${digits}(?![0-9])`, 'u').test(quote.normalize('NFKC'));
}

/** True when the number is printed in the quote, in Arabic digits or (up to 10) as a Chinese numeral. */
function quoteHasNumber(quote: string, n: number): boolean {
  if (quoteHasDigits(quote, String(n))) return true;
  return Number.isInteger(n) && n >= 0 && n <= 10 && matchKey(quote).includes(CHINESE_DIGITS[n]!);
}

/** "2026-04-20" -> "2026年4月20日", the way the notices print dates. */
function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * What a fact states that its quote must print: numbers (digits or a small
 * Chinese numeral), runs of digits (phones, numbers in statements) and texts.
 */
function expectedInQuote(f: Fact): { numbers: number[]; digitRuns: string[]; texts: string[] } {
  const numbers: number[] = [];
  const digitRuns: string[] = [];
  const texts: string[] = [];
  switch (f.kind) {
    case 'fee':
      numbers.push(f.amountYuan);
      break;
    case 'subsidy':
      numbers.push(f.amountYuan);
      if (f.hoursRequired !== undefined) numbers.push(f.hoursRequired);
      if (f.occupationCode) texts.push(f.occupationCode);
      break;
    case 'hours':
      numbers.push(f.total);
      if (f.online !== undefined) numbers.push(f.online);
      if (f.offline !== undefined) numbers.push(f.offline);
      break;
    case 'deadline':
      texts.push(chineseDate(f.closes));
      if (f.opens) texts.push(chineseDate(f.opens));
      break;
    case 'contact':
      // Each run of digits of the phone as printed ("024-22904752、22959125").
      for (const run of f.phone?.match(/[0-9]+/gu) ?? []) digitRuns.push(run);
      if (f.email) texts.push(f.email);
      if (f.address) texts.push(f.address);
      break;
    case 'occupation':
      if (f.code) texts.push(f.code);
      texts.push(f.name);
      break;
    case 'rule':
      if (f.value !== undefined) numbers.push(f.value);
      break;
    default:
      break;
  }
  // Statements are written for residents; any number in one must be the quote's.
  if (f.kind === 'rule' || f.kind === 'title') {
    for (const run of f.statement.normalize('NFKC').match(/[0-9]+/gu) ?? []) digitRuns.push(run);
  }
  return { numbers, digitRuns, texts };
}

describe('facts.json', () => {
  it('parses with the facts schema', () => {
    expect(loaded.ok).toBe(true);
    expect(facts.length).toBeGreaterThan(100);
  });

  it('gives every fact a unique id', () => {
    const ids = facts.map((f) => f.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it('declares every conflict on both sides', () => {
    const byId = new Map(facts.map((f) => [f.id, f]));
    for (const f of facts) {
      for (const other of f.conflictsWith ?? []) {
        expect(byId.get(other)?.conflictsWith ?? [], `${other} should list ${f.id}`).toContain(f.id);
      }
    }
  });
});

describe.each(facts.map((f) => [f.id, f] as const))('fact %s', (_id, fact) => {
  it('names a document listed in documents.json, of the same region or one it inherits', () => {
    const meta = documents.find((d) => d.id === fact.doc);
    expect(meta, `unknown doc ${fact.doc}`).toBeDefined();
    // The Jinhua notice carries the province-wide Zhejiang plan, so 浙江 facts may cite it.
    const allowed = meta!.region === '浙江' ? ['浙江', '金华'] : [meta!.region];
    expect(allowed).toContain(fact.region);
  });

  it('quotes its document verbatim (white space aside), outside any garbled text', () => {
    const text = cleanText.get(fact.doc) ?? '';
    expect(containsQuote(text, fact.quote), fact.quote).toBe(true);
    expect(MOJIBAKE_RUN.test(fact.quote)).toBe(false);
  });

  it('states no number that its quote does not print', () => {
    const { numbers, digitRuns, texts } = expectedInQuote(fact);
    for (const n of numbers) expect(quoteHasNumber(fact.quote, n), `${n} not in: ${fact.quote}`).toBe(true);
    for (const d of digitRuns) expect(quoteHasDigits(fact.quote, d), `${d} not in: ${fact.quote}`).toBe(true);
    for (const t of texts) expect(matchKey(fact.quote), `${t} not in: ${fact.quote}`).toContain(matchKey(t));
  });
});

const clauses = facts.flatMap((f) =>
  f.kind === 'eligibility' ? f.clauses.map((c) => [`${f.id} ${c.label}`, f.doc, c] as const) : [],
);

describe.each(clauses)('eligibility clause %s', (_name, doc, clause) => {
  it('quotes its document verbatim', () => {
    expect(containsQuote(cleanText.get(doc) ?? '', clause.quote), clause.quote).toBe(true);
  });

  it('starts its quote with its printed label', () => {
    expect(matchKey(clause.quote).startsWith(matchKey(clause.label))).toBe(true);
  });

  it('takes every year count from the quote', () => {
    for (const c of clause.all) {
      if (c.kind === 'years') expect(quoteHasNumber(clause.quote, c.min), `${c.min} not in: ${clause.quote}`).toBe(true);
    }
  });
});

describe('the quote checks themselves', () => {
  it('reject a quote with one character changed', () => {
    const text = cleanText.get('zaozhuang-2026') ?? '';
    expect(containsQuote(text, '培训费3000元')).toBe(true);
    expect(containsQuote(text, '培训费3001元')).toBe(false);
  });

  it('reject a number that is only part of a printed one', () => {
    expect(quoteHasNumber('培训费3000元', 300)).toBe(false);
    expect(quoteHasDigits('0632-3314140', '331414')).toBe(false);
    expect(quoteHasNumber('培训费3000元', 3000)).toBe(true);
    expect(quoteHasNumber('可于开班三天前提出退款申请', 3)).toBe(true);
  });

  it('cut the Liaoning notice before its mis-decoded tail', () => {
    const liaoning = cleanText.get('liaoning-2023') ?? '';
    expect(liaoning).toContain('电子邮箱：lnrstzjc@126.com');
    expect(liaoning).not.toMatch(MOJIBAKE_RUN);
  });
});
