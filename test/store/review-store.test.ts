import { describe, expect, it } from 'vitest';
import { openStore } from '../../bot/store/store.js';
import { createAuditStore } from '../../bot/store/audit-store.js';
import { createReviewStore, MAX_ATTEMPTS } from '../../bot/store/review-store.js';
import { createStaffStore } from '../../bot/store/staff-store.js';
import { registration } from '../channels/console/harness.js';

function setUp() {
  const store = openStore(':memory:');
  let t = new Date('2026-12-02T01:00:00.000Z').getTime();
  const now = () => new Date(t);
  const advance = (ms: number) => (t += ms);
  const audit = createAuditStore(store.db, { now });
  const reviews = createReviewStore(store.db, { audit, now });
  return { store, audit, reviews, now, advance };
}

describe('review decisions and the outbox', () => {
  it('stores a 退回 with its reason, queues the WeChat notice and audits it, all at once', () => {
    const { store, audit, reviews } = setUp();
    store.upsertRegistration(registration({ reference: 'DTE-000001', userId: 'wx-contact-1' }));
    const r = reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '学历证明不清楚', actor: 'tz-wang' });
    expect(r.ok && r.notified).toBe(true);
    expect(store.reviewOf('DTE-000001')).toMatchObject({ kind: 'returned', reason: '学历证明不清楚', decidedAt: '2026-12-02T01:00:00.000Z' });
    const [msg] = reviews.outbox.claim('wechat', 10);
    expect(msg).toMatchObject({ userId: 'wx-contact-1', reference: 'DTE-000001' });
    expect(msg!.text).toContain('学历证明不清楚');
    const [row] = audit.list();
    expect(row).toMatchObject({ actor: 'tz-wang', action: 'review', target: 'DTE-000001', detail: { decision: 'returned', notified: true } });
    // The reason may quote the resident: it is not in the audit log.
    expect(JSON.stringify(audit.list())).not.toContain('学历');
  });

  it('refuses a 退回 without a reason and a registration of another district, writing nothing', () => {
    const { store, audit, reviews } = setUp();
    store.upsertRegistration(registration({ reference: 'DTE-000001', district: '滕州市' }));
    expect(reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '  ', actor: 'a' })).toEqual({ ok: false, error: 'reason-required' });
    expect(reviews.decide({ reference: 'DTE-000001', kind: 'approved', actor: 'a', district: '薛城区' })).toEqual({ ok: false, error: 'not-found' });
    expect(reviews.decide({ reference: 'DTE-999999', kind: 'approved', actor: 'a' })).toEqual({ ok: false, error: 'not-found' });
    expect(audit.list()).toEqual([]);
    expect(reviews.outbox.claim('wechat', 10)).toEqual([]);
  });

  it('sends no notice to a user of the console simulator or the dte command', () => {
    const { store, reviews } = setUp();
    store.upsertRegistration(registration({ reference: 'DTE-000001', userId: 'console:abc' }));
    const r = reviews.decide({ reference: 'DTE-000001', kind: 'approved', actor: 'a' });
    expect(r.ok && r.notified).toBe(false);
    expect(reviews.outbox.claim('wechat', 10)).toEqual([]);
    expect(reviews.reviews().get('DTE-000001')?.notice).toBe('none');
  });

  it('leases a notice to one sender at a time, retries a failed one later and gives up after the last attempt', () => {
    const { store, reviews, advance } = setUp();
    store.upsertRegistration(registration({ reference: 'DTE-000001', userId: 'wx-1' }));
    reviews.decide({ reference: 'DTE-000001', kind: 'approved', actor: 'a' });
    const [m] = reviews.outbox.claim('wechat', 10);
    expect(reviews.outbox.claim('wechat', 10)).toEqual([]);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      reviews.outbox.failed(m!.id, 'contact not found');
      expect(reviews.outbox.claim('wechat', 10)).toEqual([]);
      advance(60 * 60_000);
      if (i < MAX_ATTEMPTS) expect(reviews.outbox.claim('wechat', 10).map((x) => x.id)).toEqual([m!.id]);
    }
    expect(reviews.outbox.claim('wechat', 10)).toEqual([]);
    expect(reviews.reviews().get('DTE-000001')?.notice).toBe('failed');
  });

  it('keeps only the fact that a notice was sent, not its text', () => {
    const { store, reviews } = setUp();
    store.upsertRegistration(registration({ reference: 'DTE-000001', userId: 'wx-1' }));
    reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '请补充单位', actor: 'a' });
    const [m] = reviews.outbox.claim('wechat', 10);
    reviews.outbox.sent(m!.id);
    expect(reviews.reviews().get('DTE-000001')?.notice).toBe('sent');
    expect(store.db.prepare('SELECT text FROM outbox').get()).toEqual({ text: '' });
  });

  it('makes a decision pending again once the resident changes the registration', () => {
    const { store, reviews } = setUp();
    const r = registration({ reference: 'DTE-000001', userId: 'wx-1' });
    store.upsertRegistration(r);
    reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '单位名称不全', actor: 'a' });
    store.upsertRegistration({ ...r, employer: '枣庄示例科技有限公司滕州分公司', updatedAt: '2026-02-21T00:00:00.000Z' });
    expect(store.reviewOf('DTE-000001')).toBeUndefined();
    expect(reviews.reviews().get('DTE-000001')?.current).toBe(false);
  });

  it('drops the review and unsent notices when the resident deletes their data', () => {
    const { store, reviews } = setUp();
    store.upsertRegistration(registration({ reference: 'DTE-000001', userId: 'wx-1' }));
    reviews.decide({ reference: 'DTE-000001', kind: 'returned', reason: '请补充单位', actor: 'a' });
    store.deletePersonalData('wx-1');
    expect(store.db.prepare('SELECT count(*) AS n FROM registration_reviews').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });
});

describe('staff store', () => {
  it('keeps only a hash of the password and of each session token; disabling ends the sessions', async () => {
    const store = openStore(':memory:');
    const staff = createStaffStore(store.db);
    const added = await staff.addStaff({ username: 'tz-wang', password: 'correct horse 9', role: 'district', district: '滕州市' });
    expect(added.ok).toBe(true);
    const dump = JSON.stringify(store.db.prepare('SELECT * FROM staff').all());
    expect(dump).not.toContain('correct horse');
    expect(await staff.verifyLogin('tz-wang', 'correct horse 9')).toMatchObject({ ok: true });
    expect(await staff.verifyLogin('TZ-WANG', 'wrong password!')).toMatchObject({ ok: false, reason: 'wrong-password' });
    expect(await staff.verifyLogin('nobody', 'correct horse 9')).toEqual({ ok: false, reason: 'unknown-account' });
    const token = staff.createSession({ staffId: added.ok ? added.account.id : 0 }, 60_000);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM console_sessions').all())).not.toContain(token);
    expect(staff.sessionOwner(token)).toMatchObject({ kind: 'account', account: { username: 'tz-wang', district: '滕州市' } });
    expect(staff.disableStaff('tz-wang')).toBe(true);
    expect(staff.sessionOwner(token)).toBeUndefined();
    expect(await staff.verifyLogin('tz-wang', 'correct horse 9')).toMatchObject({ ok: false, reason: 'disabled' });
  });

  it('generates the console secret once and keeps it; a configured one wins', () => {
    const store = openStore(':memory:');
    const staff = createStaffStore(store.db);
    const a = staff.secret();
    expect(a.length).toBe(32);
    expect(createStaffStore(store.db).secret().equals(a)).toBe(true);
    expect(staff.secret('x'.repeat(32)).toString()).toBe('x'.repeat(32));
  });
});
