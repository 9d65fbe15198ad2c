/**
 * Masking of personal data for logs, summaries and the console's default view.
 * Staff exports are the only place personal data appears in full.
 */

/** 370402199001011234 -> 3704**********1234 (keeps 4 + 4). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

/** 13912345678 -> 139****5678. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length < 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** 张三丰 -> 张** (keeps the family name's first character). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** ASCII and full-width digits (１３９…), as residents type them. */
const DIGIT = '[0-9\\uFF10-\\uFF19]';
/** The check character of an ID number, half- or full-width. */
const CHECK_X = '[XxＸｘ]';
/**
 * What may stand between the digit groups of one number: one to two spaces
 * (ASCII, no-break, ideographic), or a dash (ASCII, full-width, Unicode
 * hyphens and dashes, minus) with at most two spaces on each side. Not a
 * line break: two numbers on two lines stay two numbers.
 */
const SEPARATOR = '(?:[ \\u00A0\\u3000]{0,2}[-\\u2010-\\u2015\\u2212\\uFF0D][ \\u00A0\\u3000]{0,2}|[ \\u00A0\\u3000]{1,2})';
const GROUP = `${DIGIT}+(?:${CHECK_X}(?![A-Za-z]))?`;
/** A run of digit groups joined by separators, not touching other digits. */
const NUMBER_RUN = new RegExp(`(?<!${DIGIT})${GROUP}(?:${SEPARATOR}${GROUP})*(?!${DIGIT})`, 'gu');
const GROUP_IN_RUN = new RegExp(GROUP, 'gu');

/** A mainland mobile number, with an optional 86 / 0086 country prefix (a `+` before it is left as typed). */
const MOBILE = /^(0086|86)?(1[3-9]\d{9})$/u;
/** An 18-digit ID number with a plausible birth date, or the old 15-digit form. */
const STRICT_ID = /^(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})$/u;
/** Any unbroken 15–18 digit run (an ID number with a typo is still an ID number). */
const LOOSE_ID = /^\d{15,18}X?$/u;

/** No number masked here is longer (a 15–18 digit ID with its check character; 0086 + 11 digits). */
const MAX_DIGITS = 19;

/** Options of maskPersonalData. */
export interface MaskOptions {
  /**
   * Mobile numbers published in the notices (digits only, e.g. "15315546026"):
   * public contacts, not residents' data, so they stay readable.
   */
  publicNumbers?: ReadonlySet<string>;
}

/** Full-width digits and check characters to ASCII; everything else dropped. */
function digitsOf(text: string): string {
  return text.replace(/[\uFF10-\uFF19]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)).replace(/[xＸｘ]/gu, 'X').replace(/[^0-9X]/gu, '');
}

/** The masked form of a run of digits, or undefined when it is not personal data. */
function maskedDigits(digits: string, joined: boolean, opts: MaskOptions, typedPrefix: string): string | undefined {
  const mobile = MOBILE.exec(digits);
  if (mobile) return opts.publicNumbers?.has(mobile[2]!) ? undefined : typedPrefix + maskPhone(mobile[2]!);
  if (STRICT_ID.test(digits) || (!joined && LOOSE_ID.test(digits))) return maskIdNumber(digits);
  return undefined;
}

/**
 * Mask every ID-number-like and mobile-number-like run in free text (for logs,
 * the question log, text sent to a model). Finds them however they are typed:
 * full-width digits, groups separated by spaces or dashes ("139 0632 5566",
 * "3704 0219 9001 011234"), a +86 / 0086 / 86 prefix, 15- and 18-digit IDs
 * with X or x. Landlines and hotlines (0632-3312345, 024-22904752, 12333) are
 * not personal and stay readable, as do `opts.publicNumbers`.
 *
 * A number written in groups is masked only when the groups together form a
 * mobile number or a well-formed ID number, so two adjacent public numbers
 * ("024-22904752  22959125") are never joined into a fake ID.
 */
export function maskPersonalData(text: string, opts: MaskOptions = {}): string {
  return text.replace(NUMBER_RUN, (run) => {
    const groups = [...run.matchAll(GROUP_IN_RUN)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: digitsOf(m[0]) }));
    let out = '';
    let last = 0;
    let i = 0;
    while (i < groups.length) {
      let matched = false;
      // Longest span of groups first ("139 0632 5566" is one number, not three), up to the longest
      // number masked (an ID with its check character, or 0086 and a mobile number).
      let longest = i;
      for (let n = groups[i]!.digits.length; longest + 1 < groups.length && n + groups[longest + 1]!.digits.length <= MAX_DIGITS; longest++) n += groups[longest + 1]!.digits.length;
      for (let j = longest; j >= i && !matched; j--) {
        const digits = groups.slice(i, j + 1).map((g) => g.digits).join('');
        const prefix = MOBILE.exec(digits)?.[1];
        const typedPrefix = prefix ? typedPrefixOf(run.slice(groups[i]!.start, groups[j]!.end), prefix.length) : '';
        const masked = maskedDigits(digits, j > i, opts, typedPrefix);
        if (masked !== undefined) {
          out += run.slice(last, groups[i]!.start) + masked;
          last = groups[j]!.end;
          i = j + 1;
          matched = true;
        }
      }
      if (!matched) i += 1;
    }
    return out + run.slice(last);
  });
}

/** The text of a span up to and including its first `n` digits and the separator after them ("86 ", "0086-"). */
function typedPrefixOf(span: string, n: number): string {
  let seen = 0;
  let k = 0;
  while (k < span.length && seen < n) {
    if (/[0-9\uFF10-\uFF19]/u.test(span[k]!)) seen += 1;
    k += 1;
  }
  while (k < span.length && !/[0-9\uFF10-\uFF19]/u.test(span[k]!)) k += 1;
  return span.slice(0, k);
}

/** maskPersonalData over every string (and every number that masks) of a parsed JSON value; keys are kept. */
function maskJsonValue(value: unknown, opts: MaskOptions): unknown {
  if (typeof value === 'string') return maskPersonalData(value, opts);
  if (typeof value === 'number') {
    // A phone or an ID logged as a number becomes its masked string, so the line stays valid JSON.
    const s = String(value);
    const masked = maskPersonalData(s, opts);
    return masked === s ? value : masked;
  }
  if (Array.isArray(value)) return value.map((v) => maskJsonValue(v, opts));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskJsonValue(v, opts)]));
  return value;
}

/**
 * Mask one serialized JSON log line field by field (every string through
 * maskPersonalData), so the line stays valid JSON even when a field holds a
 * number that is a phone. A line that is not JSON is masked as text.
 * A trailing newline is kept.
 */
export function maskJsonLine(line: string, opts: MaskOptions = {}): string {
  const newline = line.endsWith('\n') ? '\n' : '';
  const body = newline ? line.slice(0, -1) : line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return maskPersonalData(line, opts);
  }
  return JSON.stringify(maskJsonValue(parsed, opts)) + newline;
}
