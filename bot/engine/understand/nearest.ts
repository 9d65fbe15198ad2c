/**
 * Classification by evidence: the nearest example messages of a message
 * (knowledge/language/topic-examples.json and the facts' own asks in
 * knowledge/language/fact-asks/) vote for a topic, an intent or "out of
 * scope", and for the facts that answer it. The place and level names of
 * the facts table are taken out first: they are slots, read
 * separately, and must not make "威海 学费" look like every other 威海
 * example. Indexes are built once per facts table and example data.
 */
import type { Fact, Topic } from '../../../knowledge/facts/schema.js';
import { ExampleIndex, type LabelVote } from '../../../knowledge/index/example-index.js';
import { defaultFactAsks, defaultTopicExamples, examplesGeneration } from '../../../knowledge/language/examples-schema.js';
import type { FactsTable } from '../../../tools/facts-table.js';
import { CUES, REWRITES, TOPIC_CUES, type Intent } from './lexicon.js';
import { normalizeQuestion } from './normalize-question.js';
import { fixHomophones } from './homophones.js';

/** What a message's nearest examples are about. */
export type ExampleLabel = `topic:${Topic}` | `intent:${Intent}` | 'out-of-scope';

export interface TopicEvidence {
  /** Topic votes, best first (intents and out-of-scope left out). */
  topics: Array<LabelVote<Topic>>;
  /** The best label overall, with its votes. */
  best?: LabelVote<ExampleLabel>;
}

export interface FactMatch {
  fact: Fact;
  /** Cosine of the fact's nearest ask, 0..1. */
  similarity: number;
  ask: string;
}

interface Indexes {
  generation: number;
  /** The understanding language the examples were prepared with (its rewrites and cue words feed `prepare`). */
  rewrites: typeof REWRITES;
  cues: typeof TOPIC_CUES;
  labels: ExampleIndex<ExampleLabel>;
  facts: ExampleIndex<string>;
}

const cache = new WeakMap<FactsTable, Indexes>();

/**
 * Names that are slots, not subjects: covered places and levels. Occupation names stay: they are what the
 * occupation examples are about ("大数据能报吗" is not "能报吗").
 */
function slotWords(facts: FactsTable): string[] {
  const words = new Set<string>();
  for (const r of facts.regions) for (const n of r.names) words.add(n);
  for (const level of ['初级', '中级', '高级']) words.add(level);
  // Longest first, so "数字化管理师" goes before "数字化".
  return [...words].sort((a, b) => b.length - a.length);
}

function indexesOf(facts: FactsTable): Indexes {
  const generation = examplesGeneration();
  let idx = cache.get(facts);
  if (idx && idx.generation === generation && idx.rewrites === REWRITES && idx.cues === TOPIC_CUES) return idx;
  const data = defaultTopicExamples();
  const asks = defaultFactAsks();
  const labelled: Array<{ label: ExampleLabel; text: string }> = [];
  for (const [topic, list] of Object.entries(data.topics)) for (const text of list ?? []) labelled.push({ label: `topic:${topic as Topic}`, text });
  for (const [intent, list] of Object.entries(data.intents)) for (const text of list ?? []) labelled.push({ label: `intent:${intent as Intent}`, text });
  for (const text of data.outOfScope) labelled.push({ label: 'out-of-scope', text });
  const factExamples: Array<{ label: string; text: string }> = [];
  for (const f of facts.all()) {
    const own = asks[f.id] ?? [];
    // A fact's asks are examples of its main topic too.
    for (const text of own) labelled.push({ label: `topic:${f.topics[0]!}`, text });
    for (const text of own) factExamples.push({ label: f.id, text });
    if (f.kind === 'rule') factExamples.push({ label: f.id, text: f.label });
  }
  // Examples are read as messages are: normalised and rewritten (学费 → 培训费) before analysis.
  const prepare = (t: string) => withoutNoticeName(fixHomophones(normalizeQuestion(t), facts));
  idx = { generation, rewrites: REWRITES, cues: TOPIC_CUES, labels: new ExampleIndex(labelled, slotWords(facts), prepare, true), facts: new ExampleIndex(factExamples, [], prepare) };
  cache.set(facts, idx);
  return idx;
}

/**
 * Build the example indexes of `facts` now (createApp calls it at start), so the first message does
 * not pay for them; they are rebuilt when the example or understanding data is replaced.
 */
export function prepareExampleIndexes(facts: FactsTable): void {
  indexesOf(facts);
}

/**
 * "枣庄2023年那个方案培训方向是啥": which notice is asked about, or which year (language data's `namesNotice`,
 * `namesYear`), says nothing of what is asked; it is left out of the comparison with the examples, on both
 * sides, as the slot words are.
 */
function withoutNoticeName(text: string): string {
  let out = text;
  for (const re of [CUES.namesNotice, CUES.namesYear]) if (re.test(out)) out = out.replace(globalOf(re), ' ');
  return out;
}

/** A cue's global copy for replacing every match, made once per compiled cue (the language data may be swapped). */
const globals = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = globals.get(re);
  if (!g) globals.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)));
  return g;
}

/** The topics (and the best label) a message's nearest examples vote for; `text` is normalised (understand's text). */
export function topicEvidence(text: string, facts: FactsTable): TopicEvidence {
  const votes = indexesOf(facts).labels.vote(withoutNoticeName(text));
  const topics: Array<LabelVote<Topic>> = [];
  for (const v of votes) if (v.label.startsWith('topic:')) topics.push({ ...v, label: v.label.slice(6) as Topic });
  return { topics, best: votes[0] };
}

/** The last search: a turn asks for the same text's facts from several places (region, rules, cover). */
let lastAsks: { index: unknown; text: string; k: number; out: readonly FactMatch[] } | undefined;

/** Facts whose own asks are nearest the message, best first, one entry a fact (callers must not change the list). */
export function factsByAsks(text: string, facts: FactsTable, k = 8): readonly FactMatch[] {
  const index = indexesOf(facts).facts;
  if (lastAsks && lastAsks.index === index && lastAsks.text === text && lastAsks.k === k) return lastAsks.out;
  const out: FactMatch[] = [];
  lastAsks = { index, text, k, out };
  for (const n of index.nearest(withoutNoticeName(text), k)) {
    if (out.some((o) => o.fact.id === n.label)) continue;
    const fact = facts.byId(n.label);
    if (fact) out.push({ fact, similarity: n.similarity, ask: n.text });
  }
  return out;
}
