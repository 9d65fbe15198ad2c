/**
 * Generic parsers of Chinese quantities: numerals in small counts (两, 十一),
 * durations ("两年半", "11个月", "1年3个月"), relative calendar years (去年,
 * 前年), amounts in 元, and a list's own numbering ("（一）"). They know the
 * number system and its units, not how residents phrase anything: the words
 * residents wrap a duration in ("大概", "快", "了") are passed in from the
 * language data (knowledge/language/profile.json).
 */

const DIGITS: Readonly<Record<string, number>> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A count in digits or small Chinese numerals ("3", "两", "十一"); undefined otherwise. */
export function chineseCount(s: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/u.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/u.exec(s);
  if (m) return (m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[2] ? DIGITS[m[2]]! : 0);
  if (s.length === 1 && DIGITS[s] !== undefined) return DIGITS[s];
  return undefined;
}

/** Pattern text of a number in digits or Chinese numerals, 半 included ({number} in the language data). */
export const NUMBER_PATTERN = '(?:\\d+|[一二两三四五六七八九十半]+)';

/** Pattern text of a calendar year with an optional month, as the named groups `year` and `month` ({date} in the language data). */
export const YEAR_MONTH_PATTERN = '(?<year>(?:19|20)\\d{2})年(?:(?<month>\\d{1,2})月)?';

/** The year and month a {date} match names. */
export function yearMonthOf(m: RegExpExecArray): { year: string; month?: string } {
  return { year: m.groups!.year!, ...(m.groups!.month ? { month: m.groups!.month } : {}) };
}

const RELATIVE_YEARS: Readonly<Record<string, number>> = { 今年: 0, 去年: 1, 前年: 2, 大前年: 3 };
const RELATIVE_YEAR = /大前年|前年|去年|今年/gu;

/** "去年评的" on 2026: "2025年评的" — relative years become the calendar years they name. */
export function absoluteYears(text: string, thisYear: number): string {
  return text.replace(RELATIVE_YEAR, (w) => `${thisYear - RELATIVE_YEARS[w]!}年`);
}

const SMALL_NUMBER = '(?<!\\d)(\\d{1,2}(?:\\.\\d+)?|[一二两三四五六七八九十]+|半)';
const YEARS = new RegExp(`${SMALL_NUMBER}\\s*(?:年|个年头)(半)?`, 'u');
// A month after a year ("2024年6月") is a date, not a duration.
const MONTHS = new RegExp(`(?<!年\\s*)${SMALL_NUMBER}\\s*个?月`, 'u');

function smallNumber(s: string): number | undefined {
  return s === '半' ? 0.5 : chineseCount(s);
}

/** The first duration written in a text ("两年", "一年半", "11个月", "半年"), in years; undefined when there is none. */
export function firstDuration(text: string): number | undefined {
  const y = YEARS.exec(text);
  if (y) {
    const n = smallNumber(y[1]!);
    if (n !== undefined) return n + (y[2] ? 0.5 : 0);
  }
  const m = MONTHS.exec(text);
  if (m) {
    const n = smallNumber(m[1]!);
    if (n !== undefined) return Math.round((n / 12) * 100) / 100;
  }
  return undefined;
}

const TIME_LIMIT = /(?:\d+|[一二两三四五六七八九十]+)\s*(?:个)?\s*(?:工作日|日|天|个月|月)(?:内|以内|之内)/u;

/** The text sets a time limit ("30日内", "10个工作日内", "12个月内"): the answer to a "how long" question. */
export function statesTimeLimit(text: string): boolean {
  return TIME_LIMIT.test(text);
}

const TIME_LIMIT_CLAUSE = new RegExp(`[^，。；,;]*${TIME_LIMIT.source}[^，。；,;]*`, 'gu');

/** The clauses a time limit governs: each clause holding a limit ("评价机构于30日内颁发专业技术等级证书"). */
export function timeLimitClauses(text: string): string[] {
  return [...text.matchAll(TIME_LIMIT_CLAUSE)].map((m) => m[0]);
}

/** The words residents wrap a duration in (from the language data). */
export interface DurationWords {
  /** Whole answers that mean none ("没有"). */
  readonly zero: readonly string[];
  /** Before a duration, leaving it as it is ("大概"). */
  readonly approximately: readonly string[];
  /** Before a duration, making it a little less ("快"). */
  readonly under: readonly string[];
  /** After a duration ("了", "多"). */
  readonly trailing: readonly string[];
}

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const alternatives = (words: readonly string[]) =>
  words.length ? [...words].sort((a, b) => b.length - a.length).map(escape).join('|') : '(?!)';

const CN = '[一二两三四五六七八九十]+';
const compiled = new WeakMap<DurationWords, { whole: RegExp; inSentence: RegExp }>();
function durationPatterns(words: DurationWords) {
  let c = compiled.get(words);
  if (!c) {
    c = {
      whole: new RegExp(
        `^(?:${alternatives(words.approximately)})?([\\d.]+|${CN})?(?:年|周年)?(半)?(?:零|又)?(?:([\\d]+|${CN})个?月)?(?:${alternatives(words.trailing)})?$`,
        'u',
      ),
      // A four-digit calendar year ("2019年") or 年级/年度/年份/年月 is no duration.
      inSentence: new RegExp(`(${alternatives(words.under)})?(\\d+(?:\\.\\d+)?|${CN})(个)?(多)?(?:周)?年(半)?(?!级|度|份|月)`, 'gu'),
    };
    compiled.set(words, c);
  }
  return c;
}

/** Years from an answer: "3年", "两年半", "半年", "11个月", "1年3个月", "3", "没有"; else the last duration in a sentence. */
export function parseDurationAnswer(text: string, words: DurationWords): number | undefined {
  const s = text.normalize('NFKC').replace(/\s+/gu, '').replace(/[。.!！]+$/u, '');
  if (words.zero.includes(s)) return 0;
  if (s === '半年') return 0.5;
  const { whole } = durationPatterns(words);
  const m = whole.exec(s);
  if (!m || (m[1] === undefined && m[3] === undefined)) return durationInSentence(s, words);
  const years = m[1] !== undefined ? chineseCount(m[1]) : 0;
  const months = m[3] !== undefined ? chineseCount(m[3]) : 0;
  if (years === undefined || months === undefined) return undefined;
  const total = years + (m[2] ? 0.5 : 0) + months / 12;
  return total <= 80 ? total : undefined;
}

/**
 * Years said in a sentence: "从事这行两年", "干了快四年", "取得助理工程师以后干了4年".
 * The last duration counts; an `under` word ("快四年") makes it a little under N (it
 * does not meet an "N years" clause); a four-digit calendar year is not a duration.
 */
function durationInSentence(s: string, words: DurationWords): number | undefined {
  const all = [...s.matchAll(durationPatterns(words).inSentence)];
  const m = all[all.length - 1];
  if (!m) return undefined;
  const n = chineseCount(m[2]!);
  if (n === undefined || n > 80) return undefined;
  return n + (m[5] ? 0.5 : 0) - (m[1] ? 0.5 : 0);
}

/** True when a text states an amount in 元 ("3000元"). */
export function statesAmount(text: string): boolean {
  return /\d+元/u.test(text);
}

/** "申报程序（一）" -> "申报程序": a label without its trailing list numbering (and what follows it). */
export function withoutListNumber(label: string): string {
  return label.replace(/[（(]?[一二三四五六七八九十\d]+[)）]?[^（(]*$/u, '');
}

const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/**
 * A Chinese numeral: "十二" 12, "一千三百" 1300, "一万二千" 12000, "一百零五" 105, "二〇二六" 2026 (digits
 * only, read positionally), and amounts as people say them, where a digit after the last unit counts
 * one unit lower: "三千五" 3500, "两万五" 25000 (but "三千零五" 3005). Undefined when it is not one.
 * (One parser for the engine's quoted amounts and the model-reply grounding check.)
 */
export function chineseNumeral(text: string): number | undefined {
  const chars = [...text];
  if (chars.length === 0) return undefined;
  const digitOf = (c: string) => (c === '〇' ? 0 : DIGITS[c]);
  if (chars.length > 1 && chars.every((c) => digitOf(c) !== undefined)) return Number(chars.map(digitOf).join(''));
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 0;
  let zero = false;
  for (const ch of chars) {
    if (ch === '零' || ch === '〇') {
      zero = true; // a gap marker (一百零五)
      continue;
    }
    if (DIGITS[ch] !== undefined) {
      if (digit !== undefined) return undefined;
      digit = DIGITS[ch];
      continue;
    }
    const unit = UNITS[ch];
    if (unit === undefined) return undefined;
    if (unit === 10000) {
      total += (section + (digit ?? 0)) * unit;
      section = 0;
    } else section += (digit ?? 1) * unit;
    digit = undefined;
    lastUnit = unit;
    zero = false;
  }
  if (digit !== undefined) section += lastUnit >= 100 && !zero ? digit * (lastUnit / 10) : digit;
  return total + section;
}

/**
 * The amounts of money a message names, in order: digits ("3500", "3500元", "3千5", "3.5k") and
 * Chinese numerals ("三千五", "一千三"), from 100 up. A number followed by one of `notAmountUnits`
 * (the language data's counting units: 年, 学时, 人 …) is a count or a date, not an amount.
 */
export function amountsIn(text: string, notAmountUnits: readonly string[]): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(千|k|w|万)?(\d)?|([零〇一二两三四五六七八九十百千万]{2,})/giu)) {
    const after = text.slice(m.index + m[0].length);
    if (notAmountUnits.some((u) => after.startsWith(u))) continue;
    let n: number | undefined;
    if (m[4]) n = chineseNumeral(m[4]);
    else {
      const unit = m[2]?.toLowerCase();
      const scale = unit === '千' || unit === 'k' ? 1000 : unit === '万' || unit === 'w' ? 10000 : 1;
      n = Number(m[1]) * scale + (m[3] && scale > 1 ? Number(m[3]) * (scale / 10) : 0);
    }
    if (n !== undefined && n >= 100 && Number.isFinite(n)) out.push(n);
  }
  return out;
}
