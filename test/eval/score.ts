/**
 * Scoring of one answer against one question of the set, and the summary of a
 * run. Pure functions shared by the CLI (run-eval.ts) and the vitest gate
 * (eval.test.ts), so both measure exactly the same thing.
 */
import { matchKey } from '../../knowledge/text/match-key.js';
import type { SourceRef, ToolCall, Trace } from '../../bot/engine/types.js';
import { type EvalItem, type Expectation, itemTurns, scoredQuestion } from './eval-item.js';
import { findWrongNumbers, foldNumbers } from './numbers.js';

/** What the app returned for the scored (last) turn of an item. */
export interface AnswerRecord {
  answer: string;
  sources: readonly SourceRef[];
  tools: readonly ToolCall[];
  trace?: Pick<Trace, 'route' | 'mode' | 'sources' | 'tools'>;
  /** The clock the turn ran with. */
  now?: Date;
  /** Set when asking failed (the app threw): the item fails with this message. */
  error?: string;
}

export interface ItemScore {
  id: string;
  category: EvalItem['category'];
  question: string;
  answer: string;
  passed: boolean;
  /** Human-readable reasons the item failed, empty when it passed. */
  problems: string[];
  /** Numbers of the answer the evidence does not account for. */
  wrongNumbers: string[];
  /** The answer says the notices do not state something the item expects it to answer. */
  falseNotStated: boolean;
  route?: string;
  mode?: string;
  docs: string[];
}

/** Comparable form of an answer or a token: NFKC, no white space, no thousands separators. */
function comparable(text: string): string {
  return matchKey(foldNumbers(text));
}

/**
 * True when `token` occurs in `answer` (white space and width ignored). A token
 * that starts or ends with a digit must not continue a longer number there:
 * "1000" is not found in "10000".
 */
export function containsToken(answer: string, token: string): boolean {
  const a = comparable(answer);
  const t = comparable(token);
  if (!t) return false;
  const digitStart = /^\d/.test(t);
  const digitEnd = /\d$/.test(t);
  for (let i = a.indexOf(t); i !== -1; i = a.indexOf(t, i + 1)) {
    const before = a[i - 1];
    const after = a[i + t.length];
    if (digitStart && before !== undefined && /[\d.]/.test(before)) continue;
    if (digitEnd && after !== undefined && /\d/.test(after)) continue;
    if (digitEnd && after === '.' && /\d/.test(a[i + t.length + 1] ?? '')) continue;
    return true;
  }
  return false;
}

/** True when the answer satisfies one mustContain entry (a token, or any of a list). */
export function meetsExpectation(answer: string, expectation: Expectation): boolean {
  const anyOf = typeof expectation === 'string' ? [expectation] : expectation;
  return anyOf.some((t) => containsToken(answer, t));
}

const describeExpectation = (e: Expectation) => (typeof e === 'string' ? `"${e}"` : `any of ${JSON.stringify(e)}`);

/**
 * An amount of money: digits followed by 元 / 万元 / 块, or preceded by ¥/￥.
 * (Phone numbers, hours, dates and counts of people are not amounts.)
 */
export const AMOUNT_RE = /\d+(?:\.\d+)?\s*(?:万?元|块)|[¥￥]\s*\d/u;
/**
 * A phone number: area code + local number, a mainland mobile, or a 7–8 digit
 * local number as the notices print them (5513165).
 */
export const PHONE_RE = /(?<!\d)(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|\d{7,8})(?!\d)/u;
/** Words that point the resident to a hotline when no number is given. */
export const HOTLINE_WORDS = ['热线', '电话'];
/** Words by which an answer says the notices do not cover the question. */
export const UNKNOWN_MARKERS = [
  '不知道',
  '不清楚',
  '不了解',
  '不确定',
  '没有',
  '未',
  '无法',
  '暂无',
  '不在',
  '不涉及',
  '不属于',
  '不包括',
  '超出',
  '抱歉',
  '不能',
  '只能',
  '仅',
];

/**
 * expectUnknown holds when the answer (1) states no amount of money (AMOUNT_RE),
 * (2) gives a phone number (PHONE_RE) or names a hotline (热线/电话), and
 * (3) says it does not know / the notices do not cover it (UNKNOWN_MARKERS).
 * Returns the unmet conditions, empty when all hold.
 */
export function checkUnknown(answer: string): string[] {
  const text = foldNumbers(answer);
  const problems: string[] = [];
  const amount = AMOUNT_RE.exec(text);
  if (amount) problems.push(`expected "not covered" but it states an amount "${amount[0]}"`);
  if (!PHONE_RE.test(text) && !HOTLINE_WORDS.some((w) => text.includes(w)))
    problems.push('expected "not covered" with a hotline, but it gives no phone number or 热线/电话');
  if (!UNKNOWN_MARKERS.some((w) => text.includes(w)))
    problems.push(`expected "not covered" but it does not say so (none of ${UNKNOWN_MARKERS.join('/')})`);
  return problems;
}

/**
 * Phrases by which an answer claims a notice is silent ("枣庄的通知中没有写明报名条件",
 * "通知中没有关于…的规定"). Saying it is unsure ("没有直接回答…最接近的规定是") is not a claim.
 */
export const NOT_STATED_MARKERS = ['没有写明', '未写明', '没有关于', '没有规定', '没有提到', '没有明确', '未作规定', '没有列出'];

/**
 * A false "not stated" claim: the answer claims silence, the item does not
 * expect "not covered", and something the item expects the answer to carry is
 * missing. A false claim that a notice is silent is as wrong as a wrong number.
 */
export function isFalseNotStated(item: Pick<EvalItem, 'expectUnknown' | 'mustContain'>, answer: string): boolean {
  if (item.expectUnknown || item.mustContain.length === 0) return false;
  if (!NOT_STATED_MARKERS.some((m) => answer.includes(m))) return false;
  return item.mustContain.some((e) => !meetsExpectation(answer, e));
}

/** Every source of the record: `sources` and the trace's, without duplicates. */
function allSources(record: AnswerRecord): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const s of [...record.sources, ...(record.trace?.sources ?? [])]) {
    const key = `${s.doc}\u0000${s.section}\u0000${s.quote}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

/**
 * The evidence texts of a turn: the JSON of each tool output (of `tools` and
 * the trace's tools), and each cited source's title, section and quote.
 */
export function evidenceTexts(record: AnswerRecord): string[] {
  const texts: string[] = [];
  for (const call of [...record.tools, ...(record.trace?.tools ?? [])]) {
    texts.push(JSON.stringify(call.output ?? null) ?? '');
  }
  for (const s of allSources(record)) texts.push(s.title, s.section, s.quote);
  return texts;
}

/** Score one item: mustContain, mustNotContain, expectDocs, expectUnknown and the wrong-number check. */
export function scoreItem(item: EvalItem, record: AnswerRecord): ItemScore {
  const problems: string[] = [];
  const answer = record.answer;
  const docs = [...new Set(allSources(record).map((s) => s.doc))];
  if (record.error !== undefined) problems.push(`the app failed: ${record.error}`);
  for (const e of item.mustContain) {
    if (!meetsExpectation(answer, e)) problems.push(`missing ${describeExpectation(e)}`);
  }
  for (const t of item.mustNotContain) {
    if (containsToken(answer, t)) problems.push(`contains forbidden "${t}"`);
  }
  if (item.expectDocs.length > 0 && !docs.some((d) => item.expectDocs.includes(d))) {
    problems.push(`no source among ${JSON.stringify(item.expectDocs)} (cited: ${JSON.stringify(docs)})`);
  }
  if (item.expectUnknown) problems.push(...checkUnknown(answer));
  const wrongNumbers = findWrongNumbers({
    answer,
    questions: itemTurns(item),
    evidence: evidenceTexts(record),
    now: record.now,
  });
  for (const n of wrongNumbers) problems.push(`wrong number "${n}" (in no tool output or cited source of this turn)`);
  const falseNotStated = isFalseNotStated(item, answer);
  if (falseNotStated) problems.push('false "not stated": it claims the notice is silent on what the item expects it to answer');
  return {
    id: item.id,
    category: item.category,
    question: scoredQuestion(item),
    answer,
    passed: problems.length === 0,
    problems,
    wrongNumbers,
    falseNotStated,
    route: record.trace?.route,
    mode: record.trace?.mode,
    docs,
  };
}

export interface CategoryFigures {
  total: number;
  passed: number;
  accuracy: number;
}

export interface EvalSummary {
  total: number;
  passed: number;
  /** passed / total, in [0, 1] (1 for an empty run). */
  accuracy: number;
  threshold: number;
  byCategory: Record<string, CategoryFigures>;
  /** Total count of wrong numbers over all items. */
  wrongNumbers: number;
  /** Items whose answer falsely claims the notices are silent. */
  falseNotStated: number;
  /** How many scored answers came from each mode ('offline' / 'llm'). */
  modes: Record<string, number>;
  failures: ItemScore[];
  /** True when accuracy >= threshold and there is no wrong number and no false "not stated" claim. */
  passedGate: boolean;
}

/** The accuracy the set must reach. */
export const ACCURACY_THRESHOLD = 0.95;

/** Aggregate item scores into the figures the report and the gate use. */
export function summarise(scores: readonly ItemScore[], threshold = ACCURACY_THRESHOLD): EvalSummary {
  const byCategory: Record<string, CategoryFigures> = {};
  const modes: Record<string, number> = {};
  let passed = 0;
  let wrongNumbers = 0;
  let falseNotStated = 0;
  for (const s of scores) {
    if (s.falseNotStated) falseNotStated += 1;
    const c = (byCategory[s.category] ??= { total: 0, passed: 0, accuracy: 0 });
    c.total += 1;
    if (s.passed) {
      c.passed += 1;
      passed += 1;
    }
    wrongNumbers += s.wrongNumbers.length;
    const mode = s.mode ?? 'unknown';
    modes[mode] = (modes[mode] ?? 0) + 1;
  }
  for (const c of Object.values(byCategory)) c.accuracy = c.total === 0 ? 1 : c.passed / c.total;
  const accuracy = scores.length === 0 ? 1 : passed / scores.length;
  return {
    total: scores.length,
    passed,
    accuracy,
    threshold,
    byCategory,
    wrongNumbers,
    falseNotStated,
    modes,
    failures: scores.filter((s) => !s.passed),
    passedGate: accuracy >= threshold && wrongNumbers === 0 && falseNotStated === 0,
  };
}
