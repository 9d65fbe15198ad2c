/**
 * The store's behaviour, one suite for both implementations:
 * test/store/store.test.ts runs it on SQLite, test/store/pg-store.test.ts on
 * PostgreSQL. `open` gives a fresh, empty store, a way to run raw SQL (the
 * same statement on both: to break a row) and a reopen of the same database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newSession, type Session } from '../../bot/engine/types.js';
import type { Store } from '../../bot/store/store.js';
import { NEW_REFERENCE, type RegistrationRecord } from '../../bot/registration/types.js';
import { registrationRecord } from '../fixtures/registration-record.js';
import { MAX_ATTEMPTS } from '../../bot/store/review-store.js';

export interface OpenedStore {
  store: Store;
  /** Run one SQL statement on the database directly. */
  exec(sql: string): Promise<void>;
  /** Open the same database again (a second process, or a restart). */
  reopen(): Promise<Store>;
}

export function describeStore(name: string, openFresh: () => Promise<OpenedStore & { dispose(): Promise<void> }>): void {
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const open = async () => {
    const o = await openFresh();
    opened.push(o);
    return o;
  };
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.dispose();
  });

  const record = registrationRecord;

  describe(`the store on ${name}`, () => {
    describe('sessions', () => {
      it('round-trips a session, form included', async () => {
        const { store } = await open();
        const session: Session = {
          ...newSession(),
          slots: { region: '枣庄', level: '初级' },
          form: { version: 1, step: 'filling', values: { name: '张三' }, asking: 'gender', status: 'submitted', startedAt: '2026-03-01T02:00:00.000Z' },
          lastSeen: '2026-03-01T02:00:00.000Z',
        };
        await store.saveSession('wechat:u1', session, { userId: 'u1' });
        expect(await store.getSession('wechat:u1')).toEqual(session);
        await store.saveSession('wechat:u1', { ...session, slots: {} });
        expect((await store.getSession('wechat:u1'))?.slots).toEqual({});
        expect(await store.getSession('wechat:nobody')).toBeUndefined();
      });

      it('discards a session that is not valid JSON or of another version', async () => {
        const { store, exec } = await open();
        await store.saveSession('a', newSession());
        await store.saveSession('b', newSession());
        await exec("UPDATE sessions SET json = '{broken' WHERE conversation_id = 'a'");
        await exec(`UPDATE sessions SET json = '{"version":99,"slots":{}}' WHERE conversation_id = 'b'`);
        expect(await store.getSession('a')).toBeUndefined();
        expect(await store.getSession('b')).toBeUndefined();
      });

      it('drops a saved form of an older shape but keeps the session', async () => {
        const { store } = await open();
        const old = { ...newSession(), form: { step: 'filling', values: {} } } as unknown as Session;
        await store.saveSession('c', old);
        expect(await store.getSession('c')).toEqual(newSession());
      });
    });

    describe('registrations', () => {
      it('inserts, then updates the same ID number and level keeping reference and creation time', async () => {
        const { store } = await open();
        expect((await store.upsertRegistration(record())).created).toBe(true);
        const second = await store.upsertRegistration(
          record({ reference: 'ZZ26-000099', employer: '新单位公司', updatedAt: '2026-03-05T00:00:00.000Z', createdAt: '2026-03-05T00:00:00.000Z' }),
        );
        expect(second.created).toBe(false);
        expect(second.record).toMatchObject({
          reference: 'ZZ26-000001',
          employer: '新单位公司',
          createdAt: '2026-03-01T02:00:00.000Z',
          updatedAt: '2026-03-05T00:00:00.000Z',
        });
        expect(await store.listRegistrations()).toHaveLength(1);
        expect((await store.findRegistration('370402199001011238', '初级', 'wechat:u1'))?.employer).toBe('新单位公司');
        expect(await store.findOwn('wechat:u1', '370402199001011238', '中级')).toBeUndefined();
      });

      it('never lets another user overwrite a registration: the same ID number and level is its own row, marked for review', async () => {
        const { store } = await open();
        await store.upsertRegistration(record());
        const other = await store.upsertRegistration(record({ reference: NEW_REFERENCE, userId: 'wechat:intruder', name: '李四', phone: '13800000000' }));
        expect(other.created).toBe(true);
        expect(other.record.reference).not.toBe('ZZ26-000001');
        expect(other.record.review).toBe('duplicate-id');
        const mine = (await store.findRegistration('370402199001011238', '初级', 'wechat:u1'))!;
        expect(mine).toMatchObject({ name: '张三', phone: '13912345678', reference: 'ZZ26-000001' });
        expect(mine.review).toBeUndefined();
        expect((await store.findOwn('wechat:intruder', '370402199001011238', '初级'))?.name).toBe('李四');
        expect((await store.listOwn('wechat:u1')).map((r) => r.reference)).toEqual(['ZZ26-000001']);
        // The intruder deleting "their" data leaves the owner's registration alone.
        await store.deletePersonalData('wechat:intruder');
        expect((await store.listRegistrations()).map((r) => r.userId)).toEqual(['wechat:u1']);
      });

      it('commits a turn (registration with a fresh reference, session, question log) in one transaction', async () => {
        const { store } = await open();
        const session = newSession();
        const result = await store.commitTurn({
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
        expect((await store.listOwn('wechat:u1'))[0]?.reference).toBe('DTE-000001');
        expect(await store.getSession('wechat:u1')).toBeDefined();
        expect((await store.listQuestions())[0]?.question).not.toContain('13912345678');
      });

      it('leaves nothing behind and burns no reference when a turn fails mid-commit', async () => {
        const { store } = await open();
        const bad = { ...record({ reference: NEW_REFERENCE }), level: '高级' as never };
        await expect(
          store.commitTurn({
            conversationId: 'wechat:u1',
            userId: 'wechat:u1',
            session: newSession(),
            now: new Date('2026-03-01T02:00:00Z'),
            effects: [{ kind: 'save-registration', record: record({ reference: NEW_REFERENCE }) }, { kind: 'save-registration', record: bad }],
          }),
        ).rejects.toThrow();
        expect(await store.listRegistrations()).toEqual([]);
        expect(await store.getSession('wechat:u1')).toBeUndefined();
        expect(await store.nextReference('DTE')).toBe('DTE-000001');
      });

      it('reports an unreadable row as unreadable and still lists the others', async () => {
        const { store, exec } = await open();
        await store.upsertRegistration(record());
        await store.upsertRegistration(record({ reference: 'R2', idNumber: '370406199503151009', gender: '女' }));
        await exec("UPDATE registrations SET fields = '{broken' WHERE reference = 'R2'");
        expect((await store.listRegistrations()).map((r) => r.reference)).toEqual(['ZZ26-000001']);
        expect(await store.listUnreadable()).toEqual([expect.objectContaining({ reference: 'R2', district: '滕州市' })]);
      });

      it('purges sessions and logged questions older than the retention cutoff', async () => {
        const { store } = await open();
        await store.saveSession('old', newSession(), { now: new Date('2026-01-01T00:00:00Z') });
        await store.saveSession('new', newSession(), { now: new Date('2026-03-01T00:00:00Z') });
        await store.logQuestion({ time: '2026-01-01T00:00:00.000Z', question: 'q1', answered: true, confidence: 1, route: 'x' });
        await store.logQuestion({ time: '2026-03-01T00:00:00.000Z', question: 'q2', answered: true, confidence: 1, route: 'x' });
        expect(await store.purgeBefore('2026-02-01T00:00:00.000Z')).toEqual({ sessions: 1, questions: 1 });
        expect(await store.getSession('old')).toBeUndefined();
        expect(await store.getSession('new')).toBeDefined();
        expect((await store.listQuestions()).map((q) => q.question)).toEqual(['q2']);
      });

      it('keeps one registration per level for the same person', async () => {
        const { store } = await open();
        await store.upsertRegistration(record());
        expect((await store.upsertRegistration(record({ reference: 'ZZ26-000002', level: '中级' }))).created).toBe(true);
        expect(await store.listRegistrations()).toHaveLength(2);
      });

      it('filters by district, status, level and creation time', async () => {
        const { store } = await open();
        await store.upsertRegistration(record());
        await store.upsertRegistration(
          record({ reference: 'R2', idNumber: '370406199503151009', gender: '女', district: '薛城区', status: 'interest', createdAt: '2026-04-22T00:00:00.000Z' }),
        );
        await store.upsertRegistration(record({ reference: 'R3', idNumber: '37040219880808103X', level: '中级', createdAt: '2026-03-10T00:00:00.000Z' }));
        const refs = async (f: Parameters<Store['listRegistrations']>[0]) => (await store.listRegistrations(f)).map((r) => r.reference);
        expect(await refs({})).toEqual(['ZZ26-000001', 'R3', 'R2']);
        expect(await refs({ district: '薛城区' })).toEqual(['R2']);
        expect(await refs({ status: 'interest' })).toEqual(['R2']);
        expect(await refs({ level: '中级' })).toEqual(['R3']);
        expect(await refs({ from: '2026-03-05T00:00:00.000Z', to: '2026-04-22T00:00:00.000Z' })).toEqual(['R3']);
      });

      it('deletes a user’s registrations and sessions (private and group) and nobody else’s', async () => {
        const { store } = await open();
        await store.upsertRegistration(record());
        await store.upsertRegistration(record({ reference: 'R2', userId: 'other', idNumber: '370406199503151009', gender: '女' }));
        await store.saveSession('wechat:u1', newSession(), { userId: 'wechat:u1' });
        await store.saveSession('wechat:room1:wechat:u1', newSession());
        await store.saveSession('wechat:room1:other', newSession());
        expect(await store.deletePersonalData('wechat:u1')).toEqual({ registrations: 1, sessions: 2 });
        expect((await store.listRegistrations()).map((r) => r.userId)).toEqual(['other']);
        expect(await store.getSession('wechat:room1:other')).toBeDefined();
        expect(await store.getSession('wechat:u1')).toBeUndefined();
      });
    });

    describe('references and the question log', () => {
      it('numbers references per prefix, surviving a reopen', async () => {
        const { store, reopen } = await open();
        expect(await store.nextReference('ZZ26')).toBe('ZZ26-000001');
        expect(await store.nextReference('ZZ26')).toBe('ZZ26-000002');
        expect(await store.nextReference('X')).toBe('X-000001');
        const again = await reopen();
        expect(await again.nextReference('ZZ26')).toBe('ZZ26-000003');
      });

      it('masks ID and phone numbers in logged questions and filters them', async () => {
        const { store } = await open();
        await store.logQuestion({ time: '2026-03-01T02:00:00.000Z', question: '我的身份证370402199001011238手机13912345678能报吗', answered: true, confidence: 0.9, route: 'tool' });
        await store.logQuestion({ time: '2026-03-02T02:00:00.000Z', question: '北京有补贴吗', answered: false, confidence: 0.1, route: 'unknown' });
        const all = await store.listQuestions();
        expect(all[0]!.question).toBe('我的身份证3704**********1238手机139****5678能报吗');
        expect((await store.listQuestions({ answered: false })).map((q) => q.route)).toEqual(['unknown']);
        expect(await store.listQuestions({ from: '2026-03-02T00:00:00.000Z' })).toHaveLength(1);
        expect(await store.listQuestions({ limit: 1 })).toHaveLength(1);
      });
    });
  });

  describe(`several writers and the console's stores on ${name}`, () => {
    const turn = (userId: string, r: RegistrationRecord) => ({
      conversationId: `wechat:${userId}`,
      userId,
      session: newSession(),
      now: new Date('2026-03-01T02:00:00Z'),
      effects: [{ kind: 'save-registration' as const, record: r }],
    });
    const idOf = (i: number) => `3704021990010${String(1000 + i).slice(-4)}X`;

    it('gives 30 turns committed at once through two connections 30 distinct, consecutive references', async () => {
      const { store, reopen } = await open();
      const other = await reopen();
      const commits = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? other : store).commitTurn(turn(`wechat:p${i}`, record({ reference: NEW_REFERENCE, userId: `wechat:p${i}`, idNumber: idOf(i) }))),
        ),
      );
      const refs = commits.map((c) => c.saved[0]!.reference).sort();
      expect(refs).toEqual(Array.from({ length: 30 }, (_, i) => `DTE-${String(i + 1).padStart(6, '0')}`));
      expect(await store.listRegistrations()).toHaveLength(30);
    });

    it('marks exactly one of two users registering the same ID number at once as a duplicate, and one user twice at once is one row', async () => {
      const { store, reopen } = await open();
      const other = await reopen();
      const same = { reference: NEW_REFERENCE, idNumber: '370402199001011238' };
      const [a, b] = await Promise.all([
        store.commitTurn(turn('wechat:a', record({ ...same, userId: 'wechat:a' }))),
        other.commitTurn(turn('wechat:b', record({ ...same, userId: 'wechat:b' }))),
      ]);
      expect([a.saved[0]!.review, b.saved[0]!.review].filter(Boolean)).toEqual(['duplicate-id']);
      const twice = await Promise.all([
        store.commitTurn(turn('wechat:c', record({ reference: NEW_REFERENCE, userId: 'wechat:c', idNumber: idOf(7) }))),
        other.commitTurn(turn('wechat:c', record({ reference: NEW_REFERENCE, userId: 'wechat:c', idNumber: idOf(7), phone: '13800000000' }))),
      ]);
      expect(twice.map((t) => t.saved[0]!.created).sort()).toEqual([false, true]);
      expect(await store.listOwn('wechat:c')).toHaveLength(1);
    });

    it('deletes the personal data and keeps a fresh session in the same turn', async () => {
      const { store } = await open();
      await store.upsertRegistration(record());
      await store.saveSession('wechat:room:wechat:u1', newSession());
      const r = await store.commitTurn({
        conversationId: 'wechat:u1',
        userId: 'wechat:u1',
        session: newSession(),
        now: new Date('2026-03-01T02:00:00Z'),
        effects: [{ kind: 'delete-personal-data', userId: 'wechat:u1' }],
      });
      expect(r.deleted).toEqual({ registrations: 1, sessions: 1 });
      expect(await store.listRegistrations()).toEqual([]);
      expect(await store.getSession('wechat:u1')).toEqual(newSession());
    });

    it('keeps staff accounts with hashes only, ends sessions of a disabled account and shares one generated secret', async () => {
      const { store, reopen } = await open();
      const staff = store.staffStore();
      expect(await staff.hasAccounts()).toBe(false);
      expect(await staff.addStaff({ username: 'tz-wang', password: 'correct horse battery', role: 'district', district: '滕州市' })).toMatchObject({ ok: true });
      expect(await staff.addStaff({ username: 'TZ-WANG', password: 'correct horse battery', role: 'city' })).toEqual({ ok: false, error: 'exists' });
      expect(await staff.addStaff({ username: 'x', password: 'correct horse battery', role: 'city' })).toEqual({ ok: false, error: 'bad-username' });
      expect((await staff.listStaff()).map((a) => a.username)).toEqual(['tz-wang']);
      expect(await staff.verifyLogin('tz-wang', 'wrong password here')).toMatchObject({ ok: false, reason: 'wrong-password' });
      const login = await staff.verifyLogin('tz-wang', 'correct horse battery');
      expect(login.ok).toBe(true);
      const token = await staff.createSession({ staffId: login.ok ? login.account.id : undefined }, 60_000);
      // Another console process on the same database knows the session and the secret.
      const elsewhere = (await reopen()).staffStore();
      expect(await elsewhere.sessionOwner(token)).toMatchObject({ kind: 'account', account: { username: 'tz-wang', district: '滕州市' } });
      expect((await elsewhere.secret()).equals(await staff.secret())).toBe(true);
      expect(await staff.disableStaff('tz-wang')).toBe(true);
      expect(await elsewhere.sessionOwner(token)).toBeUndefined();
      expect(await staff.disableStaff('nobody')).toBe(false);
      const tokenSession = await staff.createSession({}, 60_000);
      expect(await staff.sessionOwner(tokenSession)).toEqual({ kind: 'token' });
      await staff.revokeSession(tokenSession);
      expect(await staff.sessionOwner(tokenSession)).toBeUndefined();
    });

    it('decides, notifies through the outbox and audits in one go; a change by the resident makes the decision stale', async () => {
      let t = new Date('2026-12-02T01:00:00.000Z').getTime();
      const now = () => new Date(t);
      const { store, reopen } = await open();
      const audit = store.auditStore({ now });
      const reviews = store.reviewStore({ now });
      await store.upsertRegistration(record({ reference: 'DTE-000001', userId: 'wx-contact-1' }));
      const r = await reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '学历证明不清楚', actor: 'tz-wang', operator: '王 13912345678' });
      expect(r.ok && r.notified).toBe(true);
      expect(await store.reviewOf('DTE-000001')).toMatchObject({ kind: 'returned', reason: '学历证明不清楚', decidedAt: '2026-12-02T01:00:00.000Z' });
      expect(await reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: ' ', actor: 'a' })).toEqual({ ok: false, error: 'reason-required' });
      expect(await reviews.decide({ reference: 'DTE-000001', kind: 'approved', actor: 'a', district: '薛城区' })).toEqual({ ok: false, error: 'not-found' });
      const [row, ...rest] = await audit.list();
      expect(rest).toEqual([]);
      expect(row).toMatchObject({ actor: 'tz-wang', operator: '王 139****5678', action: 'review', target: 'DTE-000001', detail: { decision: 'returned', notified: true } });
      expect(JSON.stringify(await audit.list())).not.toContain('学历');
      expect(await audit.actors()).toEqual(['tz-wang']);

      // Two senders: the notice is leased to one of them only.
      const elsewhere = (await reopen()).reviewStore({ now });
      const [first, second] = await Promise.all([reviews.outbox.claim('wechat', 10), elsewhere.outbox.claim('wechat', 10)]);
      const leased = [...first, ...second];
      expect(leased).toHaveLength(1);
      expect(leased[0]).toMatchObject({ userId: 'wx-contact-1', reference: 'DTE-000001' });
      for (let i = 1; i < MAX_ATTEMPTS; i++) {
        await reviews.outbox.failed(leased[0]!.id, 'contact not found');
        expect(await reviews.outbox.claim('wechat', 10)).toEqual([]);
        t += 60_000 * 2 ** (i - 1);
        expect(await reviews.outbox.claim('wechat', 10)).toHaveLength(1);
      }
      await reviews.outbox.sent(leased[0]!.id);
      expect((await reviews.reviews(['DTE-000001'])).get('DTE-000001')).toMatchObject({ notice: 'sent', current: true });

      await store.upsertRegistration(record({ reference: 'DTE-000001', userId: 'wx-contact-1', employer: '新单位', updatedAt: '2026-12-03T00:00:00.000Z' }));
      expect(await store.reviewOf('DTE-000001')).toBeUndefined();
      expect((await reviews.reviews()).get('DTE-000001')).toMatchObject({ current: false });
      // Deleting the registration takes its review and unsent notices with it.
      await reviews.decide({ reference: 'DTE-000001', kind: 'approved', actor: 'a' });
      await store.deletePersonalData('wx-contact-1');
      expect((await reviews.reviews()).size).toBe(0);
      expect(await reviews.outbox.claim('wechat', 10)).toEqual([]);
    });
  });
}
