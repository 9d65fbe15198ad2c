/**
 * The performance benchmark, as a command:
 *
 *   npm run bench [-- --json] [-- --factor 100] [-- --seconds 5] [-- --no-large]
 *
 * Prints figures, never pass/fail: the targets (targets.ts) are shown beside
 * them with ✓/✗ and the exit status is 0 whenever the run happened (2 for bad
 * arguments or a run that could not start).
 *
 * What it measures, in one process, offline:
 *  1. index build: openKnowledgeBase on a fresh temporary index directory
 *     (ingest the five notices, fit the lexical embedding, build BM25 + HNSW,
 *     save); index load: open again on the same directory (no rebuild), in
 *     this process and in a fresh child process (what `npm start` pays).
 *  2. latency per answer and answers per second of `app.ask(question, { now })`
 *     (bot/app.ts, in-memory database), sequentially, over the one-shot
 *     questions of test/eval/questions.json with each item's clock and region,
 *     after a warm-up pass, for at least --seconds; in the same loop, pass for
 *     pass in turn, the plain retrieval baseline (bm25-baseline.ts: LangChain's
 *     BM25Retriever, top chunk only) over the same questions, and the ratio
 *     of the two throughputs (`baseline ratio: R×`).
 *  3. where the time goes: the same questions through handleTurn with a
 *     knowledge base that times `search`, and `understand` timed on its own.
 *  4. the same at a synthetic corpus --factor times larger (synthetic-corpus.ts):
 *     build time of buildKnowledgeBase and the handleTurn latencies over it.
 *  5. RSS of the real bot (real-process.ts: `node bin/start.js` on the saved
 *     index, one question through the console's /api/ask, VmRSS) — the
 *     target — and, for reference, of this process after today's runs and
 *     after the large one.
 *
 * --json      print a machine-readable summary on stdout instead of the table.
 * --factor N  size of the synthetic corpus in copies of today's (default 100).
 * --seconds S minimum timing per latency phase (default 5; the large corpus gets 2 × S).
 * --no-large  skip the synthetic corpus.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseConfig } from '../../bot/config.js';
import { PROJECT_ROOT, createApp, type App } from '../../bot/app.js';
import { createLogger } from '../../bot/log.js';
import { handleTurn } from '../../bot/engine/handle-turn.js';
import { newSession, type Ports } from '../../bot/engine/types.js';
import { understand } from '../../bot/engine/understand/understand.js';
import { buildKnowledgeBase, openKnowledgeBase, type IndexedChunk } from '../../knowledge/knowledge-base.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { QUESTIONS_PATH, loadQuestions } from '../eval/eval-item.js';
import { DEFAULT_EVAL_NOW, itemNow } from '../eval/evaluate.js';
import { summariseLatencies, type LatencySummary } from './stats.js';
import { syntheticCorpus } from './synthetic-corpus.js';
import { checkTargets, round, type TargetCheck } from './targets.js';
import { measureRegistrationCommits, type CommitFigures } from './registration-commits.js';
import { TimedKnowledgeBase } from './timed-knowledge-base.js';
import { timeAlternating, timeLoop, type BenchQuestion } from './time-loop.js';
import { bm25Baseline } from './bm25-baseline.js';
import { measureRealProcess, type RealProcessResult } from './real-process.js';

export interface BenchOptions {
  json: boolean;
  factor: number;
  seconds: number;
  large: boolean;
}

/** Parse the command line; an unknown flag or a bad number is an error value. */
export function parseArgs(argv: readonly string[]): { ok: true; value: BenchOptions } | { ok: false; error: string } {
  const opts: BenchOptions = { json: false, factor: 100, seconds: 5, large: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue;
    if (arg === '--json') opts.json = true;
    else if (arg === '--no-large') opts.large = false;
    else if (arg === '--factor' || arg === '--seconds') {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) return { ok: false, error: `${arg} needs a positive number` };
      if (arg === '--factor') {
        if (!Number.isInteger(value) || value < 2) return { ok: false, error: '--factor needs an integer ≥ 2' };
        opts.factor = value;
      } else opts.seconds = value;
    } else return { ok: false, error: `unknown argument ${arg}` };
  }
  return { ok: true, value: opts };
}

/** Where the time of one answer goes, as means per answer (ms). */
export interface Breakdown {
  answerMs: number;
  searchMs: number;
  searchesPerAnswer: number;
  understandMs: number;
  /** Form routing, fact ranking, tools, rendering, sources: answer − search − understand. */
  otherMs: number;
}

export interface CorpusFigures {
  chunks: number;
  buildMs: number;
  latency: LatencySummary;
  passes: number;
  breakdown: Breakdown;
  rssMb: number;
}

export interface BenchSummary {
  node: string;
  cpus: number;
  /** 1-minute load average when the run started and ended: other work on the machine skews the figures. */
  loadAverage: { start: number; end: number };
  questions: number;
  today: CorpusFigures & {
    /** app.ask (session, question log in SQLite included). */
    ask: LatencySummary;
    askPasses: number;
    /** The BM25Retriever baseline, timed pass for pass alternately with app.ask. */
    baseline: LatencySummary;
    /** app.ask answers/s ÷ baseline answers/s, from the same alternating loop (the target). */
    baselineRatio: number;
    /**
     * The same ratio two load-robust ways, for reading a run on a busy machine: the median over
     * the rounds of (baseline pass time ÷ app.ask pass time), and from process CPU time.
     */
    baselineRatioMedianPair: number;
    baselineRatioCpu: number;
    /** handleTurn answers/s ÷ baseline answers/s in the same loop: the engine without app.ask's question-log write. */
    engineRatio: number;
    /** The real `npm start` process after its first answer (or why it could not be measured). */
    realProcess: RealProcessResult;
    indexLoadMs: number;
    /** Index load and RSS of a separate bot process (no benchmark baggage). */
    freshProcess?: FreshProcessFigures;
    appStartMs: number;
  };
  large?: CorpusFigures & { factor: number };
  /** Registration commits as the bot makes them (one transaction per turn, fsynced). */
  registrations: CommitFigures;
  targets: TargetCheck[];
  totalSeconds: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

function benchQuestions(): BenchQuestion[] {
  const loaded = loadQuestions(QUESTIONS_PATH);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.value
    .filter((item) => item.question !== undefined)
    .map((item) => ({ id: item.id, text: item.question!, now: itemNow(item), ...(item.region ? { region: item.region } : {}) }));
}

/** One answer as handleTurn gives it (fresh session with the item's region and clock), over `ports`. */
function turnAnswerer(ports: Ports): (q: BenchQuestion) => Promise<void> {
  return async (q) => {
    const session = newSession();
    if (q.region) session.slots.region = q.region;
    await handleTurn(
      { message: { conversationId: `bench:${q.id}`, userId: 'bench', text: q.text, chat: 'private', channel: 'test' }, session },
      { ...ports, now: () => new Date(q.now.getTime()) },
    );
  };
}

/** handleTurn over `kb`, timed end to end, with search and understand timed apart. */
async function measureTurns(
  app: App,
  kb: KnowledgeBase,
  questions: readonly BenchQuestion[],
  loop: { minPasses: number; maxPasses: number; budgetMs: number },
): Promise<{ latency: LatencySummary; passes: number; breakdown: Breakdown }> {
  const timed = new TimedKnowledgeBase(kb);
  const base: Ports = { ...app.ports, kb: timed };
  const ask = turnAnswerer(base);
  const run = await timeLoop(questions, ask, loop);
  // The loop also counted the warm-up; time one more pass for the breakdown alone.
  timed.reset();
  const started = performance.now();
  for (const q of questions) await ask(q);
  const answerMs = (performance.now() - started) / questions.length;
  const searchMs = timed.searchMs / questions.length;
  const searchesPerAnswer = timed.searches / questions.length;
  const u0 = performance.now();
  for (const q of questions) understand(q.text, app.facts, q.region ? { region: q.region } : {});
  const understandMs = (performance.now() - u0) / questions.length;
  return {
    latency: summariseLatencies(run.durations, run.wallMs),
    passes: run.passes,
    breakdown: { answerMs, searchMs, searchesPerAnswer, understandMs, otherMs: Math.max(0, answerMs - searchMs - understandMs) },
  };
}

/** What a fresh process pays to load the saved index (its memory is measured on the real bot, real-process.ts). */
export interface FreshProcessFigures {
  loadMs: number;
}

/** Run the fresh-process probe in a child Node process with the same loader as this one. */
function freshProcessProbe(indexDir: string): FreshProcessFigures | undefined {
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--cpu-prof') && !a.startsWith('--heap-prof'));
  const child = spawnSync(process.execPath, [...execArgv, fileURLToPath(import.meta.url), PROBE_FLAG, indexDir], { encoding: 'utf8', timeout: 120_000 });
  const line = /^probe (\{.*\})$/m.exec(child.stdout ?? '')?.[1];
  if (!line) return undefined;
  const parsed = JSON.parse(line) as Partial<FreshProcessFigures>;
  return typeof parsed.loadMs === 'number' ? { loadMs: parsed.loadMs } : undefined;
}

const PROBE_FLAG = '--fresh-process-probe';

/** The child side of freshProcessProbe: prints `probe {json}`; exit 1 when the index had to be rebuilt. */
async function runProbe(indexDir: string): Promise<number> {
  const t0 = performance.now();
  const loaded = await openKnowledgeBase({ docsDir: DOCS_DIR, indexDir });
  const loadMs = performance.now() - t0;
  if (!loaded.ok || loaded.value.rebuilt) return 1;
  process.stdout.write(`probe ${JSON.stringify({ loadMs })}\n`);
  return 0;
}

const DOCS_DIR = join(PROJECT_ROOT, 'knowledge/docs');

export async function runBench(opts: BenchOptions, progress: (line: string) => void): Promise<BenchSummary> {
  const benchStarted = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const questions = benchQuestions();
  const indexDir = mkdtempSync(join(tmpdir(), 'dte-bench-index-'));
  try {
    progress(`${questions.length} one-shot questions; index in ${indexDir}`);

    let t0 = performance.now();
    const built = await openKnowledgeBase({ docsDir: DOCS_DIR, indexDir, now: () => NOW_FOR_MANIFEST });
    const buildMs = performance.now() - t0;
    if (!built.ok || !built.value.rebuilt || !built.value.saved) throw new Error(`index build failed: ${built.ok ? 'not rebuilt or not saved' : built.error}`);
    // The first load in this process still pays for lazily loaded code; the median of a few is the steady figure.
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      t0 = performance.now();
      const loaded = await openKnowledgeBase({ docsDir: DOCS_DIR, indexDir });
      loads.push(performance.now() - t0);
      if (!loaded.ok || loaded.value.rebuilt) throw new Error(`index was not loaded from ${indexDir}: ${loaded.ok ? loaded.value.reason : loaded.error}`);
    }
    const indexLoadMs = loads.sort((a, b) => a - b)[2]!;
    const fresh = freshProcessProbe(indexDir);
    progress(`index: build ${round(buildMs)} ms, load ${round(indexLoadMs)} ms (fresh process ${fresh === undefined ? 'n/a' : `${round(fresh.loadMs)} ms`})`);
    // The real bot, before this process grows: it runs alone on the machine's cores but for the OS.
    const first = questions[0]!;
    const realProcess = await measureRealProcess({
      projectRoot: PROJECT_ROOT,
      indexDir,
      question: { text: first.text, ...(first.region ? { region: first.region } : {}) },
      now: DEFAULT_EVAL_NOW,
    });
    progress(
      realProcess.ok
        ? `real bot (node bin/start.js): RSS ${round(realProcess.value.rssMb)} MB after its first answer (peak ${round(realProcess.value.peakRssMb)} MB), first answer after ${round(realProcess.value.firstAnswerMs)} ms`
        : `real bot could not be measured: ${realProcess.error}`,
    );

    const parsed = parseConfig({ DTE_DB: ':memory:', DTE_INDEX_DIR: indexDir, DTE_LOG_LEVEL: 'silent', DTE_NOW: DEFAULT_EVAL_NOW, DTE_CONSOLE: 'false' });
    if (!parsed.ok) throw new Error(parsed.message);
    const rebuilds: string[] = [];
    const logger = createLogger('info', (line) => {
      if (line.includes('knowledge index rebuilt')) rebuilds.push(line);
    });
    t0 = performance.now();
    const app = await createApp(parsed.config, { logger });
    const appStartMs = performance.now() - t0;
    if (rebuilds.length > 0) throw new Error(`createApp rebuilt the index instead of loading it: ${rebuilds[0]}`);
    try {
      const budgetMs = opts.seconds * 1000;
      const titles = new Map(app.ports.documents.map((d) => [d.id, d.shortTitle]));
      const indexed: IndexedChunk[] = app.kb.chunks().map((c) => ({ ...c, docTitle: titles.get(c.doc) ?? c.doc }));
      const retriever = bm25Baseline(indexed);
      // app.ask, handleTurn and the baseline pass for pass in turn, so all see the same machine load; each gets the budget.
      const compared = await timeAlternating(
        questions,
        {
          ask: (q) => app.ask(q.text, { now: q.now, ...(q.region ? { region: q.region } : {}) }),
          turn: turnAnswerer(app.ports),
          baseline: (q) => retriever.top(q.text),
        },
        { minPasses: 3, maxPasses: 1000, budgetMs: 3 * budgetMs },
      );
      const askRun = compared.runs.ask;
      const ask = summariseLatencies(askRun.durations, askRun.wallMs);
      const baseline = summariseLatencies(compared.runs.baseline.durations, compared.runs.baseline.wallMs);
      const engineRatio = summariseLatencies(compared.runs.turn.durations, compared.runs.turn.wallMs).perSecond / baseline.perSecond;
      const baselineRatio = ask.perSecond / baseline.perSecond;
      const roundRatios = compared.rounds.map((r) => r.baseline.wallMs / r.ask.wallMs).sort((x, y) => x - y);
      const baselineRatioMedianPair = roundRatios[Math.floor(roundRatios.length / 2)] ?? Number.NaN;
      const sum = (f: (r: (typeof compared.rounds)[number]) => number) => compared.rounds.reduce((s, r) => s + f(r), 0);
      const baselineRatioCpu = sum((r) => r.baseline.cpuMs) / sum((r) => r.ask.cpuMs);
      progress(`app.ask: p50 ${round(ask.p50)} ms, p95 ${round(ask.p95)} ms, ${round(ask.perSecond)} answers/s (${askRun.durations.length} answers)`);
      progress(`baseline ratio: ${round(baselineRatio)}× (app.ask ${round(ask.perSecond)} answers/s, BM25Retriever ${round(baseline.perSecond)} answers/s)`);
      const turns = await measureTurns(app, app.kb, questions, { minPasses: 2, maxPasses: 1000, budgetMs: budgetMs / 2 });
      const todayRss = mb(process.memoryUsage().rss);
      const today = {
        chunks: app.kb.chunks().length,
        buildMs,
        latency: turns.latency,
        passes: turns.passes,
        breakdown: turns.breakdown,
        rssMb: todayRss,
        ask,
        askPasses: askRun.passes,
        baseline,
        baselineRatio,
        baselineRatioMedianPair,
        baselineRatioCpu,
        engineRatio,
        realProcess,
        indexLoadMs,
        ...(fresh ? { freshProcess: fresh } : {}),
        appStartMs,
      };

      let large: BenchSummary['large'];
      if (opts.large) {
        const chunks = syntheticCorpus(indexed, opts.factor);
        progress(`building the ${opts.factor}× corpus (${chunks.length} chunks)…`);
        t0 = performance.now();
        const bigKb = await buildKnowledgeBase(chunks);
        const largeBuildMs = performance.now() - t0;
        progress(`${opts.factor}× build: ${round(largeBuildMs / 1000)} s`);
        const big = await measureTurns(app, bigKb, questions, { minPasses: 1, maxPasses: 1000, budgetMs: budgetMs * 2 });
        large = {
          factor: opts.factor,
          chunks: chunks.length,
          buildMs: largeBuildMs,
          latency: big.latency,
          passes: big.passes,
          breakdown: big.breakdown,
          rssMb: mb(process.memoryUsage().rss),
        };
        progress(`${opts.factor}×: p50 ${round(big.latency.p50)} ms, p95 ${round(big.latency.p95)} ms`);
      }

      const registrations = await measureRegistrationCommits();
      progress(`registration commits: ${round(registrations.perSecond)} /s, p95 ${round(registrations.p95Ms)} ms (${registrations.commits}, WAL + synchronous=FULL)`);
      const targets = checkTargets({
        registrationsPerSecond: registrations.perSecond,
        todayP95Ms: ask.p95,
        todayPerSecond: ask.perSecond,
        ...(large ? { largeP95Ms: large.latency.p95 } : {}),
        indexLoadMs: fresh?.loadMs ?? indexLoadMs,
        ...(realProcess.ok ? { rssMb: realProcess.value.rssMb } : {}),
        baselineRatio,
      });
      return {
        node: process.version,
        cpus: availableParallelism(),
        loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
        questions: questions.length,
        today,
        ...(large ? { large } : {}),
        registrations,
        targets,
        totalSeconds: (performance.now() - benchStarted) / 1000,
      };
    } finally {
      await app.close();
    }
  } finally {
    rmSync(indexDir, { recursive: true, force: true });
  }
}

/** The manifest's createdAt: any fixed time will do, the bench never reads it. */
const NOW_FOR_MANIFEST = new Date(`${DEFAULT_EVAL_NOW}T00:00:00+08:00`);

function latencyRow(label: string, l: LatencySummary): string {
  return `${label.padEnd(34)} ${String(round(l.p50)).padStart(7)} ${String(round(l.p95)).padStart(7)} ${String(round(l.p99)).padStart(7)} ${String(round(l.perSecond)).padStart(9)} ${String(l.count).padStart(7)}`;
}

function breakdownLine(b: Breakdown): string {
  const pct = (x: number) => `${Math.round((100 * x) / (b.answerMs || 1))}%`;
  return `  per answer ${round(b.answerMs)} ms = kb.search ${round(b.searchMs)} ms (${pct(b.searchMs)}, ${round(b.searchesPerAnswer)} calls) + understand ${round(b.understandMs)} ms (${pct(b.understandMs)}) + rest ${round(b.otherMs)} ms (${pct(b.otherMs)})`;
}

/** The human-readable report. */
export function formatBench(s: BenchSummary): string {
  const lines: string[] = [];
  lines.push(`dte-bot benchmark — ${s.questions} questions, Node ${s.node}, sequential (one core of ${s.cpus})`);
  lines.push(`load average (1 min) at start ${round(s.loadAverage.start)}, at end ${round(s.loadAverage.end)}: other work on the machine slows the figures down`);
  lines.push('');
  lines.push(`${'latency (ms)'.padEnd(34)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'answers/s'.padStart(9)} ${'n'.padStart(7)}`);
  lines.push(latencyRow(`app.ask, today (${s.today.chunks} chunks)`, s.today.ask));
  lines.push(latencyRow('BM25Retriever baseline, today', s.today.baseline));
  lines.push(latencyRow('handleTurn, today', s.today.latency));
  if (s.large) lines.push(latencyRow(`handleTurn, ${s.large.factor}× (${s.large.chunks} chunks)`, s.large.latency));
  lines.push('');
  lines.push(`baseline ratio: ${round(s.today.baselineRatio)}× (app.ask ${round(s.today.ask.perSecond)} answers/s ÷ BM25Retriever ${round(s.today.baseline.perSecond)} answers/s, passes alternating)`);
  lines.push(`  same ratio, load-robust readings: median of ${s.today.askPasses} rounds ${round(s.today.baselineRatioMedianPair)}×, by process CPU time ${round(s.today.baselineRatioCpu)}×; handleTurn alone (no question-log write) ${round(s.today.engineRatio)}×`);
  lines.push('');
  lines.push('where the time goes (handleTurn, one pass):');
  lines.push(` today:${breakdownLine(s.today.breakdown)}`);
  if (s.large) lines.push(` ${s.large.factor}×:${breakdownLine(s.large.breakdown)}`);
  lines.push('');
  const fresh = s.today.freshProcess;
  lines.push(`index build, today: ${round(s.today.buildMs)} ms; load: ${fresh ? `${round(fresh.loadMs)} ms in a fresh process, ` : ''}${round(s.today.indexLoadMs)} ms again in this one; createApp on a saved index: ${round(s.today.appStartMs)} ms`);
  if (s.large) lines.push(`index build, ${s.large.factor}×: ${round(s.large.buildMs / 1000)} s (in memory)`);
  const real = s.today.realProcess;
  lines.push(
    real.ok
      ? `RSS of the real bot (node bin/start.js, console on, no WeChat, no model) after its first answer: ${round(real.value.rssMb)} MB (peak ${round(real.value.peakRssMb)} MB); first answer ${round(real.value.firstAnswerMs)} ms after spawn`
      : `RSS of the real bot: not measured (${real.error})`,
  );
  lines.push(`RSS of this benchmark process (reference): ${round(s.today.rssMb)} MB after today's runs${s.large ? `, ${round(s.large.rssMb)} MB with the ${s.large.factor}× index also in memory` : ''}`);
  lines.push(`registration commits (SQLite file, WAL + synchronous=FULL, one transaction per turn): ${round(s.registrations.perSecond)} /s, p95 ${round(s.registrations.p95Ms)} ms over ${s.registrations.commits}`);
  lines.push('');
  lines.push('targets:');
  for (const t of s.targets) {
    const miss = t.met ? '' : !Number.isFinite(t.ratio) ? ' (not measured)' : ` (missed: ${t.ratio >= 1 ? `${round(t.ratio)}× the limit` : `${Math.round(100 * t.ratio)}% of the minimum`})`;
    lines.push(`  ${t.met ? '✓' : '✗'} ${t.label.padEnd(34)} ${t.measured.padStart(10)}  target ${t.target}${miss}`);
  }
  lines.push('');
  lines.push(`total ${round(s.totalSeconds)} s`);
  return lines.join('\n');
}

/** The --json summary: the figures rounded, targets included. */
export function toJson(s: BenchSummary): unknown {
  return JSON.parse(JSON.stringify(s, (_k, v: unknown) => (typeof v === 'number' ? round(v) : v)));
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === PROBE_FLAG) return runProbe(argv[1] ?? '');
  const args = parseArgs(argv);
  if (!args.ok) {
    process.stderr.write(`${args.error}\nusage: npm run bench [-- --json] [-- --factor N] [-- --seconds S] [-- --no-large]\n`);
    return 2;
  }
  const opts = args.value;
  const summary = await runBench(opts, (line) => {
    if (!opts.json) process.stderr.write(`${line}\n`);
  });
  process.stdout.write(opts.json ? `${JSON.stringify(toJson(summary), null, 2)}\n` : `${formatBench(summary)}\n`);
  return 0;
}


const isMain = process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url;
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (cause: unknown) => {
      process.stderr.write(`bench could not run: ${(cause as Error).stack ?? String(cause)}\n`);
      process.exit(2);
    },
  );
}
