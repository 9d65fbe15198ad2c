/**
 * When something happened, as the resident says it ("2025年3月", "去年10月",
 * "今年1月份", "上个月", "2024年11月5号"), read against today's date on the
 * injected clock. A generic date parser (numbers and calendar words), not a
 * phrasing of any topic. Returns YYYY-MM or YYYY-MM-DD, or undefined.
 */
import { chineseNumber } from './normalize-question.js';

const NUM = '(\\d{1,2}|[一二两三四五六七八九十]{1,3})';
const FULL = new RegExp(`(\\d{4})\\s*年\\s*${NUM}\\s*月(?:份)?(?:\\s*${NUM}\\s*[日号])?`, 'u');
const RELATIVE_YEAR = new RegExp(`(今年|去年|前年|大前年)\\s*${NUM}\\s*月(?:份)?(?:\\s*${NUM}\\s*[日号])?`, 'u');
const RELATIVE_MONTH = /(上上个月|上个月|这个月|本月)/u;
/** A month and day with no year ("4月25号"): this year's. */
const MONTH_DAY = new RegExp(`${NUM}\\s*月\\s*${NUM}\\s*[日号]`, 'u');
const YEAR_OFFSET: Record<string, number> = { 今年: 0, 去年: 1, 前年: 2, 大前年: 3 };
const MONTH_OFFSET: Record<string, number> = { 本月: 0, 这个月: 0, 上个月: 1, 上上个月: 2 };

function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  return /^\d+$/u.test(s) ? Number(s) : chineseNumber(s);
}

function iso(year: number, month: number, day?: number): string | undefined {
  if (month < 1 || month > 12) return undefined;
  const m = String(month).padStart(2, '0');
  if (day === undefined) return `${year}-${m}`;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= last ? `${year}-${m}-${String(day).padStart(2, '0')}` : undefined;
}

/** A year alone ("2024年", "前年"), not followed by a month: the year is all that is said. */
const YEAR_ONLY = new RegExp(`(?:(\\d{4})\\s*年|(今年|去年|前年|大前年))(?!\\s*(?:度|${NUM}\\s*月))`, 'u');

/**
 * The year of an event the resident gives without its month ("证书是前年发的"), as YYYY, or undefined;
 * `today` is YYYY-MM-DD (Beijing). Only for a message where a month or day would be read by eventDate first.
 */
export function eventYear(text: string, today: string): string | undefined {
  const m = YEAR_ONLY.exec(text);
  if (!m) return undefined;
  const year = m[1] ? Number(m[1]) : Number(today.slice(0, 4)) - YEAR_OFFSET[m[2]!]!;
  return year >= 1900 && year <= 2999 ? String(year) : undefined;
}

/** The event date in `text`, or undefined; `today` is YYYY-MM-DD (Beijing). */
export function eventDate(text: string, today: string): string | undefined {
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  const full = FULL.exec(text);
  if (full) return iso(Number(full[1]), num(full[2]) ?? 0, num(full[3]));
  const rel = RELATIVE_YEAR.exec(text);
  if (rel) return iso(ty - YEAR_OFFSET[rel[1]!]!, num(rel[2]) ?? 0, num(rel[3]));
  const monthDay = MONTH_DAY.exec(text);
  if (monthDay) return iso(ty, num(monthDay[1]) ?? 0, num(monthDay[2]));
  const month = RELATIVE_MONTH.exec(text);
  if (month) {
    const total = ty * 12 + (tm - 1) - MONTH_OFFSET[month[1]!]!;
    return iso(Math.floor(total / 12), (total % 12) + 1);
  }
  return undefined;
}
