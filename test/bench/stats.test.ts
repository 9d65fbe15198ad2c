import { describe, expect, it } from 'vitest';
import { percentile, summariseLatencies } from './stats.js';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('takes the nearest rank, so p95 of 1..100 is 95 and p50 is 50', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
  });

  it('returns the only value of a one-element sample for every percentile', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });

  it('refuses an empty sample and a percentile outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
    expect(() => percentile([1], 0)).toThrow(/range/);
    expect(() => percentile([1], 101)).toThrow(/range/);
  });
});

describe('summariseLatencies', () => {
  it('sorts the durations itself and reports the slowest answer', () => {
    const s = summariseLatencies([3, 1, 2, 10]);
    expect(s).toMatchObject({ count: 4, p50: 2, p99: 10, max: 10, mean: 4 });
  });

  it('computes throughput from the durations when no wall time is given', () => {
    expect(summariseLatencies([1, 1, 1, 1]).perSecond).toBe(1000);
  });

  it('computes throughput from the wall time when given, which includes time between answers', () => {
    expect(summariseLatencies([1, 1, 1, 1], 8).perSecond).toBe(500);
  });
});
