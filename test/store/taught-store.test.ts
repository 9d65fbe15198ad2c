/**
 * The taught-answer store, one suite for both implementations: SQLite
 * (bot/store/taught-store.ts, in memory) and PostgreSQL
 * (bot/store/pg-taught-store.ts, on a fresh database of the tests' server,
 * test/support/pg-global-setup.ts).
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../bot/store/migrations.js';
import { openPgStore } from '../../bot/store/pg-store.js';
import { createPgTaughtStore } from '../../bot/store/pg-taught-store.js';
import { createTaughtStore, type TaughtStore } from '../../bot/store/taught-store.js';
import { openStore } from '../../bot/store/store.js';
import { openTaughtAnswers } from '../../bot/taught-answers.js';
import { realFacts } from '../engine/fake-ports.js';
import { freshPgDatabase } from '../support/pg-database.js';

type Opener = (now: () => Date) => Promise<{ store: TaughtStore; dispose(): Promise<void> }>;

const implementations: Array<[string, Opener]> = [
  [
    'SQLite',
    async (now) => {
      const db = new Database(':memory:');
      migrate(db);
      return { store: createTaughtStore(db, { now }), dispose: async () => void db.close() };
    },
  ],
  [
    'PostgreSQL',
    async (now) => {
      const database = await freshPgDatabase();
      const pgStore = await openPgStore(database.url);
      return {
        store: createPgTaughtStore(pgStore.pool, { now }),
        async dispose() {
          await pgStore.close().catch(() => undefined);
          await database.drop();
        },
      };
    },
  ],
];

describe.each(implementations)('taught store (%s)', (_name, openWith) => {
  const opened: Array<{ dispose(): Promise<void> }> = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.dispose();
  });
  const open = async () => {
    let t = Date.parse('2026-03-01T00:00:00Z');
    const o = await openWith(() => new Date((t += 1000)));
    opened.push(o);
    return o;
  };

  it('keeps ids and masked phrasings only, counts hits with the time of the last one', async () => {
    const { store } = await open();
    const a = await store.teach({ target: { kind: 'facts', factIds: ['zz26-invoice', 'zz26-invoice'] }, phrasings: ['能开发票吗 13912345678'], actor: 'city-li' });
    expect(a.phrasings[0]).not.toContain('13912345678');
    expect(a.target).toEqual({ kind: 'facts', factIds: ['zz26-invoice'] });
    expect(a.createdAt).toBe('2026-03-01T00:00:01.000Z');
    await store.recordHit(a.id);
    await store.recordHit(a.id);
    const [again] = await store.list();
    expect(again).toMatchObject({ id: a.id, hits: 2, createdBy: 'city-li', lastHitAt: '2026-03-01T00:00:03.000Z' });
    expect(await store.get(a.id)).toEqual(again);
    expect(await store.get('999')).toBeUndefined();
    expect(await store.get('not-an-id')).toBeUndefined();
    await store.recordHit('not-an-id');
  });

  it('refuses free text: a target is facts, a chunk or a contact id, checked by its schema', async () => {
    const { store } = await open();
    await expect(store.teach({ target: { kind: 'text', text: '三千元' } as never, phrasings: ['学费'], actor: 'x' })).rejects.toThrow();
    await expect(store.teach({ target: { kind: 'facts', factIds: [] }, phrasings: ['学费'], actor: 'x' })).rejects.toThrow();
    expect(await store.list({ retired: true })).toEqual([]);
  });

  it('stores a passage and a contact target', async () => {
    const { store } = await open();
    const p = await store.teach({ target: { kind: 'passage', chunkId: 'notice-1#3' }, phrasings: ['在哪里报名', '报名地点'], actor: 'x' });
    const c = await store.teach({ target: { kind: 'not-covered', contactFactId: 'zz26-contact-city' }, phrasings: ['能退费吗'], actor: 'x' });
    expect(await store.get(p.id)).toMatchObject({ target: { kind: 'passage', chunkId: 'notice-1#3' }, phrasings: ['在哪里报名', '报名地点'], hits: 0 });
    expect(await store.get(c.id)).toMatchObject({ target: { kind: 'not-covered', contactFactId: 'zz26-contact-city' } });
    expect((await store.list()).map((x) => x.id)).toEqual([p.id, c.id]);
  });

  it('moves a phrasing taught again to the newer answer; a retired answer is no longer listed', async () => {
    const { store } = await open();
    const a = await store.teach({ target: { kind: 'facts', factIds: ['zz26-invoice'] }, phrasings: ['能开发票吗'], actor: 'x' });
    const b = await store.teach({ target: { kind: 'not-covered', contactFactId: 'zz26-contact-city' }, phrasings: ['能开发票吗？'], actor: 'x' });
    const live = await store.list();
    expect(live.find((x) => x.id === a.id)!.phrasings).toEqual([]);
    expect(live.find((x) => x.id === b.id)!.phrasings).toEqual(['能开发票吗？']);
    expect(await store.retire(b.id, 'y')).toBe(true);
    expect(await store.retire(b.id, 'y')).toBe(false);
    expect(await store.retire('nope', 'y')).toBe(false);
    expect((await store.list()).map((x) => x.id)).toEqual([a.id]);
    expect((await store.list({ retired: true })).find((x) => x.id === b.id)).toMatchObject({ retiredBy: 'y', phrasings: ['能开发票吗？'] });
    // A retired answer keeps its phrasings: teaching one again does not take it from the retired row.
    const c = await store.teach({ target: { kind: 'facts', factIds: ['zz26-fee'] }, phrasings: ['能开发票吗'], actor: 'x' });
    expect((await store.get(b.id))!.phrasings).toEqual(['能开发票吗？']);
    expect((await store.get(c.id))!.phrasings).toEqual(['能开发票吗']);
  });

  it('flags questions sent from 问答 by their normalised text', async () => {
    const { store } = await open();
    await store.flagQuestion('报名截止 了吗？', 'x');
    await store.flagQuestion('报名截止了吗', 'y');
    await store.flagQuestion('？？', 'y');
    expect([...(await store.flagged())]).toEqual(['报名截止了吗']);
  });
});

describe('openTaughtAnswers', () => {
  it('opens the taught store of either kind of store, and a second process sees what the first taught', async () => {
    const facts = realFacts();
    const kb = { chunks: () => [] };
    const sqlite = await openStore(':memory:');
    const database = await freshPgDatabase();
    const [pgA, pgB] = [await openStore(database.url), await openStore(database.url)];
    try {
      expect(await openTaughtAnswers(sqlite, { facts, kb })).toBeDefined();
      const a = (await openTaughtAnswers(pgA, { facts, kb }))!;
      const b = (await openTaughtAnswers(pgB, { facts, kb }))!;
      const taught = await a.store.teach({ target: { kind: 'facts', factIds: ['zz26-invoice'] }, phrasings: ['能开发票吗'], actor: 'x' });
      expect((await b.store.list()).map((x) => x.id)).toEqual([taught.id]);
      expect(await openTaughtAnswers({}, { facts, kb })).toBeUndefined();
    } finally {
      for (const s of [sqlite, pgA, pgB]) await s.close().catch(() => undefined);
      await database.drop();
    }
  });
});
