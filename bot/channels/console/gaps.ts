/**
 * Knowledge gaps: the logged questions the bot could not answer or answered
 * with low confidence, grouped by similarity so staff see what residents
 * keep asking. Similarity is the Jaccard index of character bigrams of the
 * normalised text; personal data is masked again before anything is shown.
 */
import { maskPersonalData } from '../../mask.js';
import type { QuestionLogEntryLike } from './console-app.js';

/** A question counts as a gap below this confidence (same threshold as the engine's log). */
export const GAP_CONFIDENCE_BELOW = 0.5;
/** Two questions belong together at or above this bigram Jaccard similarity. */
export const GAP_SIMILARITY = 0.5;

export interface GapGroup {
  /** The most frequent wording (latest on ties), masked. */
  representative: string;
  /** Number of logged questions in the group. */
  count: number;
  /** ISO time of the latest one. */
  lastSeen: string;
  /** Distinct wordings, most frequent first, masked (at most 10). */
  variants: Array<{ text: string; count: number }>;
  routes: string[];
  minConfidence: number;
  /** How many were not answered at all. */
  unanswered: number;
}

/** NFKC, lower case, letters and digits only: "报名截止 了吗？" == "报名截止了吗". */
export function normalizeQuestion(text: string): string {
  return [...text.normalize('NFKC').toLowerCase()].filter((c) => /[\p{L}\p{N}*]/u.test(c)).join('');
}

/** Character bigrams of normalised text (a one-character text is its own gram). */
export function bigrams(normalized: string): Set<string> {
  const chars = [...normalized];
  if (chars.length < 2) return new Set(chars.length ? [chars[0]!] : []);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** |A ∩ B| / |A ∪ B|; two empty sets are identical. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const g of a) if (b.has(g)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * True when the bot said it could not answer: not answered, or a route that
 * answers "the notices do not say" (detail-not-stated, class-venue-not-stated,
 * fee-not-stated …). The engine marks those `answered` (saying "not stated" is
 * a correct answer for the eval), which is why 缺口 used to count them as
 * answered ("未回答 0" under a question the bot could not answer).
 */
export function saidCannotAnswer(entry: Pick<QuestionLogEntryLike, 'answered' | 'route'>): boolean {
  if (!entry.answered) return true;
  const parts = entry.route.split('+');
  return parts.every((r) => /-not-stated$/.test(r));
}

/** True for a logged question staff should look at (`flagged`: normalised texts staff sent from 问答). */
export function isGap(entry: QuestionLogEntryLike, flagged?: ReadonlySet<string>): boolean {
  return saidCannotAnswer(entry) || entry.confidence < GAP_CONFIDENCE_BELOW || (flagged?.has(normalizeQuestion(entry.question)) ?? false);
}

interface Building {
  grams: Set<string>;
  entries: QuestionLogEntryLike[];
}

/**
 * Group the gap questions of a log: each question joins the first group whose
 * first question is similar enough (greedy, in time order, so the result does
 * not depend on the store's ordering), else starts a group. Groups are sorted
 * by count, then by last seen.
 */
export function groupGaps(entries: readonly QuestionLogEntryLike[], similarity = GAP_SIMILARITY, flagged?: ReadonlySet<string>): GapGroup[] {
  const gaps = entries.filter((e) => isGap(e, flagged)).slice().sort((a, b) => a.time.localeCompare(b.time));
  const groups: Building[] = [];
  for (const e of gaps) {
    const grams = bigrams(normalizeQuestion(e.question));
    const home = groups.find((g) => jaccard(g.grams, grams) >= similarity);
    if (home) home.entries.push(e);
    else groups.push({ grams, entries: [e] });
  }
  return groups
    .map((g) => summarise(g.entries))
    .sort((a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen));
}

function summarise(entries: QuestionLogEntryLike[]): GapGroup {
  const byText = new Map<string, { text: string; count: number; last: string }>();
  for (const e of entries) {
    const text = maskPersonalData(e.question.trim());
    const v = byText.get(text) ?? { text, count: 0, last: '' };
    v.count++;
    if (e.time > v.last) v.last = e.time;
    byText.set(text, v);
  }
  const variants = [...byText.values()].sort((a, b) => b.count - a.count || b.last.localeCompare(a.last));
  return {
    representative: variants[0]?.text ?? '',
    count: entries.length,
    lastSeen: entries.reduce((m, e) => (e.time > m ? e.time : m), ''),
    variants: variants.slice(0, 10).map(({ text, count }) => ({ text, count })),
    routes: [...new Set(entries.map((e) => e.route))].sort(),
    minConfidence: Math.min(...entries.map((e) => e.confidence)),
    unanswered: entries.filter(saidCannotAnswer).length,
  };
}
