/**
 * Calendar arithmetic in Beijing time (UTC+8, no daylight saving), so a
 * deadline flips at midnight in 枣庄 whatever the server's time zone is.
 */

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Beijing calendar date of an instant, as YYYY-MM-DD. */
export function beijingDate(instant: Date): string {
  const local = instant.getTime() + BEIJING_OFFSET_MS;
  // Years 1970–9999 by calendar arithmetic (a turn asks for its date many times; toISOString
  // builds the whole timestamp); anything else, and an invalid date, as toISOString has it.
  if (!(local >= 0 && local < MAX_FAST_MS)) return new Date(local).toISOString().slice(0, 10);
  return civilDate(Math.floor(local / DAY_MS));
}

/** 10000-01-01T00:00:00Z: below it toISOString writes a four-digit year. */
const MAX_FAST_MS = 253402300800000;

/** Days since 1970-01-01 as YYYY-MM-DD (proleptic Gregorian; H. Hinnant's civil_from_days). */
function civilDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** An instant as Beijing wall-clock time, "2026-12-02 05:15" (how residents and staff read times). */
export function formatBeijing(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
