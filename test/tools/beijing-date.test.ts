import { describe, expect, it } from 'vitest';
import { beijingDate } from '../../tools/beijing-date.js';

/** The date as first written: the ISO timestamp of the instant moved to UTC+8. */
const reference = (d: Date) => new Date(d.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe('beijingDate', () => {
  it('flips at midnight in Beijing, 16:00 UTC', () => {
    expect(beijingDate(new Date('2026-04-20T15:59:59.999Z'))).toBe('2026-04-20');
    expect(beijingDate(new Date('2026-04-20T16:00:00.000Z'))).toBe('2026-04-21');
    expect(beijingDate(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(beijingDate(new Date('2100-02-28T16:00:00Z'))).toBe('2100-03-01');
  });

  it('gives the ISO date of every hour over years and of instants far apart, as toISOString does', () => {
    const times: number[] = [];
    for (let t = Date.UTC(1969, 11, 31, 15); t < Date.UTC(1973, 0, 2); t += 3_600_000 + 17) times.push(t);
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2031, 0, 1); t += 3_600_000 * 5 + 1) times.push(t);
    for (let i = 0; i < 20_000; i++) times.push(Math.floor(i * 12_670_000_000_123 % 253_402_300_800_000) - 28_800_000);
    times.push(-28_800_001, -28_800_000, 253_402_271_999_999, 253_402_272_000_000, 253_402_300_799_999, -8.64e15, 8.64e15 - 28_800_000);
    for (const t of times) expect(beijingDate(new Date(t))).toBe(reference(new Date(t)));
  });

  it('throws on an invalid date as toISOString does', () => {
    expect(() => beijingDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
