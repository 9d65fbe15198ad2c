/**
 * The one reader of a "now" given by an operator (`DTE_NOW`, `dte --now`, the
 * console's "按哪天计算"). `new Date()` rolls impossible dates over
 * (2026-02-30 becomes 2026-03-02) and reads a datetime without an offset in
 * the server's time zone; the notices' dates are Beijing dates, so this
 * parser checks every part itself and reads a missing offset as +08:00.
 * Pure: no clock, no environment, independent of the process's TZ.
 */

/** Beijing time (China has one zone and no daylight saving). */
export const BEIJING_OFFSET_MINUTES = 8 * 60;

/** A parsed instant, or why the text is not one (English, for operators' error messages). */
export type ParseNowResult = { ok: true; value: Date } | { ok: false; error: string };

const FORMAT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?)?$/u;

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * `YYYY-MM-DD` (Beijing midnight of that day) or `YYYY-MM-DDTHH:MM[:SS[.fff]]`
 * (a space instead of `T` is fine) with an optional offset `Z`, `±HH:MM`,
 * `±HHMM` or `±HH`; without an offset the time is Beijing time. Refuses
 * month 13, February 30, February 29 of a non-leap year, hour 24 and up,
 * minute or second 60 and up, and offsets beyond ±14:00.
 */
export function parseNow(text: string): ParseNowResult {
  const v = text.trim();
  const m = FORMAT.exec(v);
  if (!m) return { ok: false, error: `expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], got "${text}"` };
  const [, ys, mos, ds, hs, mis, ss, frac, zulu, sign, ohs, oms] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  if (month < 1 || month > 12) return { ok: false, error: `not a real date: "${text}" (month ${month} does not exist)` };
  const maxDay = daysInMonth(year, month);
  if (day < 1 || day > maxDay) return { ok: false, error: `not a real date: "${text}" (${ys}-${mos} has ${maxDay} days)` };
  const hour = Number(hs ?? 0);
  const minute = Number(mis ?? 0);
  const second = Number(ss ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, error: `not a real time: "${text}" (hours 00–23, minutes and seconds 00–59)` };
  const millis = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let offset = BEIJING_OFFSET_MINUTES;
  if (zulu) offset = 0;
  else if (sign) {
    const oh = Number(ohs);
    const om = Number(oms ?? 0);
    if (oh > 14 || om > 59 || oh * 60 + om > 14 * 60) return { ok: false, error: `not a real UTC offset: "${text}"` };
    offset = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millis);
  return { ok: true, value: new Date(d.getTime() - offset * 60_000) };
}
