/**
 * Ranking facts by how much of the question they cover: IDF-weighted
 * character bigrams of the question found in a fact's label, statement,
 * quote and section. Used to pick the one or two rules that answer a
 * specific question ("发票", "机要交换", "竞聘上岗") among all the rules of
 * a topic, and to answer from the facts table before quoting passages.
 */
import type { Fact } from '../../../knowledge/facts/schema.js';
import type { FactsTable } from '../../../tools/facts-table.js';
import { renderFact } from './render-fact.js';
import { chineseNumber } from '../understand/normalize-question.js';
import type { Passage } from '../../../knowledge/types.js';
import { matchKey } from '../../../knowledge/text/match-key.js';
import { contentWords } from '../../../knowledge/index/text-analysis.js';

/** Bigrams that say nothing about the subject of a question. */
const STOP = new Set(
  '多少 什么 怎么 可以 能不 不能 是不 一下 请问 我们 你们 他们 这个 那个 哪个 哪些 有没 没有 还有 时候 吗？ 的吗 了吗 一个 要多 需要 是否 如何 为什么 呢？ 知道 告诉 问一 问下 想问 麻烦 谢谢 现在 那么 能报 报吗 可不 不可 以吗'.split(' '),
);

function bigrams(text: string): string[] {
  const han = text.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
  const out: string[] = [];
  for (let i = 0; i + 1 < han.length; i++) {
    const b = han.slice(i, i + 2);
    if (!STOP.has(b)) out.push(b);
  }
  return out;
}

interface Indexed {
  fact: Fact;
  grams: Set<string>;
  text: string;
  /** Characters that follow a numeral in `text` ("3次" → 次): what answersCount asks, precomputed. */
  countUnits: Set<string>;
}

interface FactIndex {
  entries: Indexed[];
  idf: Map<string, number>;
  /** Bigram → positions in `entries` of the facts containing it (ascending). */
  postings: Map<string, number[]>;
  /** Facts of each document, in table order, without form fields, with their quote's match key (factsInPassages). */
  byDoc: Map<string, Array<{ fact: Fact; key: string; head: string }>>;
  /** Fact id → positions in `entries` (rankFacts with candidates visits only theirs). */
  positions: Map<string, number[]>;
}

const cache = new WeakMap<FactsTable, FactIndex>();

function textOf(f: Fact): string {
  const own = 'label' in f ? f.label : '';
  const text = `${own} ${renderFact(f)} ${f.quote} ${f.section}`;
  // "十六周岁" also as "16周岁", so a question written with digits finds it.
  const digits = text.replace(/[一二两三四五六七八九十]+(?=周岁|岁|年|个月|日|天|次|人|家|学时)/g, (m) => String(chineseNumber(m) ?? m));
  return digits === text ? text : `${text} ${digits}`;
}

const NUMERAL = /[\d一二两三四五六七八九十]/;

function countUnitsOf(text: string): Set<string> {
  const units = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) if (NUMERAL.test(text[i]!)) units.add(text[i + 1]!);
  return units;
}

/** Everything about the facts that does not depend on the question, computed once per table. */
function indexOf(facts: FactsTable): FactIndex {
  let idx = cache.get(facts);
  if (idx) return idx;
  const entries = facts.all().map((fact) => {
    const text = textOf(fact);
    return { fact, grams: new Set(bigrams(text)), text, countUnits: countUnitsOf(text) };
  });
  const df = new Map<string, number>();
  const postings = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const g of e.grams) {
      df.set(g, (df.get(g) ?? 0) + 1);
      const list = postings.get(g);
      if (list) list.push(i);
      else postings.set(g, [i]);
    }
  });
  const n = entries.length;
  const idf = new Map<string, number>();
  for (const [g, d] of df) idf.set(g, Math.log(1 + n / d));
  const byDoc = new Map<string, Array<{ fact: Fact; key: string; head: string }>>();
  for (const fact of facts.all()) {
    if (fact.kind === 'form-field') continue;
    const list = byDoc.get(fact.doc) ?? [];
    const key = factKey(fact);
    list.push({ fact, key, head: key.slice(0, Math.max(8, Math.floor(key.length / 2))) });
    byDoc.set(fact.doc, list);
  }
  const positions = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const list = positions.get(e.fact.id);
    if (list) list.push(i);
    else positions.set(e.fact.id, [i]);
  });
  idx = { entries, idf, postings, byDoc, positions };
  cache.set(facts, idx);
  return idx;
}

export interface ScoredFact {
  fact: Fact;
  /** How much of the question the fact covers, 0..1: the better of its bigram and its word coverage. */
  score: number;
  /**
   * Share of the question's content words (jieba) found in the fact, 0..1, when the question has
   * any. A word no fact contains counts fully against it, so this is the measure of whether the
   * fact answers the question rather than sits near it.
   */
  words?: number;
}

/**
 * "几次"/"几年" in a question is answered by "3次"/"两年" in a fact: a
 * numeral immediately followed by the unit (what /[\d一…十]+次/ finds),
 * looked up in the fact's precomputed units.
 */
function answersCount(gram: string, e: Indexed): boolean {
  return gram[0] === '几' && gram.length === 2 && e.countUnits.has(gram[1]!);
}

/** What rankFacts computes from the question alone, over every fact (candidates only filter it). */
interface QuestionScores {
  total: number;
  scores: Float64Array;
  words: Map<string, number> | undefined;
  /** Every fact with coverage, ranked (filled on first use). */
  ranking?: Ranked[];
}

/**
 * The last question's scores: one answer ranks facts for the same question several times (with
 * different candidates), and the scores do not depend on the candidates. Only the last question
 * is kept, so nothing carries over from one question to the next.
 */
let lastScores: { facts: FactsTable; question: string; value: QuestionScores } | undefined;

function questionScores(facts: FactsTable, question: string): QuestionScores {
  if (lastScores && lastScores.facts === facts && lastScores.question === question) return lastScores.value;
  const { entries, idf, postings } = indexOf(facts);
  const q = [...new Set(bigrams(question))];
  // A bigram no fact contains is unknown vocabulary: weigh it like the rarest known one.
  const maxIdf = Math.log(1 + entries.length);
  const weight = (g: string) => idf.get(g) ?? maxIdf;
  const total = q.reduce((s, g) => s + weight(g), 0);
  // Scores accumulate per fact over the question's bigrams in question order (the same sums as looping
  // over every fact), but only facts that share a bigram, or answer a 几X, are touched.
  const scores = new Float64Array(entries.length);
  for (const g of q) {
    const w = weight(g);
    const counting = g[0] === '几' && g.length === 2;
    const list = postings.get(g);
    if (!counting) {
      if (list) for (const i of list) scores[i]! += w;
      continue;
    }
    for (let i = 0; i < entries.length; i++) if (entries[i]!.grams.has(g) || answersCount(g, entries[i]!)) scores[i]! += w;
  }
  const value: QuestionScores = { total, scores, words: total === 0 ? undefined : wordCoverage(facts, question) };
  lastScores = { facts, question, value };
  return value;
}

/** Facts among `candidates` (all facts when absent) ranked by coverage of the question. */
export function rankFacts(facts: FactsTable, question: string, candidates?: readonly Fact[]): ScoredFact[] {
  const ranking = fullRanking(facts, question);
  const copy = ({ fact, score, words }: Ranked): ScoredFact => (words === undefined ? { fact, score } : { fact, score, words });
  if (!candidates) return ranking.map(copy);
  // The candidates in the full ranking's order: a stable sort of a subset keeps the order the full sort gives it.
  const { positions } = indexOf(facts);
  const at = new Set<number>();
  for (const f of candidates) for (const i of positions.get(f.id) ?? []) at.add(i);
  return ranking.filter((r) => at.has(r.at)).map(copy);
}

type Ranked = ScoredFact & { at: number };

/** Every fact with coverage, ranked, for the question: computed once per question (kept with its scores). */
function fullRanking(facts: FactsTable, question: string): readonly Ranked[] {
  const scored = questionScores(facts, question);
  if (scored.ranking) return scored.ranking;
  const { entries } = indexOf(facts);
  const { total, scores, words } = scored;
  const out: Array<Ranked & { length: number }> = [];
  if (total > 0) {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const s = scores[i]!;
      if (s > 0) out.push({ at: i, fact: e.fact, score: s / total, length: e.text.length });
    }
  }
  // Word coverage beside bigram coverage: bigrams across word boundaries ("海这", "案文") are noise the
  // words do not have, so a fact that holds every word asked about scores as covering the question.
  if (words) {
    for (const o of out) {
      o.words = words.get(o.fact.id) ?? 0;
      o.score = Math.max(o.score, o.words);
    }
  }
  // Equal coverage: the shorter, more specific fact first.
  scored.ranking = out.sort((a, b) => b.score - a.score || a.length - b.length);
  return scored.ranking;
}

const wordPostings = new WeakMap<FactsTable, Map<string, Set<string>>>();

/**
 * Share of the question's content words (jieba, IDF-weighted over the facts) that a fact's text
 * contains, per fact id; a word no fact contains weighs like the rarest one (unknown vocabulary
 * keeps the coverage down, so "not directly stated" still holds for it). Undefined without words.
 */
function wordCoverage(facts: FactsTable, question: string): Map<string, number> | undefined {
  const { entries } = indexOf(facts);
  const words = [...new Set(contentWords(question).filter((w) => [...w].length >= 2 || /\d/u.test(w)))];
  if (words.length === 0) return undefined;
  let postings = wordPostings.get(facts);
  if (!postings) wordPostings.set(facts, (postings = new Map()));
  const n = entries.length;
  const maxIdf = Math.log(1 + n);
  let total = 0;
  const scores = new Map<string, number>();
  for (const w of words) {
    let ids = postings.get(w);
    if (!ids) postings.set(w, (ids = new Set(entries.filter((e) => e.text.includes(w)).map((e) => e.fact.id))));
    const weight = ids.size ? Math.log(1 + n / ids.size) : maxIdf;
    total += weight;
    for (const id of ids) scores.set(id, (scores.get(id) ?? 0) + weight);
  }
  for (const [id, s] of scores) scores.set(id, s / total);
  return scores;
}

/** A fact found inside a retrieved passage. */
export interface PassageFact {
  fact: Fact;
  /** Rank of the passage it was found in (0 = best). */
  rank: number;
  /** The passage's fused score (knowledge/types.ts scale). */
  passageScore: number;
}

const keyCache = new WeakMap<Fact, string>();
function factKey(f: Fact): string {
  let k = keyCache.get(f);
  if (k === undefined) {
    k = matchKey(f.quote);
    keyCache.set(f, k);
  }
  return k;
}

/**
 * The facts of `doc` (table order, no form fields) that lie in a passage's text or contain it.
 * Passages are the notices' chunks, a fixed set, and the answer depends on the text and the facts
 * only, so it is kept per facts table and text (bounded, in case a knowledge base hands out texts
 * of its own).
 */
const passageFacts = new WeakMap<FactsTable, Map<string, Fact[]>>();
function factsInText(facts: FactsTable, byDoc: FactIndex['byDoc'], doc: string, passageText: string): Fact[] {
  let known = passageFacts.get(facts);
  if (!known) passageFacts.set(facts, (known = new Map()));
  const key = `${doc}\u0000${passageText}`;
  let found = known.get(key);
  if (found === undefined) {
    const text = matchKey(passageText);
    found = [];
    for (const { fact, key: q, head } of byDoc.get(doc) ?? []) {
      // The fact lies in the passage, or the passage is a piece of a longer fact.
      if (text.includes(q) || (head.length >= 8 && text.includes(head)) || (text.length >= 8 && q.includes(text))) found.push(fact);
    }
    if (known.size >= 50_000) known.clear();
    known.set(key, found);
  }
  return found;
}

/**
 * Facts whose verbatim quote lies (at least half) inside one of the
 * passages, or that contain a whole passage, best passage first: the retrieval finds where the notices
 * answer, the facts table gives the exact statement of it.
 */
export function factsInPassages(facts: FactsTable, passages: readonly Passage[]): PassageFact[] {
  const out: PassageFact[] = [];
  const seen = new Set<string>();
  const { byDoc } = indexOf(facts);
  for (const [rank, p] of passages.entries()) {
    for (const f of factsInText(facts, byDoc, p.doc, p.text)) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      out.push({ fact: f, rank, passageScore: p.score });
    }
  }
  return out;
}
