/**
 * Latency statistics for the benchmark: nearest-rank percentiles over a
 * sample of durations in milliseconds, and throughput from the same sample.
 */

/** Percentiles, mean and throughput of one sequential run. */
export interface LatencySummary {
  /** Number of timed answers. */
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Answers per second of the sequential loop: count / wall time (the sum of durations when no wall time is given). */
  perSecond: number;
}

/**
 * Nearest-rank percentile (p in (0, 100]) of an ascending array. Throws on an
 * empty array: a benchmark that timed nothing is a bug, not a figure.
 */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) throw new Error('percentile of an empty sample');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile out of range: ${p}`);
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1]!;
}

/**
 * Summarise durations (ms, any order). `wallMs` is the loop's elapsed time
 * (it includes what happens between answers, such as garbage collection);
 * without it throughput is computed from the durations alone. Throws on an
 * empty sample.
 */
export function summariseLatencies(durationsMs: readonly number[], wallMs?: number): LatencySummary {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const total = wallMs ?? sorted.reduce((s, d) => s + d, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: total / sorted.length,
    max: sorted[sorted.length - 1]!,
    perSecond: total > 0 ? (sorted.length * 1000) / total : Infinity,
  };
}
