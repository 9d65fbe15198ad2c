/**
 * The grounding check: the hard guarantee that a model's reply states no
 * number and no institution it was not given. Every amount, count, date (in
 * any common format), phone number and percentage in the reply, and every
 * named institution (…大学, …学会, …中心, …局 and the like), must appear in the
 * evidence of the turn: tool outputs, retrieved passages, the offline answer.
 * Pure: text in, verdict out. Prompt rules can be talked around; this cannot.
 *
 * Equivalent spellings count as the same claim: 2026年4月20日 = 2026-04-20,
 * 4月20日 matches any evidence date on that day, 3,000 = 3000, 1.3万 = 13000,
 * 百分之三十 = 30%, 三千元 = 3000元, 0632-1234567 matches 0632 and 1234567
 * printed apart, 人社局 = 人力资源和社会保障局.
 *
 * How institution names are written (their endings, the words around them,
 * abbreviations) is language data (knowledge/language/conversation.json,
 * institutionNames); the numbers, dates and percentages are parsed here.
 */
import { answerCues } from '../answer/answer-cues.js';
import { chineseNumeral } from '../../chinese-quantities.js';

/** One checkable claim found in a reply. */
export interface GroundingClaim {
  kind: 'date' | 'phone' | 'percent' | 'number' | 'institution';
  /** The claim as written in the reply (after width normalisation). */
  text: string;
}

/** Verdict: grounded, or the claims the evidence does not support. */
export type GroundingResult =
  | { ok: true; claims: GroundingClaim[] }
  | { ok: false; error: { kind: 'ungrounded'; claims: GroundingClaim[] } };

const CN_NUMERAL = '零〇一二两三四五六七八九十百千万';

/** Units after which a Chinese numeral is a quantity claim (三千元, 两年), not a word (统一, 之一). */
const QUANTITY_UNIT = '(?:元|块|学时|课时|小时|个月|月|年|天|日|周|人|岁|名|次|期|分钟|%)';

/** Full-width to half-width, dash variants to '-', thousands separators dropped. */
export function normalizeForGrounding(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63]/g, '-')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

const SCALE: Readonly<Record<string, number>> = { 万: 10000, 千: 1000 };

/** The evidence of one turn, indexed for the checks. */
class Evidence {
  readonly numbers = new Set<number>();
  readonly fullDates = new Set<string>();
  readonly monthDays = new Set<string>();
  readonly digitStream: string;
  readonly nameText: string;

  constructor(texts: readonly string[]) {
    const text = normalizeForGrounding(texts.join('\n'));
    for (const m of text.matchAll(/\d+(?:\.\d+)?/g)) this.numbers.add(Number(m[0]));
    for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*([万千])/g)) this.numbers.add(Number(m[1]) * SCALE[m[2]!]!);
    for (const m of text.matchAll(new RegExp(`[${CN_NUMERAL}]+`, 'g'))) {
      const v = chineseNumeral(m[0]);
      if (v !== undefined) this.numbers.add(v);
    }
    const addDate = (y: string | undefined, mo: string, d: string) => {
      const md = `${Number(mo)}-${Number(d)}`;
      this.monthDays.add(md);
      if (y) this.fullDates.add(`${Number(y)}-${md}`);
    };
    for (const m of text.matchAll(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/g)) addDate(m[1], m[2]!, m[3]!);
    for (const m of text.matchAll(/(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/g)) addDate(m[1], m[2]!, m[3]!);
    for (const m of text.matchAll(/(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g)) addDate(undefined, m[1]!, m[2]!);
    this.digitStream = text.replace(/(\d)[-\s()]+(?=\d)/g, '$1');
    let names = text.replace(/\s+/g, '');
    for (const [full, short] of answerCues().institutions.abbreviations) names += '\n' + names.split(full).join(short);
    this.nameText = names;
  }
}

interface Finder {
  kind: GroundingClaim['kind'];
  pattern: RegExp;
  /** How to check a match against evidence; undefined when the match is no claim (left for later finders). */
  claim(m: string[]): ((e: Evidence) => boolean) | undefined;
}

const FINDERS: Finder[] = [
  {
    kind: 'date',
    pattern: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/g,
    claim: (m) => {
      const [y, mo, d] = m[1] ? [m[1], m[2]!, m[3]!] : [m[4]!, m[5]!, m[6]!];
      const key = `${Number(y)}-${Number(mo)}-${Number(d)}`;
      return (e) => e.fullDates.has(key);
    },
  },
  {
    kind: 'date',
    pattern: /(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g,
    claim: (m) => {
      const key = `${Number(m[1])}-${Number(m[2])}`;
      return (e) => e.monthDays.has(key);
    },
  },
  {
    kind: 'phone',
    pattern: /(?<![\d.])(?:\+?86[-\s]?)?\(?\d[\d\-\s()]*\d(?![\d.])/g,
    claim: (m) => {
      const groups = m[0]!.match(/\d+/g) ?? [];
      const digits = groups.join('');
      if (digits.length < 7) return undefined;
      // A country code is not part of what the notices print.
      const printed = groups.length > 1 && groups[0] === '86' ? groups.slice(1) : groups;
      return (e) => e.digitStream.includes(digits) || (printed.length > 1 && printed.every((g) => e.digitStream.includes(g)));
    },
  },
  {
    kind: 'percent',
    pattern: new RegExp(`(\\d+(?:\\.\\d+)?)\\s*%|百分之([${CN_NUMERAL}]+|\\d+(?:\\.\\d+)?)`, 'g'),
    claim: (m) => {
      const value = m[1] !== undefined ? Number(m[1]) : /^\d/.test(m[2]!) ? Number(m[2]) : chineseNumeral(m[2]!);
      return value === undefined ? undefined : (e) => e.numbers.has(value);
    },
  },
  {
    kind: 'number',
    pattern: /(\d+(?:\.\d+)?)\s*([万千])/g,
    claim: (m) => {
      const value = Number(m[1]) * SCALE[m[2]!]!;
      return (e) => e.numbers.has(value);
    },
  },
  {
    kind: 'number',
    pattern: /\d+(?:\.\d+)?/g,
    claim: (m) => {
      const value = Number(m[0]);
      return (e) => e.numbers.has(value);
    },
  },
  {
    kind: 'number',
    pattern: new RegExp(`[${CN_NUMERAL}]+(?=\\s*${QUANTITY_UNIT})`, 'g'),
    claim: (m) => {
      const value = chineseNumeral(m[0]!);
      return value === undefined ? undefined : (e) => e.numbers.has(value);
    },
  },
];

/** The name a CJK phrase ending in an institution suffix refers to, or undefined when it is only the suffix. */
function institutionName(phrase: string, suffix: string): string | undefined {
  const { breakers, leaders } = answerCues().institutions;
  let name = phrase;
  for (const breaker of breakers) {
    const at = name.lastIndexOf(breaker);
    if (at >= 0 && at + breaker.length < name.length - suffix.length) name = name.slice(at + breaker.length);
  }
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const leader of leaders) {
      if (name.startsWith(leader) && name.length - leader.length > suffix.length) {
        name = name.slice(leader.length);
        stripped = true;
      }
    }
  }
  const core = name.replace(/\([\u4e00-\u9fff]{1,8}\)$/, '');
  return core.length > suffix.length ? name : undefined;
}

type CheckedClaim = GroundingClaim & { check: (e: Evidence) => boolean };

/**
 * Matched text is blanked as it is consumed, so 2026年4月20日 is one date
 * claim, not three numbers.
 */
function collectClaims(reply: string): CheckedClaim[] {
  let text = normalizeForGrounding(reply)
    // A list's own numbering ("1. ", "2、", "3)") is layout, not a claim.
    .replace(/^(\s*)\d{1,2}(?:[.、](?!\d)|\))/gm, '$1');
  const claims: CheckedClaim[] = [];

  for (const m of text.matchAll(answerCues().institutions.name)) {
    const name = institutionName(m[0], m[1]!);
    if (name) claims.push({ kind: 'institution', text: name, check: (e) => e.nameText.includes(name) });
  }

  for (const finder of FINDERS) {
    text = text.replace(finder.pattern, (...args: unknown[]) => {
      // replace() passes (match, ...groups, offset, input).
      const m = args.slice(0, -2).map((a) => (typeof a === 'string' ? a : undefined)) as string[];
      const match = m[0]!;
      const check = finder.claim(m);
      if (!check) return match;
      claims.push({ kind: finder.kind, text: match.trim(), check });
      return ' '.repeat(match.length);
    });
  }
  return claims;
}

/** The checkable claims of a reply, in the order they are checked (for tests and logs). */
export function findClaims(reply: string): GroundingClaim[] {
  return collectClaims(reply).map(({ kind, text }) => ({ kind, text }));
}

/**
 * Check a reply against the evidence of its turn. `ok` lists what was checked;
 * the error lists every unsupported claim (the caller logs them and falls
 * back to the offline answer).
 */
export function checkGrounding(reply: string, evidence: readonly string[]): GroundingResult {
  const e = new Evidence(evidence);
  const claims = collectClaims(reply);
  const unsupported = claims.filter((c) => !c.check(e)).map(({ kind, text }) => ({ kind, text }));
  if (unsupported.length > 0) return { ok: false, error: { kind: 'ungrounded', claims: dedupe(unsupported) } };
  return { ok: true, claims: dedupe(claims.map(({ kind, text }) => ({ kind, text }))) };
}

function dedupe(claims: GroundingClaim[]): GroundingClaim[] {
  const seen = new Set<string>();
  return claims.filter((c) => {
    const key = `${c.kind}:${c.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
