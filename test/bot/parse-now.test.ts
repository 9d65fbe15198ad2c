import { afterEach, describe, expect, it } from 'vitest';
import { daysInMonth, parseNow } from '../../bot/parse-now.js';
import { parseConfig } from '../../bot/config.js';

/** The instant as UTC parts, so expectations do not depend on the process's time zone. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms)).toISOString();

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const ACCEPTED: Array<[string, string]> = [
  ['2026-03-15', utc(2026, 3, 14, 16)],
  ['2026-04-20', utc(2026, 4, 19, 16)],
  ['2026-03-15T09:00', utc(2026, 3, 15, 1)],
  ['2026-03-15 09:00', utc(2026, 3, 15, 1)],
  ['2026-03-15T09:00:30', utc(2026, 3, 15, 1, 0, 30)],
  ['2026-03-15T09:00:30.250', utc(2026, 3, 15, 1, 0, 30, 250)],
  ['2026-03-15T00:30', utc(2026, 3, 14, 16, 30)],
  ['2026-03-15T09:00Z', utc(2026, 3, 15, 9)],
  ['2026-03-15T09:00:00.000Z', utc(2026, 3, 15, 9)],
  ['2026-03-15T09:00+08:00', utc(2026, 3, 15, 1)],
  ['2026-03-15T09:00-05:00', utc(2026, 3, 15, 14)],
  ['2026-03-15T09:00+0530', utc(2026, 3, 15, 3, 30)],
  ['2026-03-15T09:00+09', utc(2026, 3, 15, 0)],
  ['2026-03-15T23:59:59', utc(2026, 3, 15, 15, 59, 59)],
  ['2024-02-29', utc(2024, 2, 28, 16)],
  ['2000-02-29', utc(2000, 2, 28, 16)],
  ['2026-12-31', utc(2026, 12, 30, 16)],
  [' 2026-03-15 ', utc(2026, 3, 14, 16)],
];

const REFUSED: Array<[string, RegExp]> = [
  ['2026-02-30', /2026-02 has 28 days/u],
  ['2026-02-29', /2026-02 has 28 days/u],
  ['1900-02-29', /1900-02 has 28 days/u],
  ['2026-04-31', /2026-04 has 30 days/u],
  ['2026-13-01', /month 13/u],
  ['2026-00-10', /month 0/u],
  ['2026-03-00', /has 31 days/u],
  ['2026-03-15T25:00', /not a real time/u],
  ['2026-03-15T24:00', /not a real time/u],
  ['2026-03-15T09:60', /not a real time/u],
  ['2026-03-15T09:00:61', /not a real time/u],
  ['2026-03-15T09:00+15:00', /offset/u],
  ['2026-02-30T09:00+08:00', /28 days/u],
  ['2026-3-5', /expected YYYY-MM-DD/u],
  ['tomorrow', /expected YYYY-MM-DD/u],
  ['2026-03-15T9', /expected YYYY-MM-DD/u],
  ['2026-03-15x', /expected YYYY-MM-DD/u],
  ['', /expected YYYY-MM-DD/u],
];

describe('parseNow', () => {
  describe.each(['UTC', 'America/New_York', 'Asia/Shanghai'])('in a process with TZ=%s', (tz) => {
    it.each(ACCEPTED)('reads %s as Beijing time unless it has an offset', (text, iso) => {
      process.env.TZ = tz;
      const r = parseNow(text);
      expect(r.ok && r.value.toISOString()).toBe(iso);
    });
  });

  it.each(REFUSED)('refuses %s and says why', (text, why) => {
    const r = parseNow(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(why);
      if (text.trim()) expect(r.error).toContain(text);
    }
  });

  it('counts leap years the Gregorian way', () => {
    expect([2024, 2025, 2000, 1900, 2100].map((y) => daysInMonth(y, 2))).toEqual([29, 28, 29, 28, 28]);
  });
});

describe('DTE_NOW', () => {
  it.each(['2026-02-30', '2026-13-01', '2026-02-29', '2026-03-15T25:00'])('refuses %s with a config error naming DTE_NOW', (v) => {
    const r = parseConfig({ DTE_NOW: v });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('DTE_NOW');
      expect(r.message).toContain(v);
    }
  });

  it('reads a datetime without an offset as Beijing time, whatever the process zone', () => {
    process.env.TZ = 'America/New_York';
    const r = parseConfig({ DTE_NOW: '2026-03-15T09:00' });
    expect(r.ok && r.config.DTE_NOW?.toISOString()).toBe(utc(2026, 3, 15, 1));
  });
});
