/**
 * One question of the answer-quality set (test/eval/questions.json) and the
 * loader that validates the file. The set is data: residents' questions with
 * the fact tokens a correct answer must carry, never whole sentences.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { RegionSchema } from '../../knowledge/facts/schema.js';

/** Repository root (this file lives in test/eval/). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The question set. */
export const QUESTIONS_PATH = join(REPO_ROOT, 'test/eval/questions.json');

/** The categories the set is organised by; the report groups accuracy by them. */
export const EVAL_CATEGORIES = [
  'fee',
  'subsidy',
  'net-cost',
  'hours',
  'deadline',
  'eligibility',
  'title',
  'certificate',
  'continuing-education',
  'contact',
  'institution',
  'occupation',
  'process',
  'refund',
  'course',
  'class-size',
  'attendance',
  'exam',
  'talent-card',
  'audience',
  'materials',
  'quota',
  'weihai',
  'zhejiang',
  'liaoning',
  'follow-up',
  'traditional',
  'typo',
  'keyword-only',
  'out-of-scope',
  'injection',
  'privacy',
  'greeting',
] as const;
export const EvalCategorySchema = z.enum(EVAL_CATEGORIES);
export type EvalCategory = z.infer<typeof EvalCategorySchema>;

/** A required token, or an any-of list of tokens (at least one must appear). */
export const ExpectationSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(2)]);
export type Expectation = z.infer<typeof ExpectationSchema>;

export const EvalItemSchema = z
  .object({
    id: z.string().regex(/^[a-z]+(-[a-z]+)*-\d{3}$/, 'ids look like "fee-001"'),
    category: EvalCategorySchema,
    /** A one-shot question; omitted when `turns` is given. */
    question: z.string().min(1).optional(),
    /** A conversation: earlier turns are context, only the last one is scored. */
    turns: z.array(z.string().min(1)).min(2).optional(),
    /** The clock for this item, "YYYY-MM-DD" (Beijing midnight) or an ISO time. */
    now: z.string().optional(),
    /** The region the resident is known to be in, when the channel knows it. */
    region: RegionSchema.optional(),
    mustContain: z.array(ExpectationSchema).default([]),
    mustNotContain: z.array(z.string().min(1)).default([]),
    /** At least one cited source must be one of these document ids. */
    expectDocs: z.array(z.string().min(1)).default([]),
    /** The notices do not answer this: the bot must say so and give a hotline. */
    expectUnknown: z.boolean().default(false),
    /** Why the expectation is what it is (for reviewers; not scored). */
    note: z.string().optional(),
  })
  .refine((i) => (i.question === undefined) !== (i.turns === undefined), {
    message: 'give exactly one of "question" and "turns"',
  });
export type EvalItem = z.infer<typeof EvalItemSchema>;

export const EvalSetSchema = z.array(EvalItemSchema).superRefine((items, ctx) => {
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${item.id}`, path: [i, 'id'] });
    seen.add(item.id);
  }
});

/** The turns of an item in order; the last one is the scored question. */
export function itemTurns(item: EvalItem): string[] {
  return item.turns ?? [item.question ?? ''];
}

/** The scored question (the last turn). */
export function scoredQuestion(item: EvalItem): string {
  const turns = itemTurns(item);
  return turns[turns.length - 1] ?? '';
}

export type LoadResult = { ok: true; value: EvalItem[] } | { ok: false; error: string };

/** Read and validate a question file; a missing file, bad JSON or a schema violation is an error value. */
export function loadQuestions(path: string): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    return { ok: false, error: `cannot read ${path}: ${(cause as Error).message}` };
  }
  const parsed = EvalSetSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `${path}: ${z.prettifyError(parsed.error)}` };
  return { ok: true, value: parsed.data };
}
