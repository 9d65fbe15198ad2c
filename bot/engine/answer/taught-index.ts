/**
 * The in-memory snapshot of staff's taught answers the engine matches a
 * question against (the `TaughtAnswers` port). Matching is offline:
 *
 *   - jieba content words of the question and of each taught phrasing,
 *     weighted by IDF over the taught phrasings (a word every phrasing has
 *     says little about which answer is meant), compared as a weighted Dice
 *     coefficient: the words of both sides count, so a question that asks
 *     the taught thing *and* something else scores lower;
 *   - the cosine of the lexical embeddings (hashed character 1–3-grams,
 *     knowledge/index/lexical-embeddings.ts) fitted on the phrasings and the
 *     notices' chunks, which catches paraphrases jieba cuts differently
 *     (分期付款 / 分期缴费) and down-weights grams every notice uses (培训);
 *   - score = the mean of both; a phrasing matches at MATCH_THRESHOLD or above,
 *     and only when the question holds most of the phrasing's own content
 *     words (MIN_SUBJECT_COVERAGE; question frame words like 哪里 and 多少钱,
 *     the language data's question markers, weigh a quarter).
 *
 * Hard guards come first: the question and the phrasing must name the same
 * regions, levels and numbers (a taught answer about 中级 is never served for
 * 初级). A taught answer whose facts, contact or chunk no longer exist (next
 * year's facts table) is left out of the snapshot and reported as stale.
 */
import type { Chunk } from '../../../knowledge/types.js';
import type { FactsTable } from '../../../tools/facts-table.js';
import { analyse, normaliseQuery } from '../../../knowledge/index/text-analysis.js';
import { LexicalEmbeddings } from '../../../knowledge/index/lexical-embeddings.js';
import { defaultConversationLanguage } from '../../../knowledge/language/schema.js';
import type { TaughtAnswer } from '../../store/taught-store.js';
import type { TaughtAnswers, TaughtMatch } from '../types.js';

/**
 * The similarity at or above which a question gets a taught answer.
 * Measured on the paraphrase table (test/engine/taught-paraphrases.ts: 8
 * taught answers, 15 paraphrases that must hit, 10 hard ones that may miss
 * but never mislead, 25 near misses and unrelated questions)
 * with the real notices' chunks: paraphrases that keep the phrasing's
 * subject score 0.47–1.00; every near miss scores 0, except a compound
 * question ("培训费可以分期吗考试费谁出", asking two things) at 0.40.
 * 0.45 sits in that gap. The paraphrases that say the subject in other words
 * (分期缴费 for 分期付款, 考试的费用 for 考试费) score below it and fall
 * through to the normal pipeline — safe, and staff teach that wording too —
 * because a wrong taught answer costs more than a missed one.
 */
export const MATCH_THRESHOLD = 0.45;

const LEVELS = ['初级', '中级', '高级'] as const;
/** Weight of a question frame word against a content word. */
const FRAME_WEIGHT = 0.25;
/** Share of a phrasing's content words (by IDF) a question must contain. */
const MIN_SUBJECT_COVERAGE = 0.6;

export interface TaughtIndexInput {
  answers: readonly TaughtAnswer[];
  facts: FactsTable;
  chunks: readonly Chunk[];
}

/** Why a taught answer is not served. */
export interface StaleAnswer {
  id: string;
  /** The ids it names that are gone. */
  missing: string[];
}

interface Phrasing {
  answer: TaughtAnswer;
  words: Set<string>;
  vector: number[];
  keys: string;
}

export interface TaughtIndex extends TaughtAnswers {
  /** Taught answers left out because something they name is gone. */
  readonly stale: readonly StaleAnswer[];
  /** Score of the closest live phrasing (for tests and the threshold table). */
  best(question: string): { id: string; score: number; phrasing: string } | undefined;
}

/** The ids a taught answer names that the facts table / knowledge base no longer has. */
export function missingIds(answer: TaughtAnswer, facts: FactsTable, chunkIds: ReadonlySet<string>): string[] {
  const t = answer.target;
  if (t.kind === 'facts') return t.factIds.filter((id) => !facts.byId(id));
  if (t.kind === 'passage') return chunkIds.has(t.chunkId) ? [] : [t.chunkId];
  const contact = facts.byId(t.contactFactId);
  return contact && contact.kind === 'contact' ? [] : [t.contactFactId];
}

/** Build the snapshot (a new one after every teach; the old one keeps serving until then). */
export function buildTaughtIndex(input: TaughtIndexInput, hooks: { recordHit?: (id: string) => Promise<void> } = {}): TaughtIndex {
  const chunkIds = new Set(input.chunks.map((c) => c.id));
  const stale: StaleAnswer[] = [];
  const live: TaughtAnswer[] = [];
  for (const a of input.answers) {
    if (a.retiredAt) continue;
    const missing = missingIds(a, input.facts, chunkIds);
    if (missing.length) stale.push({ id: a.id, missing });
    else live.push(a);
  }
  const placeNames = input.facts.regions.flatMap((r) => r.names).sort((a, b) => b.length - a.length);
  const keysOf = (text: string): string => {
    const t = normaliseQuery(text);
    const places = new Set(placeNames.filter((n) => t.includes(n)).map((n) => input.facts.resolveRegion(n) ?? n));
    const levels = LEVELS.filter((l) => t.includes(l));
    const numbers = t.match(/\d+/g) ?? [];
    return JSON.stringify([[...places].sort(), levels, [...new Set(numbers)].sort()]);
  };
  const wordsOf = (text: string) => new Set(analyse(normaliseQuery(text)));

  const texts = live.flatMap((a) => a.phrasings);
  const embeddings = LexicalEmbeddings.fit([...texts, ...input.chunks.map((c) => c.text)]);
  const phrasings: Phrasing[] = live.flatMap((answer) =>
    answer.phrasings.map((p) => ({ answer, words: wordsOf(p), vector: embeddings.embed(normaliseQuery(p)), keys: keysOf(p) })),
  );
  const df = new Map<string, number>();
  for (const p of phrasings) for (const w of p.words) df.set(w, (df.get(w) ?? 0) + 1);
  const n = phrasings.length;
  // Question frame words (哪里, 多少钱, 什么时候: the conversation language's question markers) say how
  // something is asked, not what: they count a quarter of a content word.
  const markers = defaultConversationLanguage().questionMarkers.filter((m) => /\p{L}/u.test(m));
  const frame = (w: string) => markers.some((m) => w.includes(m));
  const idf = (w: string) => (Math.log((n + 1) / ((df.get(w) ?? 0) + 1)) + 1) * (frame(w) ? FRAME_WEIGHT : 1);
  const weight = (words: Iterable<string>) => {
    let s = 0;
    for (const w of words) s += idf(w);
    return s;
  };

  const score = (p: Phrasing, words: Set<string>, vector: number[]): number => {
    let shared = 0;
    for (const w of words) if (p.words.has(w)) shared += idf(w);
    const total = weight(p.words) + weight(words);
    const dice = total > 0 ? (2 * shared) / total : 0;
    let cos = 0;
    for (let i = 0; i < vector.length; i++) cos += vector[i]! * p.vector[i]!;
    // The question must hold most of what the phrasing is about (its content words): "考试地点在哪里"
    // shares the frame and 地点 with a taught "培训地点在哪里", but not its subject.
    let own = 0;
    let ownShared = 0;
    for (const w of p.words) {
      if (frame(w)) continue;
      own += idf(w);
      if (words.has(w)) ownShared += idf(w);
    }
    if (own > 0 && ownShared / own < MIN_SUBJECT_COVERAGE) return 0;
    return (dice + Math.max(0, cos)) / 2;
  };

  const best = (question: string) => {
    if (phrasings.length === 0) return undefined;
    const words = wordsOf(question);
    const vector = embeddings.embed(normaliseQuery(question));
    const keys = keysOf(question);
    let top: { id: string; score: number; phrasing: string } | undefined;
    for (const [i, p] of phrasings.entries()) {
      if (p.keys !== keys) continue;
      const s = score(p, words, vector);
      if (!top || s > top.score) top = { id: p.answer.id, score: s, phrasing: texts[i]! };
    }
    return top;
  };

  return {
    stale,
    best,
    match(question): TaughtMatch | undefined {
      const top = best(question);
      if (!top || top.score < MATCH_THRESHOLD) return undefined;
      const t = live.find((a) => a.id === top.id)!.target;
      return {
        id: top.id,
        score: Math.min(1, top.score),
        factIds: t.kind === 'facts' ? [...t.factIds] : [],
        ...(t.kind === 'passage' ? { chunkId: t.chunkId } : {}),
        ...(t.kind === 'not-covered' ? { contactFactId: t.contactFactId } : {}),
      };
    },
    ...(hooks.recordHit ? { recordHit: hooks.recordHit } : {}),
  };
}
