/**
 * The performance targets the benchmark prints beside its figures. They are
 * reported, never enforced: `npm run bench` has no pass/fail exit status.
 */

/** The figures a target is checked against (see run-bench.ts for how each is measured). */
export interface BenchFigures {
  todayP95Ms: number;
  todayPerSecond: number;
  /** Undefined when the large-corpus run was skipped. */
  largeP95Ms?: number;
  indexLoadMs: number;
  /** VmRSS of the real bot process after its first answer; undefined when it could not be measured (the target is then missed). */
  rssMb?: number;
  /** app.ask answers/s ÷ BM25Retriever-baseline answers/s, measured in one alternating loop; undefined when not measured. */
  baselineRatio?: number;
  /** Durable registration commits per second (SQLite file, synchronous=FULL); undefined when not measured. */
  registrationsPerSecond?: number;
}

/** One target and whether the run met it; `margin` says by how much (positive = met with room, negative = missed). */
export interface TargetCheck {
  id: 'today-p95' | 'today-throughput' | 'baseline-ratio' | 'large-p95' | 'index-load' | 'rss' | 'registration-commits';
  label: string;
  target: string;
  measured: string;
  met: boolean;
  /** measured relative to the target, e.g. 1.4 = 1.4 × the allowed figure for a ceiling. */
  ratio: number;
}

export const TARGETS = {
  todayP95Ms: 2,
  todayPerSecond: 2000,
  largeP95Ms: 20,
  indexLoadMs: 300,
  rssMb: 250,
  registrationsPerSecond: 1000,
  /** The engine answers at least this many times as fast as the plain BM25Retriever baseline finds a passage. */
  baselineRatio: 1.2,
} as const;

function ceiling(id: TargetCheck['id'], label: string, measured: number, limit: number, unit: string): TargetCheck {
  return { id, label, target: `≤ ${limit} ${unit}`, measured: `${round(measured)} ${unit}`, met: measured <= limit, ratio: measured / limit };
}

function floor(id: TargetCheck['id'], label: string, measured: number, minimum: number, unit: string): TargetCheck {
  return { id, label, target: `≥ ${minimum} ${unit}`, measured: `${round(measured)} ${unit}`, met: measured >= minimum, ratio: measured / minimum };
}

/** Two significant decimals below 10, whole numbers above. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.abs(x) >= 10 ? Math.round(x) : Math.round(x * 100) / 100;
}

/** Check every target that has a figure (the large-corpus one only when it ran). */
export function checkTargets(f: BenchFigures): TargetCheck[] {
  const checks = [
    ceiling('today-p95', 'p95 latency, today\'s corpus', f.todayP95Ms, TARGETS.todayP95Ms, 'ms'),
    floor('today-throughput', 'answers per second, one core', f.todayPerSecond, TARGETS.todayPerSecond, '/s'),
  ];
  if (f.baselineRatio !== undefined) checks.push(floor('baseline-ratio', 'throughput ÷ BM25Retriever baseline', f.baselineRatio, TARGETS.baselineRatio, '×'));
  if (f.largeP95Ms !== undefined) checks.push(ceiling('large-p95', 'p95 latency, 100× corpus', f.largeP95Ms, TARGETS.largeP95Ms, 'ms'));
  checks.push(ceiling('index-load', 'persisted index load', f.indexLoadMs, TARGETS.indexLoadMs, 'ms'));
  checks.push(
    f.rssMb === undefined
      ? { id: 'rss', label: 'RSS of the real bot, first answer', target: `≤ ${TARGETS.rssMb} MB`, measured: 'n/a', met: false, ratio: Number.NaN }
      : ceiling('rss', 'RSS of the real bot, first answer', f.rssMb, TARGETS.rssMb, 'MB'),
  );
  if (f.registrationsPerSecond !== undefined) {
    checks.push(floor('registration-commits', 'durable registration commits', f.registrationsPerSecond, TARGETS.registrationsPerSecond, '/s'));
  }
  return checks;
}
