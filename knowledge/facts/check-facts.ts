/**
 * The facts table is only as good as its quotes. These are the checks that
 * keep it honest: every fact names a known notice, quotes it verbatim (outside
 * any garbled text), and every number it states is printed in that quote; a
 * notice file that is garbage (not valid UTF-8, mostly mojibake, not Chinese)
 * is refused. The same functions run in `npm test` (test/knowledge/) and when
 * the bot or `dte` starts (bot/app.ts), so a bad edit is refused at start-up
 * with the fact id and the file, not discovered by a resident.
 *
 * Pure over its inputs (checkFacts); loadCheckedFacts adds the file reading.
 * Problems are data; prompts/start.ts turns them into operator sentences.
 */
import path from 'node:path';
import type { DocumentMeta, Fact, FactsFile } from './schema.js';
import { loadDocumentsMeta, loadFactsFile, readDocumentText } from './load-facts.js';
import { findMojibakeRuns, type MojibakeRun } from '../ingest/mojibake.js';
import { matchKey } from '../text/match-key.js';

/** One reason to refuse the facts or a notice; `file` is always the file to fix. */
export type FactsProblem =
  | { kind: 'facts-file-invalid'; file: string; error: string }
  | { kind: 'documents-file-invalid'; file: string; error: string }
  | { kind: 'notice-unreadable'; doc: string; file: string; error: string }
  | { kind: 'notice-garbled'; doc: string; file: string; reason: 'replacement-characters' | 'control-characters' | 'mojibake' | 'not-chinese'; detail: string }
  | { kind: 'unknown-doc'; factId: string; file: string; doc: string }
  | { kind: 'region-mismatch'; factId: string; file: string; region: string; doc: string; docRegion: string }
  | { kind: 'one-sided-conflict'; factId: string; file: string; other: string }
  | { kind: 'unknown-see-also'; factId: string; file: string; other: string }
  | { kind: 'quote-not-in-notice'; factId: string; file: string; doc: string; noticeFile: string; quote: string; clause?: string }
  | { kind: 'quote-garbled'; factId: string; file: string; quote: string }
  | { kind: 'not-in-quote'; factId: string; file: string; value: string; quote: string; clause?: string }
  | { kind: 'clause-label-mismatch'; factId: string; file: string; clause: string }
  | { kind: 'exclusion-not-in-notice'; factId: string; file: string; text: string }
  | { kind: 'unknown-occupation'; factId: string; file: string; occupation: string };

/** A notice as the checks see it: its metadata, where it lives, and its raw text. */
export interface NoticeText {
  meta: Pick<DocumentMeta, 'id' | 'region'>;
  /** Path of the .txt file, for messages. */
  file: string;
  text: string;
}

/**
 * A run of three or more Latin-1 supplement characters: GBK read as Latin-1
 * looks like this, and no quote may contain one (`·` or `×` alone is fine).
 */
const LATIN1_RUN = /[\u0080-\u00ff]{3,}/u;
/** Control characters other than tab, line feed, form feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/u;
/** Share of a notice's non-space characters that mojibake may take (Liaoning's tail: 9 %). */
export const MAX_MOJIBAKE_SHARE = 0.3;
/** Share of Han characters among the letters of the usable text below which it is not a Chinese notice. */
export const MIN_HAN_SHARE = 0.5;

/**
 * The part of a notice facts may quote: its raw text with every mojibake run
 * (knowledge/ingest/mojibake.ts, the detector ingestion uses) cut out, so a
 * quote can never rest on garbage that ingestion repairs or drops.
 */
export function usableNoticeText(text: string): string {
  return cutRuns(text, findMojibakeRuns(text));
}

function cutRuns(text: string, runs: readonly MojibakeRun[]): string {
  if (runs.length === 0) return text;
  let out = '';
  let last = 0;
  for (const r of runs) {
    out += text.slice(last, r.start) + '\n';
    last = r.end;
  }
  return out + text.slice(last);
}

type Garbage = { reason: Extract<FactsProblem, { kind: 'notice-garbled' }>['reason']; detail: string };

/** A notice's usable text and, when it is garbage, why (one pass of the mojibake detector). */
function analyseNotice(text: string): { usable: string; garbage?: Garbage } {
  const runs = findMojibakeRuns(text);
  const usable = cutRuns(text, runs);
  const replacements = text.match(/\uFFFD/gu)?.length ?? 0;
  if (replacements > 0) return { usable, garbage: { reason: 'replacement-characters', detail: `${replacements}` } };
  const control = CONTROL.exec(text);
  if (control) return { usable, garbage: { reason: 'control-characters', detail: `U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` } };
  const nonSpace = text.replace(/\s+/gu, '').length;
  const garbled = runs.reduce((n, r) => n + r.text.replace(/\s+/gu, '').length, 0);
  if (nonSpace > 0 && garbled / nonSpace > MAX_MOJIBAKE_SHARE) return { usable, garbage: { reason: 'mojibake', detail: `${Math.round((100 * garbled) / nonSpace)}%` } };
  const letters = usable.match(/\p{L}/gu) ?? [];
  const han = usable.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (han < 20 || han / letters.length < MIN_HAN_SHARE) return { usable, garbage: { reason: 'not-chinese', detail: `${han}/${letters.length}` } };
  return { usable };
}

/**
 * Why a notice's text is garbage (not valid UTF-8, control characters, more
 * than MAX_MOJIBAKE_SHARE mojibake, or its usable text not Chinese), or
 * undefined when it reads as a Chinese notice.
 */
export function noticeGarbage(text: string): Garbage | undefined {
  return analyseNotice(text).garbage;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * True when this run of digits is printed in the quote as a whole number (3000
 * is not found in 30000). White space is kept: it separates table cells
 * ("128 3300") and the two numbers of one phone line.
 */
export function quoteHasDigits(quote: string, digits: string): boolean {
  return new RegExp(`(?<![0-9])${digits}(?![0-9])`, 'u').test(quote.normalize('NFKC'));
}

/** True when the number is printed in the quote, in Arabic digits or (up to 10) as a Chinese numeral. */
export function quoteHasNumber(quote: string, n: number): boolean {
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
export function expectedInQuote(f: Fact): { numbers: number[]; digitRuns: string[]; texts: string[] } {
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

/** The values a fact states that its quote does not print (empty when all are). */
export function missingFromQuote(f: Fact): string[] {
  const { numbers, digitRuns, texts } = expectedInQuote(f);
  const quoteKey = matchKey(f.quote);
  return [
    ...numbers.filter((n) => !quoteHasNumber(f.quote, n)).map(String),
    ...digitRuns.filter((d) => !quoteHasDigits(f.quote, d)),
    ...texts.filter((t) => !quoteKey.includes(matchKey(t))),
  ];
}

/** True when the quote carries garbled text (a Latin-1 run or a mojibake run). */
export function quoteIsGarbled(quote: string): boolean {
  return LATIN1_RUN.test(quote) || findMojibakeRuns(quote).length > 0;
}

/**
 * Every problem of a facts file against its notices, in file order; empty when
 * the table may be served. `factsFile` is the path named in the problems;
 * `notices` are all notices of documents.json (a fact naming any other id is
 * an unknown document).
 */
export function checkFacts(file: FactsFile, notices: readonly NoticeText[], factsFile: string): FactsProblem[] {
  const problems: FactsProblem[] = [];
  const byDoc = new Map<string, { notice: NoticeText; key: string }>();
  for (const n of notices) {
    const { usable, garbage } = analyseNotice(n.text);
    if (garbage) problems.push({ kind: 'notice-garbled', doc: n.meta.id, file: n.file, ...garbage });
    byDoc.set(n.meta.id, { notice: n, key: matchKey(usable) });
  }
  const regionKeys = new Map<string, string[]>();
  for (const { notice, key } of byDoc.values()) regionKeys.set(notice.meta.region, [...(regionKeys.get(notice.meta.region) ?? []), key]);

  const byId = new Map(file.facts.map((f) => [f.id, f]));
  const occupations = new Set(file.facts.flatMap((f) => (f.kind === 'occupation' ? [f.name] : [])));
  const at = (f: Fact) => ({ factId: f.id, file: factsFile });

  for (const f of file.facts) {
    for (const other of f.conflictsWith ?? []) {
      if (!(byId.get(other)?.conflictsWith ?? []).includes(f.id)) problems.push({ kind: 'one-sided-conflict', ...at(f), other });
    }
    for (const other of f.seeAlso ?? []) if (!byId.has(other) || other === f.id) problems.push({ kind: 'unknown-see-also', ...at(f), other });
    const used = 'occupation' in f ? [f.occupation] : f.kind === 'institution' ? f.occupations : [];
    for (const o of used) if (!occupations.has(o)) problems.push({ kind: 'unknown-occupation', ...at(f), occupation: o });

    const doc = byDoc.get(f.doc);
    if (!doc) {
      problems.push({ kind: 'unknown-doc', ...at(f), doc: f.doc });
      continue;
    }
    // The Jinhua notice carries the province-wide Zhejiang plan, so 浙江 facts may cite it.
    const docRegion = doc.notice.meta.region;
    const allowed = docRegion === '浙江' ? ['浙江', '金华'] : [docRegion];
    if (!allowed.includes(f.region)) problems.push({ kind: 'region-mismatch', ...at(f), region: f.region, doc: f.doc, docRegion });

    const quotes = [{ quote: f.quote, clause: undefined as string | undefined }];
    if (f.kind === 'eligibility') for (const c of f.clauses) quotes.push({ quote: c.quote, clause: c.label });
    for (const { quote, clause } of quotes) {
      if (quoteIsGarbled(quote)) problems.push({ kind: 'quote-garbled', ...at(f), quote });
      else if (!doc.key.includes(matchKey(quote)))
        problems.push({ kind: 'quote-not-in-notice', ...at(f), doc: f.doc, noticeFile: doc.notice.file, quote, ...(clause ? { clause } : {}) });
    }
    for (const value of missingFromQuote(f)) problems.push({ kind: 'not-in-quote', ...at(f), value, quote: f.quote });

    if (f.kind === 'eligibility') {
      for (const c of f.clauses) {
        if (!matchKey(c.quote).startsWith(matchKey(c.label))) problems.push({ kind: 'clause-label-mismatch', ...at(f), clause: c.label });
        for (const cond of c.all) {
          if (cond.kind === 'years' && !quoteHasNumber(c.quote, cond.min))
            problems.push({ kind: 'not-in-quote', ...at(f), value: String(cond.min), quote: c.quote, clause: c.label });
        }
      }
      const sameRegion = regionKeys.get(f.region) ?? [];
      for (const ex of f.excludes ?? []) {
        if (!sameRegion.some((k) => k.includes(matchKey(ex)))) problems.push({ kind: 'exclusion-not-in-notice', ...at(f), text: ex });
      }
    }
  }
  return problems;
}

/** The problems of one fact (tests name the fact; start-up reports them all). */
export function problemsOf(problems: readonly FactsProblem[], factId: string): FactsProblem[] {
  return problems.filter((p) => 'factId' in p && p.factId === factId);
}

/** Outcome of loadCheckedFacts: the file and notices that passed every check, or every problem found. */
export type LoadCheckedFactsResult =
  | { ok: true; file: FactsFile; documents: DocumentMeta[]; notices: NoticeText[]; ms: number }
  | { ok: false; problems: FactsProblem[]; ms: number };

/**
 * Read the facts file, documents.json and every notice in `docsDir`, and run
 * checkFacts. What the bot and `dte` call before serving anything; a few
 * milliseconds (test/knowledge/check-facts.test.ts measures it).
 */
export function loadCheckedFacts(factsPath: string, docsDir: string): LoadCheckedFactsResult {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  const loaded = loadFactsFile(factsPath);
  if (!loaded.ok) return { ok: false, problems: [{ kind: 'facts-file-invalid', file: factsPath, error: loaded.error }], ms: ms() };
  const meta = loadDocumentsMeta(docsDir);
  if (!meta.ok) return { ok: false, problems: [{ kind: 'documents-file-invalid', file: path.join(docsDir, 'documents.json'), error: meta.error }], ms: ms() };
  const problems: FactsProblem[] = [];
  const notices: NoticeText[] = [];
  for (const d of meta.documents) {
    const file = path.join(docsDir, d.file);
    const read = readDocumentText(docsDir, d);
    if (read.ok) notices.push({ meta: d, file, text: read.text });
    else problems.push({ kind: 'notice-unreadable', doc: d.id, file, error: read.error });
  }
  // A fact citing an unreadable notice is reported with the notice, not as an unknown document.
  const unreadable = new Set(problems.map((p) => (p.kind === 'notice-unreadable' ? p.doc : '')));
  const readable = { ...loaded.file, facts: loaded.file.facts.filter((f) => !unreadable.has(f.doc)) };
  problems.push(...checkFacts(readable, notices, factsPath));
  if (problems.length > 0) return { ok: false, problems, ms: ms() };
  return { ok: true, file: loaded.file, documents: meta.documents, notices, ms: ms() };
}
