/**
 * The answer-quality eval, as a command:
 *
 *   npm run eval [-- --llm] [-- --json] [-- --only fee,refund] [-- --file test/eval/holdout.json]
 *
 * Builds the app once (in-memory database, temporary index directory, silent
 * logs, fixed default clock), asks every question of the question file
 * (test/eval/questions.json unless --file names another),
 * scores each answer (test/eval/score.ts) and prints accuracy per category and
 * overall, the number of wrong numbers and every failure.
 *
 * Exit status: 0 when accuracy >= 95% and no wrong number; 1 otherwise;
 * 2 when the run could not happen (bad arguments, bad question file, no app).
 *
 * --llm   use the LLM configured by LLM_BASE_URL / LLM_API_KEY / LLM_MODEL
 *         (through bot/config.ts); without it the run is offline.
 * --json  print a machine-readable summary on stdout instead of the report.
 * --only  run only these categories (comma-separated).
 * --file  the question file to run (relative to the working directory), e.g.
 *         the held-out set test/eval/holdout.json, which measures how the bot
 *         generalises and is no gate: its exit status is informative only.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVAL_CATEGORIES, type EvalCategory, QUESTIONS_PATH, loadQuestions } from './eval-item.js';
import { openApp, prepareEnvironment, runEvaluation } from './evaluate.js';
import { formatReport, toJsonSummary } from './report.js';
import { summarise } from './score.js';

export interface CliOptions {
  llm: boolean;
  json: boolean;
  only?: EvalCategory[];
  /** The question file, resolved against the working directory; absent means QUESTIONS_PATH. */
  file?: string;
}

/** Parse the command line; an unknown flag or category is an error value. */
export function parseArgs(argv: readonly string[]): { ok: true; value: CliOptions } | { ok: false; error: string } {
  const opts: CliOptions = { llm: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue;
    if (arg === '--llm') opts.llm = true;
    else if (arg === '--json') opts.json = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!value) return { ok: false, error: '--only needs a category (comma-separated for several)' };
      const wanted = value.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = wanted.filter((c) => !(EVAL_CATEGORIES as readonly string[]).includes(c));
      if (unknown.length > 0) return { ok: false, error: `unknown categories: ${unknown.join(', ')} (known: ${EVAL_CATEGORIES.join(', ')})` };
      opts.only = wanted as EvalCategory[];
    } else if (arg === '--file' || arg.startsWith('--file=')) {
      const value = arg === '--file' ? argv[++i] : arg.slice('--file='.length);
      if (!value) return { ok: false, error: '--file needs the path of a question file' };
      opts.file = resolve(value);
    } else return { ok: false, error: `unknown argument ${arg}` };
  }
  return { ok: true, value: opts };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.ok) {
    process.stderr.write(`${args.error}\nusage: npm run eval [-- --llm] [-- --json] [-- --only category[,category]] [-- --file path.json]\n`);
    return 2;
  }
  const opts = args.value;
  const questionFile = opts.file ?? QUESTIONS_PATH;
  const loaded = loadQuestions(questionFile);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.error}\n`);
    return 2;
  }
  const items = opts.only ? loaded.value.filter((i) => opts.only?.includes(i.category)) : loaded.value;

  // The eval is a composition root of its own: the one place here that reads the environment.
  const env = prepareEnvironment({ llm: opts.llm, env: process.env });
  if (!env.ok) {
    process.stderr.write(`${env.error}\n`);
    return 2;
  }
  try {
    const app = await openApp(env.value.config);
    if (!app.ok) {
      process.stderr.write(`${app.error}\n`);
      return 2;
    }
    try {
      const scores = await runEvaluation(app.value, items, (s, i) => {
        if (!opts.json) process.stderr.write(`${s.passed ? '.' : 'F'}${(i + 1) % 50 === 0 ? '\n' : ''}`);
      });
      if (!opts.json) process.stderr.write(`\nQuestion file: ${questionFile} (${items.length} items)\n`);
      const summary = summarise(scores);
      process.stdout.write(opts.json ? `${JSON.stringify(toJsonSummary(summary), null, 2)}\n` : `${formatReport(summary)}\n`);
      return summary.passedGate ? 0 : 1;
    } finally {
      await app.value.close();
    }
  } finally {
    env.value.cleanup();
  }
}

const isMain = process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url;
if (isMain) {
  main().then(
    (code) => process.exit(code),
    (cause: unknown) => {
      process.stderr.write(`eval crashed: ${(cause as Error).stack ?? String(cause)}\n`);
      process.exit(2);
    },
  );
}
