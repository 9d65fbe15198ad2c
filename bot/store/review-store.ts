/**
 * Staff review decisions and the outbox of notifications to residents
 * (migration 3).
 *
 * `decide` writes, in ONE immediate transaction, the decision, the resident's
 * WeChat notification (an outbox row) and the audit row: a crash leaves all
 * three or none, so a resident is never told of a decision that was not
 * stored, and no decision goes unaudited. The WeChat channel drains the
 * outbox through its paced send queue (bot/channels/wechat/outbox-plugin.ts):
 * `claim` leases rows so two processes never send the same one, a failed
 * send is retried with a growing delay and given up after MAX_ATTEMPTS, and a
 * sent row keeps only the fact that it was sent (its text is cleared).
 *
 * A decision is about the version of the registration staff saw
 * (registration_updated_at): when the resident changes it afterwards (e.g.
 * after 退回), it is pending again.
 */
import type Database from 'better-sqlite3';
import { REVIEW_NOTICE } from '../../prompts/review.js';
import { channelOfUser, type ReviewDecisionKind } from '../staff/review-types.js';
import { sqliteAuditWriter } from './audit-store.js';

/** A decision as the console shows it. */
export interface ReviewRecord {
  reference: string;
  kind: ReviewDecisionKind;
  reason?: string;
  decidedBy: string;
  decidedAt: string;
  /** False once the resident changed the registration after the decision. */
  current: boolean;
  /** The notification's state: none (not a WeChat user), waiting, sent, or given up. */
  notice: 'none' | 'pending' | 'sent' | 'failed';
}

export type DecideResult =
  | { ok: true; review: ReviewRecord; notified: boolean }
  | { ok: false; error: 'not-found' | 'reason-required' };

export interface DecideInput {
  reference: string;
  kind: ReviewDecisionKind;
  reason?: string;
  /** Who decides (account name or `token`/`open`), and the 操作人 in token mode. */
  actor: string;
  operator?: string;
  session?: string;
  /** A district account's district: a registration of another district is `not-found`. */
  district?: string;
}

/** One notification leased to a sender. */
export interface OutboxMessage {
  id: number;
  userId: string;
  reference?: string;
  text: string;
  attempts: number;
}

/** What the WeChat channel needs to drain its part of the outbox. */
export interface OutboxPort {
  /** Lease up to `limit` unsent messages of `channel` (oldest first) for `leaseMs`; two processes never lease the same one. */
  claim(channel: string, limit: number, leaseMs?: number): Promise<OutboxMessage[]>;
  /** The message went out: keep that it did, drop its text. */
  sent(id: number): Promise<void>;
  /** The message did not go out: retry later, or give up after MAX_ATTEMPTS. */
  failed(id: number, error: string): Promise<void>;
}

/** Decisions and the outbox, on SQLite (below) or PostgreSQL (bot/store/pg-review-store.ts). */
export interface ReviewStore {
  decide(input: DecideInput): Promise<DecideResult>;
  /** Decisions for these references (all when omitted). */
  reviews(references?: readonly string[]): Promise<Map<string, ReviewRecord>>;
  outbox: OutboxPort;
}

export const MAX_ATTEMPTS = 5;
const RETRY_BASE_MS = 60_000;

export interface ReviewRow {
  reference: string;
  decision: ReviewDecisionKind;
  reason: string | null;
  decided_by: string;
  decided_at: string;
  current: number | boolean;
  notice_sent: string | null;
  notice_failed: string | null;
  notice_id: number | null;
}

export const toReview = (r: ReviewRow): ReviewRecord => ({
  reference: r.reference,
  kind: r.decision,
  ...(r.reason ? { reason: r.reason } : {}),
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  current: r.current === 1 || r.current === true,
  notice: r.notice_id === null ? 'none' : r.notice_sent ? 'sent' : r.notice_failed ? 'failed' : 'pending',
});

const REVIEW_SELECT = `SELECT v.reference, v.decision, v.reason, v.decided_by, v.decided_at,
    (v.registration_updated_at = r.updated_at) AS current,
    o.id AS notice_id, o.sent_at AS notice_sent, o.failed_at AS notice_failed
  FROM registration_reviews v JOIN registrations r ON r.reference = v.reference
  LEFT JOIN outbox o ON o.id = (SELECT max(id) FROM outbox WHERE reference = v.reference)`;

/** The resident's notification of a decision (both implementations). */
export function noticeText(kind: ReviewDecisionKind, reference: string, level: string, reason: string | undefined): string {
  return kind === 'approved'
    ? REVIEW_NOTICE.approved(reference, level)
    : kind === 'returned'
      ? REVIEW_NOTICE.returned(reference, level, reason!)
      : REVIEW_NOTICE.duplicate(reference, level);
}

/** When a failed message is tried again, or undefined when it is given up. */
export function retryAt(attempts: number, at: Date): string | undefined {
  return attempts >= MAX_ATTEMPTS ? undefined : new Date(at.getTime() + RETRY_BASE_MS * 2 ** (attempts - 1)).toISOString();
}

/**
 * The review store over an open SQLite database; `now` is the real clock
 * (never DTE_NOW). Its audit rows go through the same connection inside the
 * decision's transaction.
 */
export function createReviewStore(db: Database.Database, deps: { now?: () => Date } = {}): ReviewStore {
  const now = deps.now ?? (() => new Date());
  const audit = sqliteAuditWriter(db, now);
  const q = {
    registration: db.prepare<[string], { reference: string; user_id: string; district: string; level: string; updated_at: string }>(
      'SELECT reference, user_id, district, level, updated_at FROM registrations WHERE reference = ?',
    ),
    upsert: db.prepare(
      `INSERT INTO registration_reviews (reference, decision, reason, registration_updated_at, decided_by, decided_at)
       VALUES (@reference, @decision, @reason, @updatedAt, @actor, @at)
       ON CONFLICT (reference) DO UPDATE SET decision = excluded.decision, reason = excluded.reason,
         registration_updated_at = excluded.registration_updated_at, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
    ),
    // A newer decision replaces a notification that has not gone out yet: the resident hears only the latest.
    dropUnsent: db.prepare<[string]>('DELETE FROM outbox WHERE reference = ? AND sent_at IS NULL AND failed_at IS NULL'),
    enqueue: db.prepare(
      'INSERT INTO outbox (channel, user_id, reference, text, created_at) VALUES (@channel, @userId, @reference, @text, @at)',
    ),
    one: db.prepare<[string], ReviewRow>(`${REVIEW_SELECT} WHERE v.reference = ?`),
    all: db.prepare<[], ReviewRow>(REVIEW_SELECT),
    claimable: db.prepare<[string, string, number], { id: number; user_id: string; reference: string | null; text: string; attempts: number }>(
      `SELECT id, user_id, reference, text, attempts FROM outbox
       WHERE channel = ? AND sent_at IS NULL AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)
       ORDER BY id LIMIT ?`,
    ),
    lease: db.prepare<[string, number]>('UPDATE outbox SET claimed_until = ? WHERE id = ?'),
    sent: db.prepare<[string, number]>("UPDATE outbox SET sent_at = ?, text = '', claimed_until = NULL WHERE id = ?"),
    attempts: db.prepare<[number], { attempts: number }>('SELECT attempts FROM outbox WHERE id = ?'),
    failed: db.prepare(
      'UPDATE outbox SET attempts = @attempts, last_error = @error, claimed_until = @retryAt, failed_at = @failedAt WHERE id = @id',
    ),
  };

  const decide = db.transaction((input: DecideInput): DecideResult => {
    const reg = q.registration.get(input.reference);
    if (!reg || (input.district !== undefined && reg.district !== input.district)) return { ok: false, error: 'not-found' };
    const reason = input.reason?.trim() || undefined;
    if (input.kind === 'returned' && !reason) return { ok: false, error: 'reason-required' };
    const at = now().toISOString();
    q.upsert.run({
      reference: reg.reference,
      decision: input.kind,
      reason: input.kind === 'returned' ? reason : null,
      updatedAt: reg.updated_at,
      actor: input.actor,
      at,
    });
    q.dropUnsent.run(reg.reference);
    const channel = channelOfUser(reg.user_id);
    const notified = channel === 'wechat';
    if (notified) {
      const text = noticeText(input.kind, reg.reference, reg.level, reason);
      q.enqueue.run({ channel, userId: reg.user_id, reference: reg.reference, text, at });
    }
    audit({
      actor: input.actor,
      operator: input.operator,
      action: 'review',
      target: reg.reference,
      detail: { decision: input.kind, notified },
      session: input.session,
    });
    return { ok: true, review: toReview(q.one.get(reg.reference)!), notified };
  });

  const claim = db.transaction((channel: string, limit: number, leaseMs: number): OutboxMessage[] => {
    const at = now();
    const rows = q.claimable.all(channel, at.toISOString(), limit);
    const until = new Date(at.getTime() + leaseMs).toISOString();
    for (const r of rows) q.lease.run(until, r.id);
    return rows.map((r) => ({ id: r.id, userId: r.user_id, ...(r.reference ? { reference: r.reference } : {}), text: r.text, attempts: r.attempts }));
  });

  return {
    decide: async (input) => decide.immediate(input),
    async reviews(references) {
      const rows = references ? references.flatMap((r) => q.one.all(r)) : q.all.all();
      return new Map(rows.map((r) => [r.reference, toReview(r)]));
    },
    outbox: {
      claim: async (channel, limit, leaseMs = 10 * 60_000) => claim.immediate(channel, limit, leaseMs),
      sent: async (id) => void q.sent.run(now().toISOString(), id),
      async failed(id, error) {
        const attempts = (q.attempts.get(id)?.attempts ?? 0) + 1;
        const at = now();
        const retry = retryAt(attempts, at);
        q.failed.run({ id, attempts, error: error.slice(0, 300), retryAt: retry ?? null, failedAt: retry ? null : at.toISOString() });
      },
    },
  };
}
