/**
 * The wrong-number check: every number an answer states must be traceable to
 * the evidence of its turn (tool outputs, cited passages) or to what the
 * resident said. A number that is not is a "wrong number", whatever its value.
 *
 * Definitions (text is NFKC-folded first, so full-width digits and
 * punctuation count, and thousands separators "3,000" are read as "3000"):
 *
 * - full date      2026年4月20日 / 2026年4月20号 / 2026-04-20 / 2026/4/20 / 2026.4.20
 *                  -> one token, key `date:2026-04-20`
 * - month-day      4月20日 / 4月20号 -> key `md:04-20` (a full date in the
 *                  evidence also provides its month-day)
 * - hyphen group   0632-3314140, 024-22904752, 2-02-30-11 -> key `hy:<as written>`;
 *                  it also passes when it is a phone (a 3–4 digit group starting
 *                  with 0, then a 7–8 digit group) and both groups are known,
 *                  because tools give area code and local number separately
 * - plain number   integers and decimals -> key `n:<canonical>` (leading zeros
 *                  and trailing decimal zeros dropped: "0632" = "632",
 *                  "3000.00" = "3000"); in the evidence "N万" also provides N×10000
 *
 * Not numbers (noise): list ordinals at the start of a line ("1." "2、" "3)"
 * "- 1."), bracketed clause labels anywhere ("（1）" "(2)"), keycap emoji
 * digits ("1️⃣"). These are stripped from answers only; the evidence keeps
 * everything, which can only make it more permissive.
 *
 * Known without evidence: every token of the resident's own turns (all turns
 * of the item) and the date of the turn's clock (`now`), with their parts.
 */

/** One number found in a text. */
export interface NumberToken {
  /** As written (after NFKC folding). */
  raw: string;
  kind: 'date' | 'month-day' | 'hyphen' | 'number';
  key: string;
  /** Keys of the parts (year, month, day; each hyphen group) — evidence only. */
  parts: string[];
}

/** NFKC-fold and drop thousands separators between digits. */
export function foldNumbers(text: string): string {
  return text.normalize('NFKC').replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

/** Canonical form of a decimal literal: no leading zeros, no trailing fraction zeros. */
export function canonicalNumber(literal: string): string {
  const [intPart = '0', frac = ''] = literal.split('.');
  const int = intPart.replace(/^0+(?=\d)/, '');
  const f = frac.replace(/0+$/, '');
  return f ? `${int}.${f}` : int;
}

const pad2 = (s: string) => s.padStart(2, '0');
const numKey = (s: string) => `n:${canonicalNumber(s)}`;

const TOKEN_RE = new RegExp(
  [
    String.raw`(?<cy>\d{4})\s*年\s*(?<cm>\d{1,2})\s*月\s*(?<cd>\d{1,2})\s*[日号]`,
    String.raw`(?<iy>\d{4})[-/.](?<im>\d{1,2})[-/.](?<id>\d{1,2})(?![\d.-])`,
    String.raw`(?<mm>\d{1,2})\s*月\s*(?<md>\d{1,2})\s*[日号]`,
    String.raw`(?<hy>\d+(?:-\d+)+)`,
    String.raw`(?<num>\d+(?:\.\d+)?)(?<wan>\s*万)?`,
  ]
    .map((p) => `(?<![\\d.])${p}`)
    .join('|'),
  'gu',
);

function validDate(y: string, m: string, d: string): boolean {
  const mi = Number(m);
  const di = Number(d);
  return Number(y) >= 1900 && mi >= 1 && mi <= 12 && di >= 1 && di <= 31;
}

/** Every number in `text`, in order (see the module comment for the grammar). */
export function extractNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  for (const m of foldNumbers(text).matchAll(TOKEN_RE)) {
    const g = m.groups ?? {};
    const raw = m[0];
    const y = g.cy ?? g.iy;
    const mo = g.cm ?? g.im;
    const d = g.cd ?? g.id;
    if (y && mo && d && validDate(y, mo, d)) {
      out.push({
        raw,
        kind: 'date',
        key: `date:${y}-${pad2(mo)}-${pad2(d)}`,
        parts: [`md:${pad2(mo)}-${pad2(d)}`, numKey(y), numKey(mo), numKey(d)],
      });
    } else if (y && mo && d) {
      // Not a calendar date (e.g. 2026-13-45): read as its numbers.
      for (const n of [y, mo, d]) out.push({ raw: n, kind: 'number', key: numKey(n), parts: [] });
    } else if (g.mm && g.md) {
      out.push({
        raw,
        kind: 'month-day',
        key: `md:${pad2(g.mm)}-${pad2(g.md)}`,
        parts: [numKey(g.mm), numKey(g.md)],
      });
    } else if (g.hy) {
      const groups = g.hy.split('-');
      out.push({ raw, kind: 'hyphen', key: `hy:${g.hy}`, parts: groups.map(numKey) });
    } else if (g.num) {
      const parts: string[] = [];
      if (g.wan) {
        const scaled = Number(g.num) * 10000;
        if (Number.isFinite(scaled)) parts.push(numKey(String(Math.round(scaled * 100) / 100)));
      }
      out.push({ raw: g.num, kind: 'number', key: numKey(g.num), parts });
    }
  }
  return out;
}

/**
 * The answer with list ordinals, bracketed clause labels and keycap digits
 * removed (they are layout, not facts).
 */
export function stripOrdinalNoise(answer: string): string {
  return answer
    .normalize('NFKC')
    .replace(/\d\uFE0F?\u20E3/gu, ' ')
    .replace(/^([\t ]*(?:[-*•·]\s*)?)\d{1,2}[.、)](?!\d)/gmu, '$1')
    .replace(/[(（]\d{1,2}[)）]/gu, ' ');
}

/** The set of keys a text provides as evidence (tokens and all their parts). */
export function evidenceKeys(texts: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const text of texts) {
    for (const t of extractNumbers(text)) {
      keys.add(t.key);
      for (const p of t.parts) keys.add(p);
    }
  }
  return keys;
}

const PHONE_GROUPS = /^0\d{2,3}-\d{7,8}$/;

/** True when the evidence (or what the resident said) accounts for this token. */
export function isKnown(token: NumberToken, known: ReadonlySet<string>): boolean {
  if (known.has(token.key)) return true;
  if (token.kind === 'hyphen' && PHONE_GROUPS.test(token.raw)) return token.parts.every((p) => known.has(p));
  return false;
}

export interface NumberCheckInput {
  answer: string;
  /** The resident's turns of this item (all of them). */
  questions: readonly string[];
  /** Evidence texts: JSON of each tool output, each cited source's title, section and quote. */
  evidence: readonly string[];
  /** The turn's clock, whose calendar date (Beijing) the bot may state. */
  now?: Date;
}

/** Beijing calendar date of an instant, "YYYY-MM-DD" (no dependence on the machine's time zone). */
export function beijingDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The numbers of `answer` that neither the evidence nor the resident account for, as written. */
export function findWrongNumbers(input: NumberCheckInput): string[] {
  const known = evidenceKeys([...input.evidence, ...input.questions, ...(input.now ? [beijingDate(input.now)] : [])]);
  const wrong: string[] = [];
  for (const token of extractNumbers(stripOrdinalNoise(input.answer))) {
    if (!isKnown(token, known) && !wrong.includes(token.raw)) wrong.push(token.raw);
  }
  return wrong;
}
