/**
 * The SQLite store: the shared behaviour suite (store-contract.ts) on a
 * file, plus what only SQLite has (the file, WAL, its migrations).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../bot/store/migrations.js';
import { openStore, type Store } from '../../bot/store/store.js';
import { openSqliteStore } from '../../bot/store/sqlite-store.js';
import { registrationRecord } from '../fixtures/registration-record.js';
import { describeStore } from './store-contract.js';

const dirs: string[] = [];
const stores: Store[] = [];
async function tempStore(): Promise<{ store: Store; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dte-store-'));
  dirs.push(dir);
  const path = join(dir, 'nested', 'dte.sqlite');
  const store = await openStore(path);
  stores.push(store);
  return { store, path };
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describeStore('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dte-store-'));
  const path = join(dir, 'dte.sqlite');
  const store = openSqliteStore(path);
  const others: Store[] = [];
  return {
    store,
    exec: async (sql) => void store.db.exec(sql),
    reopen: async () => {
      const again = await openStore(path);
      others.push(again);
      return again;
    },
    async dispose() {
      for (const s of [store, ...others]) await s.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const record = registrationRecord;

describe('the SQLite file', () => {
  it('creates the directory, uses WAL and applies every migration', async () => {
    const { store, path } = await tempStore();
    expect(store.kind).toBe('sqlite');
    expect(await store.schemaVersion()).toBe(MIGRATIONS.length);
    await store.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('runs migrations idempotently: reopening changes nothing and keeps the data', async () => {
    const { store, path } = await tempStore();
    await store.upsertRegistration(record());
    await store.close();
    const again = await openStore(path);
    stores.push(again);
    expect(await again.schemaVersion()).toBe(MIGRATIONS.length);
    expect(await again.listRegistrations()).toHaveLength(1);
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('creates the database file readable by its owner only, and leaves no trace of deleted data in it', async () => {
    const { store, path } = await tempStore();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await store.upsertRegistration(record({ name: '欧阳锋锐' }));
    await store.deletePersonalData('wechat:u1');
    await store.close();
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from('欧阳锋锐'))).toBe(false);
    expect(bytes.includes(Buffer.from('370402199001011238'))).toBe(false);
  });

});
