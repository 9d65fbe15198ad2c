import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { windowStatus } from '../../tools/window-status.js';
import { realFacts } from '../engine/fake-ports.js';
import { eventDate, eventYear } from '../../bot/engine/understand/event-date.js';

const facts = realFacts();
const at = (iso: string) => ({ facts, now: new Date(`${iso}T12:00:00+08:00`) });
const ID = 'jh24-application-window';

describe('window-status', () => {
  it.each([
    ['2025-10-15', '2026-03-15', 'open', '2026-10-14'],
    ['2025-03-05', '2026-03-15', 'closed', '2026-03-04'],
    ['2025-03-15', '2026-03-14', 'open', '2026-03-14'],
  ])('an event on %s, today %s: %s (last day %s)', (event, today, status, lastDay) => {
    const r = invokeTool(windowStatus, { factId: ID, event }, at(today));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.status).toBe(status);
    expect(r.value.lastDay.earliest).toBe(lastDay);
    expect(r.facts.map((f) => f.id)).toEqual([ID]);
  });

  it('says it depends on the day when only the month is known and the month straddles the last day', () => {
    const r = invokeTool(windowStatus, { factId: ID, event: '2025-03' }, at('2026-03-15'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ status: 'depends-on-day', lastDay: { earliest: '2026-02-28', latest: '2026-03-30' } });
  });

  it('judges a year alone over the whole year: closed when even its last day is past, else it depends on the day', () => {
    const gone = invokeTool(windowStatus, { factId: ID, event: '2024' }, at('2026-03-15'));
    if (!gone.ok) throw new Error(gone.error.message);
    expect(gone.value).toMatchObject({ status: 'closed', lastDay: { earliest: '2024-12-31', latest: '2025-12-30' } });
    const open = invokeTool(windowStatus, { factId: ID, event: '2025' }, at('2026-03-15'));
    if (!open.ok) throw new Error(open.error.message);
    expect(open.value).toMatchObject({ status: 'depends-on-day', lastDay: { earliest: '2025-12-31', latest: '2026-12-30' } });
  });

  it('refuses a rule that sets no window, and a malformed date', () => {
    expect(invokeTool(windowStatus, { factId: 'zz26-class-size', event: '2025-03' }, at('2026-03-15')).ok).toBe(false);
    expect(invokeTool(windowStatus, { factId: ID, event: '2025-3' }, at('2026-03-15')).ok).toBe(false);
  });
});

describe('eventDate', () => {
  it.each([
    ['证书2025年3月就发了', '2025-03'],
    ['去年10月发的证', '2025-10'],
    ['今年一月份拿的', '2026-01'],
    ['上个月刚拿到', '2026-02'],
    ['2024年11月5号发的', '2024-11-05'],
    ['中级补贴多少', undefined],
  ])('reads %s as %s (today 2026-03-15)', (text, expected) => {
    expect(eventDate(text, '2026-03-15')).toBe(expected);
  });
});

describe('eventYear', () => {
  it.each([
    ['证书是前年发的', '2024'],
    ['2025年拿的证', '2025'],
    ['去年考下来的', '2025'],
    ['2025年度的补贴', undefined],
    ['去年10月发的证', undefined],
    ['中级补贴多少', undefined],
  ])('reads %s as %s (today 2026-03-15)', (text, expected) => {
    expect(eventYear(text, '2026-03-15')).toBe(expected);
  });
});
