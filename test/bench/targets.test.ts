import { describe, expect, it } from 'vitest';
import { TARGETS, checkTargets, round } from './targets.js';

const met = { todayP95Ms: 1, todayPerSecond: 3000, largeP95Ms: 10, indexLoadMs: 100, rssMb: 200 };

describe('checkTargets', () => {
  it('marks every target met when each figure is within its limit, limits included', () => {
    expect(checkTargets(met).every((t) => t.met)).toBe(true);
    const atLimits = { todayP95Ms: TARGETS.todayP95Ms, todayPerSecond: TARGETS.todayPerSecond, largeP95Ms: TARGETS.largeP95Ms, indexLoadMs: TARGETS.indexLoadMs, rssMb: TARGETS.rssMb };
    expect(checkTargets(atLimits).every((t) => t.met)).toBe(true);
  });

  it('marks a ceiling missed above its limit and says by how much', () => {
    const slow = checkTargets({ ...met, todayP95Ms: 3 }).find((t) => t.id === 'today-p95')!;
    expect(slow.met).toBe(false);
    expect(slow.ratio).toBe(1.5);
    expect(slow.measured).toBe('3 ms');
  });

  it('marks the throughput floor missed below the minimum', () => {
    const few = checkTargets({ ...met, todayPerSecond: 1500 }).find((t) => t.id === 'today-throughput')!;
    expect(few).toMatchObject({ met: false, ratio: 0.75 });
  });

  it('leaves out the large-corpus target when that run was skipped', () => {
    const { largeP95Ms: _skipped, ...withoutLarge } = met;
    expect(checkTargets(withoutLarge).map((t) => t.id)).toEqual(['today-p95', 'today-throughput', 'index-load', 'rss']);
  });

  it('checks the baseline ratio as a floor of 1.2× when it was measured', () => {
    expect(checkTargets({ ...met, baselineRatio: 1.2 }).find((t) => t.id === 'baseline-ratio')).toMatchObject({ met: true, measured: '1.2 ×' });
    expect(checkTargets({ ...met, baselineRatio: 0.86 }).find((t) => t.id === 'baseline-ratio')).toMatchObject({ met: false, ratio: 0.86 / 1.2 });
  });

  it('counts the RSS target as missed when the real bot could not be measured', () => {
    const { rssMb: _unmeasured, ...withoutRss } = met;
    expect(checkTargets(withoutRss).find((t) => t.id === 'rss')).toMatchObject({ met: false, measured: 'n/a' });
  });
});

describe('round', () => {
  it('keeps two decimals below 10 and whole numbers above', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(123.6)).toBe(124);
  });
});
