/**
 * Running the question set against the app: the config the eval uses, the
 * app as the eval sees it, and the loop that asks every item and scores it.
 * Shared by the CLI (run-eval.ts) and the vitest gate (eval.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, type ConfigResult, NowSchema, parseConfig } from '../../bot/config.js';
import { type App, type AskResult, createApp } from '../../bot/app.js';
import { type EvalItem, REPO_ROOT, itemTurns } from './eval-item.js';
import { type AnswerRecord, type ItemScore, scoreItem } from './score.js';

/**
 * The clock of items that give no `now`: a day inside the Zaozhuang 2026
 * registration window, so time-independent questions are answered the same
 * way on every run, whatever the real date.
 */
export const DEFAULT_EVAL_NOW = '2026-03-15';

/** What the app returns for one question. */
export type EvalAskResult = AskResult;

/** The part of the app the eval uses (so a fake app can stand in for it). */
export type EvalApp = Pick<App, 'ask' | 'close'>;

/** Build the app; a failure to start (bad facts, unreadable notices) is an error value. */
export async function openApp(config: Config): Promise<{ ok: true; value: EvalApp } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await createApp(config) };
  } catch (cause) {
    return { ok: false, error: `createApp failed: ${(cause as Error).stack ?? String(cause)}` };
  }
}

export interface EvalEnvironment {
  config: Config;
  /** Removes the temporary index directory. */
  cleanup(): void;
}

/** The LLM variables `--llm` takes from the environment. */
export const LLM_ENV_KEYS = ['LLM_BASE_URL', 'LLM_API_KEY', 'LLM_MODEL', 'LLM_TIMEOUT_MS', 'LLM_MAX_RETRIES'] as const;

/**
 * The eval's config: in-memory database, a fresh temporary index directory,
 * silent logs, the repository's facts, offline lexical embeddings, no console,
 * the fixed default clock. With `llm`, the LLM_* variables of `env` are passed
 * through (LLM_BASE_URL is then required); without it none are, so the run is
 * offline whatever the shell exports.
 */
export function prepareEnvironment(opts: {
  llm: boolean;
  env?: Record<string, string | undefined>;
}): { ok: true; value: EvalEnvironment } | { ok: false; error: string } {
  const env = opts.env ?? {};
  if (opts.llm && !env.LLM_BASE_URL) return { ok: false, error: '--llm needs LLM_BASE_URL (and usually LLM_MODEL, LLM_API_KEY) in the environment' };
  const indexDir = mkdtempSync(join(tmpdir(), 'dte-eval-index-'));
  const vars: Record<string, string | undefined> = {
    DTE_DB: ':memory:',
    DTE_INDEX_DIR: indexDir,
    DTE_FACTS: join(REPO_ROOT, 'knowledge/facts/facts.json'),
    DTE_LOG_LEVEL: 'silent',
    DTE_NOW: DEFAULT_EVAL_NOW,
    DTE_EMBEDDINGS: 'lexical',
    DTE_CONSOLE: 'false',
  };
  if (opts.llm) for (const k of LLM_ENV_KEYS) vars[k] = env[k];
  const parsed: ConfigResult = parseConfig(vars);
  const cleanup = () => rmSync(indexDir, { recursive: true, force: true });
  if (!parsed.ok) {
    cleanup();
    return { ok: false, error: parsed.message };
  }
  return { ok: true, value: { config: parsed.config, cleanup } };
}

/** The clock of an item: its `now`, else DEFAULT_EVAL_NOW (both read as Beijing time). */
export function itemNow(item: EvalItem): Date {
  return NowSchema.parse(item.now ?? DEFAULT_EVAL_NOW);
}

/**
 * Ask one item: a one-shot question in a fresh session, or each turn in order
 * under one user id (so follow-ups keep context), keeping the last answer.
 * A throwing app becomes a record with `error`, never an exception.
 */
export async function askItem(app: EvalApp, item: EvalItem): Promise<AnswerRecord> {
  const now = itemNow(item);
  const turns = itemTurns(item);
  const userId = item.turns ? `eval-${item.id}` : undefined;
  let last: EvalAskResult | undefined;
  try {
    for (const turn of turns) {
      last = await app.ask(turn, { now, region: item.region, ...(userId ? { userId } : {}) });
    }
  } catch (cause) {
    return { answer: '', sources: [], tools: [], now, error: (cause as Error).message ?? String(cause) };
  }
  if (!last) return { answer: '', sources: [], tools: [], now, error: 'no answer' };
  return { answer: last.answer, sources: last.sources, tools: last.tools, trace: last.trace, now };
}

/** Ask and score every item, in order; `onItem` sees each score as it is made. */
export async function runEvaluation(
  app: EvalApp,
  items: readonly EvalItem[],
  onItem?: (score: ItemScore, index: number) => void,
): Promise<ItemScore[]> {
  const scores: ItemScore[] = [];
  for (const [i, item] of items.entries()) {
    const score = scoreItem(item, await askItem(app, item));
    scores.push(score);
    onItem?.(score, i);
  }
  return scores;
}
