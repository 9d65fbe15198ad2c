/**
 * window-status: a window that a rule counts from an event of the
 * resident's ("补贴须在…证书核发之日起12个月内申请"), against the injected
 * clock's day in Beijing time. The rule's own value and unit (12 月) come
 * from the facts table; the event is the date the resident gives, to the
 * month or the day. When only the month is known, the window's last day is
 * known only to within that month: the answer says "still open" or
 * "already closed" only when every day of the month agrees, and otherwise
 * that it depends on the exact day (with the range).
 */
import { z } from 'zod';
import type { Fact } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { beijingDate, daysBetween } from './beijing-date.js';
import { defineTool, fail, ok } from './define-tool.js';

export const WindowStatusInput = z.object({
  /** The rule that sets the window (it must carry a value and a unit of 月/个月/年/日/天). */
  factId: z.string().min(1),
  /** When the event happened: YYYY (only the year known), YYYY-MM (month known) or YYYY-MM-DD. */
  event: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/u, 'YYYY, YYYY-MM or YYYY-MM-DD'),
});

export type WindowStatusValue = {
  factId: string;
  /** Today in Beijing time. */
  today: string;
  value: number;
  unit: string;
  /** The window's last day: earliest and latest possible (equal when the event's day is known). */
  lastDay: { earliest: string; latest: string };
} & ({ status: 'open'; daysLeft: number; daysUntilClose: number } | { status: 'closed'; daysSince: number } | { status: 'depends-on-day' });

const UNITS: Record<string, 'month' | 'year' | 'day'> = { 月: 'month', 个月: 'month', 年: 'year', 日: 'day', 天: 'day' };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The last day of a window of `n` units starting on `iso` (the day before the same date n units later). */
function lastDayOf(iso: string, n: number, unit: 'month' | 'year' | 'day'): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (unit === 'day') return new Date(Date.UTC(y, m - 1, d + n - 1)).toISOString().slice(0, 10);
  const months = unit === 'year' ? 12 * n : n;
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return new Date(Date.UTC(ty, tm - 1, td - 1)).toISOString().slice(0, 10);
}

function windowFact(f: Fact | undefined): (Fact & { kind: 'rule'; value: number; unit: string }) | undefined {
  if (f?.kind !== 'rule' || f.value === undefined || f.unit === undefined || !UNITS[f.unit]) return undefined;
  return f as Fact & { kind: 'rule'; value: number; unit: string };
}

export const windowStatus = defineTool<typeof WindowStatusInput, WindowStatusValue>({
  name: 'window-status',
  description: toolDescriptions['window-status'],
  input: WindowStatusInput,
  run(input, { facts, now }) {
    const fact = windowFact(facts.byId(input.factId));
    if (!fact) return fail('invalid-input', `fact ${input.factId} sets no window in months, years or days`, 'factId');
    const unit = UNITS[fact.unit]!;
    // The event's first and last possible day: the day given, or the first and last day of its month or year.
    const [y, m] = input.event.split('-').map(Number) as [number, number | undefined];
    const span =
      input.event.length === 10 ? [input.event, input.event] : m !== undefined ? [`${input.event}-01`, `${input.event}-${String(daysInMonth(y, m)).padStart(2, '0')}`] : [`${y}-01-01`, `${y}-12-31`];
    const lastDays = span.map((d) => lastDayOf(d, fact.value, unit));
    const lastDay = { earliest: lastDays[0]!, latest: lastDays[lastDays.length - 1]! };
    const today = beijingDate(now);
    const base = { factId: fact.id, today, value: fact.value, unit: fact.unit, lastDay };
    if (today <= lastDay.earliest) return ok({ ...base, status: 'open', daysLeft: daysBetween(today, lastDay.earliest) + 1, daysUntilClose: daysBetween(today, lastDay.earliest) }, [fact]);
    if (today > lastDay.latest) return ok({ ...base, status: 'closed', daysSince: daysBetween(lastDay.latest, today) }, [fact]);
    return ok({ ...base, status: 'depends-on-day' }, [fact]);
  },
});

/** Rules that set a window counted from an event (a value with a month, year or day unit, on the deadline topic). */
export function windowRules(all: readonly Fact[]): Fact[] {
  return all.filter((f) => windowFact(f) !== undefined && f.topics.includes('deadline'));
}
