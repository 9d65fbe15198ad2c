import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../bot/store/migrations.js';
import { createTaughtStore } from '../../bot/store/taught-store.js';

const open = () => {
  const db = new Database(':memory:');
  migrate(db);
  let t = Date.parse('2026-03-01T00:00:00Z');
  return { db, store: createTaughtStore(db, { now: () => new Date((t += 1000)) }) };
};

describe('taught store', () => {
  it('keeps ids and masked phrasings only, counts hits with the time of the last one', async () => {
    const { store } = open();
    const a = await store.teach({ target: { kind: 'facts', factIds: ['zz26-invoice'] }, phrasings: ['能开发票吗 13912345678'], actor: 'city-li' });
    expect(a.phrasings[0]).not.toContain('13912345678');
    await store.recordHit(a.id);
    await store.recordHit(a.id);
    const [again] = await store.list();
    expect(again).toMatchObject({ id: a.id, hits: 2, createdBy: 'city-li' });
    expect(again!.lastHitAt).toBeDefined();
  });

  it('refuses free text: a target is facts, a chunk or a contact id, checked by its schema', async () => {
    const { store } = open();
    await expect(store.teach({ target: { kind: 'text', text: '三千元' } as never, phrasings: ['学费'], actor: 'x' })).rejects.toThrow();
    await expect(store.teach({ target: { kind: 'facts', factIds: [] }, phrasings: ['学费'], actor: 'x' })).rejects.toThrow();
  });

  it('moves a phrasing taught again to the newer answer; a retired answer is no longer listed', async () => {
    const { store } = open();
    const a = await store.teach({ target: { kind: 'facts', factIds: ['zz26-invoice'] }, phrasings: ['能开发票吗'], actor: 'x' });
    const b = await store.teach({ target: { kind: 'not-covered', contactFactId: 'zz26-contact-city' }, phrasings: ['能开发票吗？'], actor: 'x' });
    const live = await store.list();
    expect(live.find((x) => x.id === a.id)!.phrasings).toEqual([]);
    expect(live.find((x) => x.id === b.id)!.phrasings).toEqual(['能开发票吗？']);
    expect(await store.retire(b.id, 'y')).toBe(true);
    expect(await store.retire(b.id, 'y')).toBe(false);
    expect((await store.list()).map((x) => x.id)).toEqual([a.id]);
    expect((await store.list({ retired: true })).find((x) => x.id === b.id)).toMatchObject({ retiredBy: 'y' });
  });

  it('flags questions sent from 问答 by their normalised text', async () => {
    const { store } = open();
    await store.flagQuestion('报名截止 了吗？', 'x');
    expect([...(await store.flagged())]).toEqual(['报名截止了吗']);
  });
});
