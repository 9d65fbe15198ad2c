/**
 * Calendar arithmetic in Beijing time (UTC+8, no daylight saving), so a
 * deadline flips at midnight in 枣庄 whatever the server's time zone is.
 */

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Beijing calendar date of an instant, as YYYY-MM-DD. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** An instant as Beijing wall-clock time, "2026-12-02 05:15" (how residents and staff read times). */
export function formatBeijing(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
