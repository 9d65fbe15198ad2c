import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../bot/store/sqlite-store.js';
import { MAX_ATTEMPTS } from '../../bot/store/review-store.js';
import { registration } from '../channels/console/harness.js';

function setUp() {
  const store = openSqliteStore(':memory:');
  let t = new Date('2026-12-02T01:00:00.000Z').getTime();
  const now = () => new Date(t);
  const advance = (ms: number) => (t += ms);
  const audit = store.auditStore({ now });
  const reviews = store.reviewStore({ now });
  return { store, audit, reviews, now, advance };
}

describe('review decisions and the outbox', () => {
  it('stores a 退回 with its reason, queues the WeChat notice and audits it, all at once', async () => {
    const { store, audit, reviews } = setUp();
    await store.upsertRegistration(registration({ reference: 'DTE-000001', userId: 'wx-contact-1' }));
    const r = await reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '学历证明不清楚', actor: 'tz-wang' });
    expect(r.ok && r.notified).toBe(true);
    expect(await store.reviewOf('DTE-000001')).toMatchObject({ kind: 'returned', reason: '学历证明不清楚', decidedAt: '2026-12-02T01:00:00.000Z' });
    const [msg] = await reviews.outbox.claim('wechat', 10);
    expect(msg).toMatchObject({ userId: 'wx-contact-1', reference: 'DTE-000001' });
    expect(msg!.text).toContain('学历证明不清楚');
    const [row] = await audit.list();
    expect(row).toMatchObject({ actor: 'tz-wang', action: 'review', target: 'DTE-000001', detail: { decision: 'returned', notified: true } });
    // The reason may quote the resident: it is not in the audit log.
    expect(JSON.stringify(await audit.list())).not.toContain('学历');
  });

  it('refuses a 退回 without a reason and a registration of another district, writing nothing', async () => {
    const { store, audit, reviews } = setUp();
    await store.upsertRegistration(registration({ reference: 'DTE-000001', district: '滕州市' }));
    expect(await reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '  ', actor: 'a' })).toEqual({ ok: false, error: 'reason-required' });
    expect(await reviews.decide({ reference: 'DTE-000001', kind: 'approved', actor: 'a', district: '薛城区' })).toEqual({ ok: false, error: 'not-found' });
    expect(await reviews.decide({ reference: 'DTE-999999', kind: 'approved', actor: 'a' })).toEqual({ ok: false, error: 'not-found' });
    expect(await audit.list()).toEqual([]);
    expect(await reviews.outbox.claim('wechat', 10)).toEqual([]);
  });

  it('sends no notice to a user of the console simulator or the dte command', async () => {
    const { store, reviews } = setUp();
    await store.upsertRegistration(registration({ reference: 'DTE-000001', userId: 'console:abc' }));
    const r = await reviews.decide({ reference: 'DTE-000001', kind: 'approved', actor: 'a' });
    expect(r.ok && r.notified).toBe(false);
    expect(await reviews.outbox.claim('wechat', 10)).toEqual([]);
    expect((await reviews.reviews()).get('DTE-000001')?.notice).toBe('none');
  });

  it('leases a notice to one sender at a time, retries a failed one later and gives up after the last attempt', async () => {
    const { store, reviews, advance } = setUp();
    await store.upsertRegistration(registration({ reference: 'DTE-000001', userId: 'wx-1' }));
    await reviews.decide({ reference: 'DTE-000001', kind: 'approved', actor: 'a' });
    const [m] = await reviews.outbox.claim('wechat', 10);
    expect(await reviews.outbox.claim('wechat', 10)).toEqual([]);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await reviews.outbox.failed(m!.id, 'contact not found');
      expect(await reviews.outbox.claim('wechat', 10)).toEqual([]);
      advance(60 * 60_000);
      if (i < MAX_ATTEMPTS) expect((await reviews.outbox.claim('wechat', 10)).map((x) => x.id)).toEqual([m!.id]);
    }
    expect(await reviews.outbox.claim('wechat', 10)).toEqual([]);
    expect((await reviews.reviews()).get('DTE-000001')?.notice).toBe('failed');
  });

  it('keeps only the fact that a notice was sent, not its text', async () => {
    const { store, reviews } = setUp();
    await store.upsertRegistration(registration({ reference: 'DTE-000001', userId: 'wx-1' }));
    await reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '请补充单位', actor: 'a' });
    const [m] = await reviews.outbox.claim('wechat', 10);
    await reviews.outbox.sent(m!.id);
    expect((await reviews.reviews()).get('DTE-000001')?.notice).toBe('sent');
    expect((await store.db.prepare('SELECT text FROM outbox')).get()).toEqual({ text: '' });
  });

  it('makes a decision pending again once the resident changes the registration', async () => {
    const { store, reviews } = setUp();
    const r = registration({ reference: 'DTE-000001', userId: 'wx-1' });
    await store.upsertRegistration(r);
    await reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '单位名称不全', actor: 'a' });
    await store.upsertRegistration({ ...r, employer: '枣庄示例科技有限公司滕州分公司', updatedAt: '2026-02-21T00:00:00.000Z' });
    expect(await store.reviewOf('DTE-000001')).toBeUndefined();
    expect((await reviews.reviews()).get('DTE-000001')?.current).toBe(false);
  });

  it('drops the review and unsent notices when the resident deletes their data', async () => {
    const { store, reviews } = setUp();
    await store.upsertRegistration(registration({ reference: 'DTE-000001', userId: 'wx-1' }));
    await reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '请补充单位', actor: 'a' });
    await store.deletePersonalData('wx-1');
    expect((await store.db.prepare('SELECT count(*) AS n FROM registration_reviews')).get()).toEqual({ n: 0 });
    expect((await store.db.prepare('SELECT count(*) AS n FROM outbox')).get()).toEqual({ n: 0 });
  });
});

describe('staff store', () => {
  it('keeps only a hash of the password and of each session token; disabling ends the sessions', async () => {
    const store = openSqliteStore(':memory:');
    const staff = store.staffStore();
    const added = await staff.addStaff({ username: 'tz-wang', password: 'correct horse 9', role: 'district', district: '滕州市' });
    expect(added.ok).toBe(true);
    const dump = JSON.stringify((await store.db.prepare('SELECT * FROM staff')).all());
    expect(dump).not.toContain('correct horse');
    expect(await staff.verifyLogin('tz-wang', 'correct horse 9')).toMatchObject({ ok: true });
    expect(await staff.verifyLogin('TZ-WANG', 'wrong password!')).toMatchObject({ ok: false, reason: 'wrong-password' });
    expect(await staff.verifyLogin('nobody', 'correct horse 9')).toEqual({ ok: false, reason: 'unknown-account' });
    const token = await staff.createSession({ staffId: added.ok ? added.account.id : 0 }, 60_000);
    expect(JSON.stringify((await store.db.prepare('SELECT * FROM console_sessions')).all())).not.toContain(token);
    expect(await staff.sessionOwner(token)).toMatchObject({ kind: 'account', account: { username: 'tz-wang', district: '滕州市' } });
    expect(await staff.disableStaff('tz-wang')).toBe(true);
    expect(await staff.sessionOwner(token)).toBeUndefined();
    expect(await staff.verifyLogin('tz-wang', 'correct horse 9')).toMatchObject({ ok: false, reason: 'disabled' });
  });

  it('generates the console secret once and keeps it; a configured one wins', async () => {
    const store = openSqliteStore(':memory:');
    const staff = store.staffStore();
    const a = await staff.secret();
    expect(a.length).toBe(32);
    expect((await store.staffStore().secret()).equals(a)).toBe(true);
    expect((await staff.secret('x'.repeat(32))).toString()).toBe('x'.repeat(32));
  });
});
