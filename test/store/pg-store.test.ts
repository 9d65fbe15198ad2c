/**
 * The PostgreSQL store: the shared behaviour suite (store-contract.ts) on a
 * fresh database of the tests' server (test/support/pg-global-setup.ts),
 * plus what only PostgreSQL has (migrations under an advisory lock when
 * several processes start at once, constraint-enforced ownership).
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../bot/store/store.js';
import { PG_MIGRATIONS } from '../../bot/store/pg-migrations.js';
import { openPgStore } from '../../bot/store/pg-store.js';
import { describeStore } from './store-contract.js';
import { freshPgDatabase } from '../support/pg-database.js';

describeStore('PostgreSQL', async () => {
  const db = await freshPgDatabase();
  const store = await openStore(db.url);
  const others: Store[] = [];
  const raw = new pg.Client({ connectionString: db.url });
  await raw.connect();
  return {
    store,
    exec: async (sql) => void (await raw.query(sql)),
    reopen: async () => {
      const again = await openStore(db.url);
      others.push(again);
      return again;
    },
    async dispose() {
      await raw.end();
      for (const s of [store, ...others]) await s.close().catch(() => undefined);
      await db.drop();
    },
  };
});

describe('the PostgreSQL schema', () => {
  it('is migrated once when eight processes open a new database at the same moment', async () => {
    const db = await freshPgDatabase();
    try {
      const stores = await Promise.all(Array.from({ length: 8 }, () => openPgStore(db.url, { maxConnections: 2 })));
      for (const s of stores) expect(await s.schemaVersion()).toBe(PG_MIGRATIONS.length);
      const applied = await stores[0]!.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(applied.rows[0].n).toBe(PG_MIGRATIONS.length);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await db.drop();
    }
  });

  it('refuses a second row for the same user, ID number and level at the database itself', async () => {
    const db = await freshPgDatabase();
    const store = await openPgStore(db.url);
    try {
      const insert = `INSERT INTO registrations (reference, user_id, id_number, level, district, fields, status, created_at, updated_at)
        VALUES ($1, 'u', '370402199001011238', '初级', 'd', '{}', 'submitted', '', '')`;
      await store.pool.query(insert, ['R1']);
      await expect(store.pool.query(insert, ['R2'])).rejects.toThrow(/registrations_owner/);
    } finally {
      await store.close();
      await db.drop();
    }
  });

  it('says which server it could not reach, without the password', async () => {
    await expect(openStore('postgres://dte:secret-pw@127.0.0.1:1/none', { busyTimeoutMs: 2000 })).rejects.toThrow(/cannot connect to PostgreSQL at postgres:\/\/dte:\*\*\*@127\.0\.0\.1:1\/none/);
  });
});
