import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newSession, type Session } from '../../bot/engine/types.js';
import { MIGRATIONS, migrate } from '../../bot/store/migrations.js';
import { openStore, type Store } from '../../bot/store/store.js';
import type { RegistrationRecord } from '../../bot/registration/types.js';

const dirs: string[] = [];
const stores: Store[] = [];
function tempStore(): { store: Store; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dte-store-'));
  dirs.push(dir);
  const path = join(dir, 'nested', 'dte.sqlite');
  const store = openStore(path);
  stores.push(store);
  return { store, path };
}
afterEach(() => {
  for (const s of stores.splice(0)) {
    try {
      s.close();
    } catch {
      // already closed by the test
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function record(over: Partial<RegistrationRecord> = {}): RegistrationRecord {
  return {
    reference: 'ZZ26-000001',
    userId: 'wechat:u1',
    name: '张三',
    gender: '男',
    idNumber: '370402199001011238',
    education: '本科 计算机',
    title: '',
    employer: '枣庄某某公司',
    district: '滕州市',
    phone: '13912345678',
    level: '初级',
    status: 'submitted',
    createdAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
    ...over,
  };
}

describe('openStore', () => {
  it('creates the directory, uses WAL and applies every migration', () => {
    const { store, path } = tempStore();
    expect(store.schemaVersion()).toBe(MIGRATIONS.length);
    store.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('runs migrations idempotently: reopening changes nothing and keeps the data', () => {
    const { store, path } = tempStore();
    store.upsertRegistration(record());
    store.close();
    const again = openStore(path);
    stores.push(again);
    expect(again.schemaVersion()).toBe(MIGRATIONS.length);
    expect(again.listRegistrations()).toHaveLength(1);
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    db.close();
  });
});

describe('sessions', () => {
  it('round-trips a session, form included', () => {
    const { store } = tempStore();
    const session: Session = {
      ...newSession(),
      slots: { region: '枣庄', level: '初级' },
      form: { version: 1, step: 'filling', values: { name: '张三' }, asking: 'gender', status: 'submitted', startedAt: '2026-03-01T02:00:00.000Z' },
      lastSeen: '2026-03-01T02:00:00.000Z',
    };
    store.saveSession('wechat:u1', session, { userId: 'u1' });
    expect(store.getSession('wechat:u1')).toEqual(session);
    store.saveSession('wechat:u1', { ...session, slots: {} });
    expect(store.getSession('wechat:u1')?.slots).toEqual({});
    expect(store.getSession('wechat:nobody')).toBeUndefined();
  });

  it('discards a session that is not valid JSON or of another version', () => {
    const { store, path } = tempStore();
    store.saveSession('a', newSession());
    store.saveSession('b', newSession());
    const db = new Database(path);
    db.prepare("UPDATE sessions SET json = '{broken' WHERE conversation_id = 'a'").run();
    db.prepare(`UPDATE sessions SET json = '{"version":99,"slots":{}}' WHERE conversation_id = 'b'`).run();
    db.close();
    expect(store.getSession('a')).toBeUndefined();
    expect(store.getSession('b')).toBeUndefined();
  });

  it('drops a saved form of an older shape but keeps the session', () => {
    const { store } = tempStore();
    const old = { ...newSession(), form: { step: 'filling', values: {} } } as unknown as Session;
    store.saveSession('c', old);
    expect(store.getSession('c')).toEqual(newSession());
  });
});

describe('registrations', () => {
  it('inserts, then updates the same ID number and level keeping reference and creation time', () => {
    const { store } = tempStore();
    expect(store.upsertRegistration(record()).created).toBe(true);
    const second = store.upsertRegistration(
      record({ reference: 'ZZ26-000099', employer: '新单位公司', updatedAt: '2026-03-05T00:00:00.000Z', createdAt: '2026-03-05T00:00:00.000Z' }),
    );
    expect(second.created).toBe(false);
    expect(second.record).toMatchObject({
      reference: 'ZZ26-000001',
      employer: '新单位公司',
      createdAt: '2026-03-01T02:00:00.000Z',
      updatedAt: '2026-03-05T00:00:00.000Z',
    });
    expect(store.listRegistrations()).toHaveLength(1);
    expect(store.findRegistration('370402199001011238', '初级')?.employer).toBe('新单位公司');
    expect(store.findByIdNumber('370402199001011238', '中级')).toBeUndefined();
  });

  it('keeps one registration per level for the same person', () => {
    const { store } = tempStore();
    store.upsertRegistration(record());
    expect(store.upsertRegistration(record({ reference: 'ZZ26-000002', level: '中级' })).created).toBe(true);
    expect(store.listRegistrations()).toHaveLength(2);
  });

  it('filters by district, status, level and creation time', () => {
    const { store } = tempStore();
    store.upsertRegistration(record());
    store.upsertRegistration(
      record({ reference: 'R2', idNumber: '370406199503151009', gender: '女', district: '薛城区', status: 'interest', createdAt: '2026-04-22T00:00:00.000Z' }),
    );
    store.upsertRegistration(record({ reference: 'R3', idNumber: '37040219880808103X', level: '中级', createdAt: '2026-03-10T00:00:00.000Z' }));
    const refs = (f: Parameters<Store['listRegistrations']>[0]) => store.listRegistrations(f).map((r) => r.reference);
    expect(refs({})).toEqual(['ZZ26-000001', 'R3', 'R2']);
    expect(refs({ district: '薛城区' })).toEqual(['R2']);
    expect(refs({ status: 'interest' })).toEqual(['R2']);
    expect(refs({ level: '中级' })).toEqual(['R3']);
    expect(refs({ from: '2026-03-05T00:00:00.000Z', to: '2026-04-22T00:00:00.000Z' })).toEqual(['R3']);
  });

  it('deletes a user’s registrations and sessions (private and group) and nobody else’s', () => {
    const { store } = tempStore();
    store.upsertRegistration(record());
    store.upsertRegistration(record({ reference: 'R2', userId: 'other', idNumber: '370406199503151009', gender: '女' }));
    store.saveSession('wechat:u1', newSession(), { userId: 'wechat:u1' });
    store.saveSession('wechat:room1:wechat:u1', newSession());
    store.saveSession('wechat:room1:other', newSession());
    expect(store.deletePersonalData('wechat:u1')).toEqual({ registrations: 1, sessions: 2 });
    expect(store.listRegistrations().map((r) => r.userId)).toEqual(['other']);
    expect(store.getSession('wechat:room1:other')).toBeDefined();
    expect(store.getSession('wechat:u1')).toBeUndefined();
  });
});

describe('references and the question log', () => {
  it('numbers references per prefix, surviving a reopen', () => {
    const { store, path } = tempStore();
    expect(store.nextReference('ZZ26')).toBe('ZZ26-000001');
    expect(store.nextReference('ZZ26')).toBe('ZZ26-000002');
    expect(store.nextReference('X')).toBe('X-000001');
    store.close();
    const again = openStore(path);
    stores.push(again);
    expect(again.nextReference('ZZ26')).toBe('ZZ26-000003');
  });

  it('masks ID and phone numbers in logged questions and filters them', () => {
    const { store } = tempStore();
    store.logQuestion({ time: '2026-03-01T02:00:00.000Z', question: '我的身份证370402199001011238手机13912345678能报吗', answered: true, confidence: 0.9, route: 'tool' });
    store.logQuestion({ time: '2026-03-02T02:00:00.000Z', question: '北京有补贴吗', answered: false, confidence: 0.1, route: 'unknown' });
    const all = store.listQuestions();
    expect(all[0]!.question).toBe('我的身份证3704**********1238手机139****5678能报吗');
    expect(store.listQuestions({ answered: false }).map((q) => q.route)).toEqual(['unknown']);
    expect(store.listQuestions({ from: '2026-03-02T00:00:00.000Z' })).toHaveLength(1);
    expect(store.listQuestions({ limit: 1 })).toHaveLength(1);
  });
});
