/**
 * The sequential timing loop of the benchmark: one warm-up pass over the
 * questions (JIT, caches, lazily loaded dictionaries), then whole passes in
 * the same order until both a minimum number of passes and a time budget are
 * reached (or a maximum number of passes). One answer at a time, so the
 * figures are per core.
 */
import type { Region } from '../../knowledge/facts/schema.js';

/** One benchmark question with the clock and region its eval item gives. */
export interface BenchQuestion {
  id: string;
  text: string;
  now: Date;
  region?: Region;
}

export interface LoopOptions {
  /** Passes after the warm-up, at least. */
  minPasses: number;
  /** Passes after the warm-up, at most. */
  maxPasses: number;
  /** Keep making passes until this much time has been spent timing (ms). */
  budgetMs: number;
  /** Skip the warm-up pass (default false). */
  noWarmUp?: boolean;
  /** The clock in ms (default performance.now); tests pass a fake one so no result depends on the machine's load. */
  clock?: () => number;
}

export interface LoopResult {
  /** Duration of every timed answer (ms), warm-up excluded. */
  durations: number[];
  /** Elapsed time of the timed passes (ms), including what happens between answers. */
  wallMs: number;
  passes: number;
}

/**
 * Run `answer` over `questions` as described above. An answer that throws
 * aborts the run (the benchmark measures a working engine; the eval judges
 * answers).
 */
export async function timeLoop(
  questions: readonly BenchQuestion[],
  answer: (q: BenchQuestion) => Promise<unknown>,
  opts: LoopOptions,
): Promise<LoopResult> {
  if (questions.length === 0) throw new Error('no questions to time');
  if (!opts.noWarmUp) for (const q of questions) await answer(q);
  const now = opts.clock ?? (() => performance.now());
  const durations: number[] = [];
  const started = now();
  let passes = 0;
  while (passes < opts.maxPasses && (passes < opts.minPasses || now() - started < opts.budgetMs)) {
    for (const q of questions) {
      const t0 = now();
      await answer(q);
      durations.push(now() - t0);
    }
    passes += 1;
  }
  return { durations, wallMs: now() - started, passes };
}

/**
 * Several answerers timed over the same questions by the same loop, one
 * whole pass each in turn (after a warm-up pass each), until the first has
 * made `minPasses` and all together have spent `budgetMs`. Alternating
 * passes puts them under the same load: on a shared machine the load moves
 * within seconds, so loops run one after the other could differ by the
 * machine alone, and their ratio would say so instead of comparing the
 * answerers.
 */
export interface AlternatingResult<K extends string> {
  runs: Record<K, LoopResult>;
  /** Per round (one pass of each, in order): each answerer's wall time and process CPU time for its pass (ms). */
  rounds: Array<Record<K, { wallMs: number; cpuMs: number }>>;
}

export async function timeAlternating<K extends string>(
  questions: readonly BenchQuestion[],
  answerers: Record<K, (q: BenchQuestion) => Promise<unknown>>,
  opts: LoopOptions,
): Promise<AlternatingResult<K>> {
  const keys = Object.keys(answerers) as K[];
  if (keys.length === 0) throw new Error('no answerers to time');
  const runs = Object.fromEntries(keys.map((k) => [k, { durations: [], wallMs: 0, passes: 0 }])) as unknown as Record<K, LoopResult>;
  const rounds: AlternatingResult<K>['rounds'] = [];
  const onePass = { minPasses: 1, maxPasses: 1, budgetMs: 0, noWarmUp: true };
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  if (!opts.noWarmUp) for (const k of keys) await timeLoop(questions, answerers[k], onePass);
  const spent = () => keys.reduce((s, k) => s + runs[k].wallMs, 0);
  const first = runs[keys[0]!];
  while (first.passes < opts.maxPasses && (first.passes < opts.minPasses || spent() < opts.budgetMs)) {
    const round = {} as Record<K, { wallMs: number; cpuMs: number }>;
    for (const k of keys) {
      const c0 = cpuMs();
      const run = await timeLoop(questions, answerers[k], onePass);
      round[k] = { wallMs: run.wallMs, cpuMs: cpuMs() - c0 };
      const into = runs[k];
      for (const d of run.durations) into.durations.push(d);
      into.wallMs += run.wallMs;
      into.passes += run.passes;
    }
    rounds.push(round);
  }
  return { runs, rounds };
}
