import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newSession, type Session } from '../../bot/engine/types.js';
import { MIGRATIONS, migrate } from '../../bot/store/migrations.js';
import { openStore, type Store } from '../../bot/store/store.js';
import { NEW_REFERENCE, type RegistrationRecord } from '../../bot/registration/types.js';

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
    expect(store.findRegistration('370402199001011238', '初级', 'wechat:u1')?.employer).toBe('新单位公司');
    expect(store.findOwn('wechat:u1', '370402199001011238', '中级')).toBeUndefined();
  });

  it('never lets another user overwrite a registration: the same ID number and level is its own row, marked for review', () => {
    const { store } = tempStore();
    store.upsertRegistration(record());
    const other = store.upsertRegistration(record({ reference: NEW_REFERENCE, userId: 'wechat:intruder', name: '李四', phone: '13800000000' }));
    expect(other.created).toBe(true);
    expect(other.record.reference).not.toBe('ZZ26-000001');
    expect(other.record.review).toBe('duplicate-id');
    const mine = store.findRegistration('370402199001011238', '初级', 'wechat:u1')!;
    expect(mine).toMatchObject({ name: '张三', phone: '13912345678', reference: 'ZZ26-000001' });
    expect(mine.review).toBeUndefined();
    expect(store.findOwn('wechat:intruder', '370402199001011238', '初级')?.name).toBe('李四');
    expect(store.listOwn('wechat:u1').map((r) => r.reference)).toEqual(['ZZ26-000001']);
    // The intruder deleting "their" data leaves the owner's registration alone.
    store.deletePersonalData('wechat:intruder');
    expect(store.listRegistrations().map((r) => r.userId)).toEqual(['wechat:u1']);
  });

  it('commits a turn (registration with a fresh reference, session, question log) in one transaction', () => {
    const { store } = tempStore();
    const session = newSession();
    const result = store.commitTurn({
      conversationId: 'wechat:u1',
      userId: 'wechat:u1',
      session,
      now: new Date('2026-03-01T02:00:00Z'),
      effects: [
        { kind: 'save-registration', record: record({ reference: NEW_REFERENCE }) },
        { kind: 'log-question', question: '手机13912345678', answered: true, confidence: 1, route: 'form' },
      ],
    });
    expect(result.saved).toEqual([{ reference: 'DTE-000001', created: true }]);
    expect(store.listOwn('wechat:u1')[0]?.reference).toBe('DTE-000001');
    expect(store.getSession('wechat:u1')).toBeDefined();
    expect(store.listQuestions()[0]?.question).not.toContain('13912345678');
  });

  it('leaves nothing behind and burns no reference when a turn fails mid-commit', () => {
    const { store } = tempStore();
    const bad = { ...record({ reference: NEW_REFERENCE }), level: '高级' as never };
    expect(() =>
      store.commitTurn({
        conversationId: 'wechat:u1',
        userId: 'wechat:u1',
        session: newSession(),
        now: new Date('2026-03-01T02:00:00Z'),
        effects: [{ kind: 'save-registration', record: record({ reference: NEW_REFERENCE }) }, { kind: 'save-registration', record: bad }],
      }),
    ).toThrow();
    expect(store.listRegistrations()).toEqual([]);
    expect(store.getSession('wechat:u1')).toBeUndefined();
    expect(store.nextReference('DTE')).toBe('DTE-000001');
  });

  it('reports an unreadable row as unreadable and still lists the others', () => {
    const { store, path } = tempStore();
    store.upsertRegistration(record());
    store.upsertRegistration(record({ reference: 'R2', idNumber: '370406199503151009', gender: '女' }));
    const db = new Database(path);
    db.prepare("UPDATE registrations SET fields = '{broken' WHERE reference = 'R2'").run();
    db.close();
    expect(store.listRegistrations().map((r) => r.reference)).toEqual(['ZZ26-000001']);
    expect(store.listUnreadable()).toEqual([expect.objectContaining({ reference: 'R2', district: '滕州市' })]);
  });

  it('creates the database file readable by its owner only, and leaves no trace of deleted data in it', () => {
    const { store, path } = tempStore();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    store.upsertRegistration(record({ name: '欧阳锋锐' }));
    store.deletePersonalData('wechat:u1');
    store.close();
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from('欧阳锋锐'))).toBe(false);
    expect(bytes.includes(Buffer.from('370402199001011238'))).toBe(false);
  });

  it('purges sessions and logged questions older than the retention cutoff', () => {
    const { store } = tempStore();
    store.saveSession('old', newSession(), { now: new Date('2026-01-01T00:00:00Z') });
    store.saveSession('new', newSession(), { now: new Date('2026-03-01T00:00:00Z') });
    store.logQuestion({ time: '2026-01-01T00:00:00.000Z', question: 'q1', answered: true, confidence: 1, route: 'x' });
    store.logQuestion({ time: '2026-03-01T00:00:00.000Z', question: 'q2', answered: true, confidence: 1, route: 'x' });
    expect(store.purgeBefore('2026-02-01T00:00:00.000Z')).toEqual({ sessions: 1, questions: 1 });
    expect(store.getSession('old')).toBeUndefined();
    expect(store.getSession('new')).toBeDefined();
    expect(store.listQuestions().map((q) => q.question)).toEqual(['q2']);
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
