/**
 * Example messages, the evidence of nearest-example classification:
 * - knowledge/language/topic-examples.json — messages residents send about
 *   each topic, for each intent, and about things out of scope;
 * - knowledge/language/fact-asks/*.json — for a fact id, the messages whose
 *   answer is exactly that fact (the vocabulary residents use, which is often
 *   not the notice's: 学费 for 培训费, 几个人能开班 for 开班人数).
 * An operator adds a phrasing by adding a line here; nothing in code names a
 * phrasing. The files are checked at start (schema here, fact ids against the
 * facts table in checkFactAsks) and a bad entry is refused by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TopicSchema, type Topic } from '../facts/schema.js';
import { IntentSchema } from './understanding-schema.js';

const Message = z.string().trim().min(1).max(200);

export const TopicExamplesSchema = z.object({
  /** Messages about each topic; every topic needs some. */
  topics: z.partialRecord(TopicSchema, z.array(Message).min(1)),
  /** Messages of each intent (register, show-draft, greeting …). */
  intents: z.partialRecord(IntentSchema, z.array(Message).min(1)),
  /** Messages about other programmes or daily life. */
  outOfScope: z.array(Message).default([]),
});
export type TopicExamples = z.infer<typeof TopicExamplesSchema>;

/** fact id → messages answered by that fact. */
export const FactAsksSchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), z.array(Message).min(1));
export type FactAsks = z.infer<typeof FactAsksSchema>;

function parseJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Parse and validate a topic-examples file; throws naming every bad entry. */
export function loadTopicExamples(path: string): TopicExamples {
  const parsed = TopicExamplesSchema.safeParse(parseJson(path));
  if (!parsed.success) throw new Error(`language data ${path} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Every *.json of a fact-asks folder, merged: a fact's asks from several files are joined (an operator may keep new asks in a file of their own). */
export function loadFactAsks(dir: string): FactAsks {
  const merged: FactAsks = {};
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return merged;
  }
  for (const file of files) {
    const path = join(dir, file);
    const parsed = FactAsksSchema.safeParse(parseJson(path));
    if (!parsed.success) throw new Error(`language data ${path} is invalid:\n${z.prettifyError(parsed.error)}`);
    for (const [id, asks] of Object.entries(parsed.data)) merged[id] = [...new Set([...(merged[id] ?? []), ...asks])];
  }
  return merged;
}

/** Problems of the asks against the facts table: ids that are not facts. Empty when all is well. */
export function checkFactAsks(asks: FactAsks, factIds: ReadonlySet<string>): string[] {
  return Object.keys(asks)
    .filter((id) => !factIds.has(id))
    .map((id) => `fact-asks: "${id}" is not a fact id of the facts table`);
}

/** Topics without any example (classification cannot choose them from examples). */
export function topicsWithoutExamples(examples: TopicExamples): Topic[] {
  return TopicSchema.options.filter((t) => !examples.topics[t]?.length);
}

let shippedExamples: TopicExamples | undefined;
let shippedAsks: FactAsks | undefined;

/** The shipped topic examples (knowledge/language/topic-examples.json), loaded once; empty when the file is absent. */
export function defaultTopicExamples(): TopicExamples {
  if (!shippedExamples) {
    const path = new URL('./topic-examples.json', import.meta.url).pathname;
    try {
      readFileSync(path);
    } catch {
      return (shippedExamples = { topics: {}, intents: {}, outOfScope: [] });
    }
    shippedExamples = loadTopicExamples(path);
  }
  return shippedExamples;
}

/** The shipped fact asks (knowledge/language/fact-asks/), loaded once. */
export function defaultFactAsks(): FactAsks {
  shippedAsks ??= loadFactAsks(new URL('./fact-asks/', import.meta.url).pathname);
  return shippedAsks;
}

/** Use these examples and asks from now on (tests, and an operator's folder). */
export function useExamples(data: { topics?: TopicExamples; asks?: FactAsks }): void {
  if (data.topics) shippedExamples = data.topics;
  if (data.asks) shippedAsks = data.asks;
  generation++;
}

let generation = 0;
/** Changes whenever useExamples replaces the data (caches built over the data key on it). */
export function examplesGeneration(): number {
  return generation;
}

/**
 * The start-up check of the example data against the facts table: both files load and validate, and every
 * fact-asks key is a fact. Returns the problems, each naming its entry; empty when all is well.
 */
export function checkExampleData(factIds: ReadonlySet<string>): string[] {
  try {
    defaultTopicExamples();
    return checkFactAsks(defaultFactAsks(), factIds);
  } catch (error) {
    return [(error as Error).message];
  }
}
