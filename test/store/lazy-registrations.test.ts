/**
 * app.ask's registrations on SQLite (lazyRegistrationSnapshot): the same
 * lookup loadRegistrations gives, read only when the turn first asks.
 */
import { describe, expect, it, vi } from 'vitest';
import { lazyRegistrationSnapshot, openSqliteStore } from '../../bot/store/sqlite-store.js';
import { loadRegistrations } from '../../bot/engine/conversation-handler.js';
import { registrationRecord } from '../fixtures/registration-record.js';

describe('the registrations a turn reads on SQLite', () => {
  it('are those loadRegistrations reads, reviews included, and nothing is read before the first look', async () => {
    const store = openSqliteStore(':memory:');
    await store.upsertRegistration(registrationRecord({ reference: 'DTE-000001', userId: 'wx-1' }));
    await store.upsertRegistration(registrationRecord({ reference: 'DTE-000002', userId: 'wx-1', level: '中级', idNumber: '370402199001011246' }));
    await store.upsertRegistration(registrationRecord({ reference: 'DTE-000003', userId: 'wx-2' }));
    const reviews = store.reviewStore({ now: () => new Date('2026-12-02T01:00:00.000Z') });
    expect((await reviews.decide({ reference: 'DTE-000002', kind: 'returned', reason: '请补充单位', actor: 'a' })).ok).toBe(true);

    const listOwn = vi.spyOn(store.sync, 'listOwn');
    const lazy = lazyRegistrationSnapshot(store.sync, 'wx-1');
    expect(listOwn).not.toHaveBeenCalled();
    const eager = await loadRegistrations(store, 'wx-1');
    listOwn.mockClear();
    expect(lazy.listOwn('wx-1')).toEqual(eager.listOwn('wx-1'));
    expect(lazy.listOwn('wx-2')).toEqual([]);
    expect(lazy.findOwn('wx-1', '370402199001011246', '中级')).toEqual(eager.findOwn('wx-1', '370402199001011246', '中级'));
    expect(lazy.reviewOf?.('DTE-000002')).toEqual(eager.reviewOf?.('DTE-000002'));
    expect(lazy.reviewOf?.('DTE-000002')).toMatchObject({ kind: 'returned' });
    expect(listOwn).toHaveBeenCalledTimes(1);
    expect(lazy.error).toBeUndefined();
    await store.close();
  });

  it('keep a failed read as `error` and fail every look with it', async () => {
    const store = openSqliteStore(':memory:');
    const boom = new Error('disk I/O error');
    vi.spyOn(store.sync, 'listOwn').mockImplementation(() => {
      throw boom;
    });
    const lazy = lazyRegistrationSnapshot(store.sync, 'wx-1');
    expect(() => lazy.listOwn('wx-1')).toThrow(boom);
    expect(() => lazy.findOwn('wx-1', 'x', '初级')).toThrow(boom);
    expect(lazy.error).toBe(boom);
    await store.close();
  });
});

describe('the question log on SQLite', () => {
  it('masks the numbers of a question and writes one without digits as it is', async () => {
    const store = openSqliteStore(':memory:');
    await store.logQuestion({ question: '我的手机13912345678，身份证３７０４０２１９９００１０１１２３８', answered: true, confidence: 0.9, route: 'fee', time: '2026-03-01T00:00:00.000Z' });
    await store.logQuestion({ question: '培训费多少钱？', answered: false, confidence: 0.2, route: 'unknown', time: '2026-03-01T00:00:01.000Z' });
    const rows = await store.listQuestions();
    expect(rows.map((r) => r.question)).toEqual(['我的手机139****5678，身份证3704**********1238', '培训费多少钱？']);
    await store.close();
  });
});
