import { afterEach, describe, expect, it } from 'vitest';
import { beijingDate, daysBetween } from '../../tools/beijing-date.js';
import { invokeTool } from '../../tools/define-tool.js';
import { deadlineState, deadlineStatus } from '../../tools/deadline-status.js';
import { fixtureTable } from './load-fixture.js';

const facts = fixtureTable();
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** An instant at Beijing wall-clock time `local` (YYYY-MM-DDTHH:mm). */
const beijing = (local: string) => new Date(`${local}:00+08:00`);

function registration(now: Date) {
  const r = invokeTool(deadlineStatus, { subject: 'registration', region: '枣庄' }, { facts, now });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('deadline-status', () => {
  it.each([
    ['2026-04-19T09:00', { status: 'open', daysLeft: 2, daysUntilClose: 1 }],
    ['2026-04-19T23:59', { status: 'open', daysLeft: 2, daysUntilClose: 1 }],
    ['2026-04-20T00:00', { status: 'closes-today' }],
    ['2026-04-20T23:59', { status: 'closes-today' }],
    ['2026-04-21T00:00', { status: 'closed', daysSince: 1 }],
    ['2026-03-01T10:00', { status: 'open', daysLeft: 51, daysUntilClose: 50 }],
    ['2026-11-22T10:00', { status: 'closed', daysSince: 216 }],
  ])('on %s Beijing time the 枣庄 registration is %j', (local, expected) => {
    const value = registration(beijing(local));
    expect(value.deadlines).toHaveLength(1);
    expect(value.deadlines[0]).toMatchObject({ ...expected, closes: '2026-04-20', factId: 'zz26-deadline-registration' });
  });

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati'])(
    'counts days in Beijing time whatever the machine time zone (%s)',
    (tz) => {
      process.env.TZ = tz;
      // 2026-04-20 16:30 UTC is already 4月21日 00:30 in Beijing.
      expect(registration(new Date('2026-04-20T16:30:00Z')).deadlines[0]).toMatchObject({ status: 'closed', daysSince: 1 });
      // 2026-04-19 16:30 UTC is 4月20日 00:30 in Beijing.
      expect(registration(new Date('2026-04-19T16:30:00Z')).deadlines[0]).toMatchObject({ status: 'closes-today' });
      expect(registration(new Date('2026-04-19T15:59:00Z')).today).toBe('2026-04-19');
    },
  );

  it('includes the opening day when the notice gives one, and says a window has not opened yet', () => {
    const r = invokeTool(deadlineStatus, { region: '沈阳' }, { facts, now: beijing('2023-05-20T12:00') });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.deadlines[0]).toMatchObject({ opens: '2023-05-31', closes: '2023-06-15', status: 'not-yet-open', daysUntilOpen: 11 });
  });

  it('lists every deadline when neither subject nor region is given', () => {
    const r = invokeTool(deadlineStatus, {}, { facts, now: beijing('2026-04-19T12:00') });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.deadlines.map((d) => [d.subject, d.status])).toEqual([
      ['registration', 'open'],
      ['institution-application', 'closed'],
    ]);
  });

  it.each([
    [{ region: '北京' }, 'not-covered'],
    [{ region: '威海' }, 'not-found'],
    [{ subject: 'subsidy-application', region: '枣庄' }, 'not-found'],
    [{ subject: 'exam' }, 'invalid-input'],
  ])('returns an error value for %j (%s)', (input, kind) => {
    const r = invokeTool(deadlineStatus, input, { facts, now: beijing('2026-04-19T12:00') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });
});

describe('Beijing calendar helpers', () => {
  it.each([
    ['2026-04-19T15:59:59Z', '2026-04-19'],
    ['2026-04-19T16:00:00Z', '2026-04-20'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('reads %s as Beijing date %s', (iso, date) => {
    expect(beijingDate(new Date(iso))).toBe(date);
  });

  it('counts calendar days across months and leap days', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-04-21', '2026-04-20')).toBe(-1);
  });

  it('gives the same state for a window without an opening day as with one already past', () => {
    expect(deadlineState('2026-04-10', '2026-04-20')).toEqual(deadlineState('2026-04-10', '2026-04-20', '2026-01-01'));
  });
});

describe('deadline-status on a day the resident names', () => {
  it('judges the registration window on that day, not today', () => {
    const ctx = { facts: fixtureTable(), now: new Date('2026-03-01T00:00:00+08:00') };
    const r = invokeTool(deadlineStatus, { region: '枣庄', subject: 'registration', on: '2026-04-25' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.today).toBe('2026-04-25');
    expect(r.value.deadlines[0]!.status).toBe('closed');
  });
});
