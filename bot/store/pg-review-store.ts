/**
 * Staff review decisions and the outbox on PostgreSQL: the contract of
 * bot/store/review-store.ts. `decide` writes the decision, the resident's
 * notification and the audit row in one transaction; `claim` leases rows
 * with FOR UPDATE SKIP LOCKED, so two WeChat processes never send the same
 * notification.
 */
import { channelOfUser } from '../staff/review-types.js';
import { insertAuditRow } from './pg-audit-store.js';
import { inTransaction, type PgPool } from './pg-pool.js';
import { noticeText, retryAt, toReview, type ReviewRow, type ReviewStore } from './review-store.js';

const REVIEW_SELECT = `SELECT v.reference, v.decision, v.reason, v.decided_by, v.decided_at,
    (v.registration_updated_at = r.updated_at) AS current,
    o.id AS notice_id, o.sent_at AS notice_sent, o.failed_at AS notice_failed
  FROM registration_reviews v JOIN registrations r ON r.reference = v.reference
  LEFT JOIN outbox o ON o.id = (SELECT max(id) FROM outbox WHERE reference = v.reference)`;

/** The review store over a pool; `now` is the real clock (never DTE_NOW). */
export function createPgReviewStore(pool: PgPool, deps: { now?: () => Date } = {}): ReviewStore {
  const now = deps.now ?? (() => new Date());
  return {
    decide: (input) =>
      inTransaction(pool, async (db) => {
        // FOR UPDATE: a resident's change cannot slip between reading the version and deciding on it.
        const reg = (
          await db.query<{ reference: string; user_id: string; district: string; level: string; updated_at: string }>(
            'SELECT reference, user_id, district, level, updated_at FROM registrations WHERE reference = $1 FOR UPDATE',
            [input.reference],
          )
        ).rows[0];
        if (!reg || (input.district !== undefined && reg.district !== input.district)) return { ok: false, error: 'not-found' } as const;
        const reason = input.reason?.trim() || undefined;
        if (input.kind === 'returned' && !reason) return { ok: false, error: 'reason-required' } as const;
        const at = now();
        await db.query(
          `INSERT INTO registration_reviews (reference, decision, reason, registration_updated_at, decided_by, decided_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (reference) DO UPDATE SET decision = excluded.decision, reason = excluded.reason,
             registration_updated_at = excluded.registration_updated_at, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
          [reg.reference, input.kind, input.kind === 'returned' ? reason : null, reg.updated_at, input.actor, at.toISOString()],
        );
        // A newer decision replaces a notification that has not gone out yet: the resident hears only the latest.
        await db.query('DELETE FROM outbox WHERE reference = $1 AND sent_at IS NULL AND failed_at IS NULL', [reg.reference]);
        const channel = channelOfUser(reg.user_id);
        const notified = channel === 'wechat';
        if (notified) {
          await db.query('INSERT INTO outbox (channel, user_id, reference, text, created_at) VALUES ($1, $2, $3, $4, $5)', [
            channel,
            reg.user_id,
            reg.reference,
            noticeText(input.kind, reg.reference, reg.level, reason),
            at.toISOString(),
          ]);
        }
        await insertAuditRow(
          db,
          { actor: input.actor, operator: input.operator, action: 'review', target: reg.reference, detail: { decision: input.kind, notified }, session: input.session },
          at,
        );
        const row = (await db.query<ReviewRow>(`${REVIEW_SELECT} WHERE v.reference = $1`, [reg.reference])).rows[0]!;
        return { ok: true, review: toReview(row), notified } as const;
      }),

    async reviews(references) {
      const rows = references
        ? (await pool.query<ReviewRow>(`${REVIEW_SELECT} WHERE v.reference = ANY($1::text[])`, [[...references]])).rows
        : (await pool.query<ReviewRow>(REVIEW_SELECT)).rows;
      const byReference = new Map(rows.map((r) => [r.reference, toReview(r)]));
      // In the order asked for, as the SQLite store gives them.
      return references ? new Map(references.flatMap((r) => (byReference.has(r) ? [[r, byReference.get(r)!] as const] : []))) : byReference;
    },

    outbox: {
      claim: (channel, limit, leaseMs = 10 * 60_000) =>
        inTransaction(pool, async (db) => {
          const at = now();
          const rows = (
            await db.query<{ id: number; user_id: string; reference: string | null; text: string; attempts: number }>(
              `SELECT id, user_id, reference, text, attempts FROM outbox
               WHERE channel = $1 AND sent_at IS NULL AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $2)
               ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
              [channel, at.toISOString(), limit],
            )
          ).rows;
          const until = new Date(at.getTime() + leaseMs).toISOString();
          if (rows.length) await db.query('UPDATE outbox SET claimed_until = $1 WHERE id = ANY($2::int[])', [until, rows.map((r) => r.id)]);
          return rows.map((r) => ({ id: r.id, userId: r.user_id, ...(r.reference ? { reference: r.reference } : {}), text: r.text, attempts: r.attempts }));
        }),
      async sent(id) {
        await pool.query("UPDATE outbox SET sent_at = $1, text = '', claimed_until = NULL WHERE id = $2", [now().toISOString(), id]);
      },
      failed: (id, error) =>
        inTransaction(pool, async (db) => {
          const attempts = ((await db.query<{ attempts: number }>('SELECT attempts FROM outbox WHERE id = $1 FOR UPDATE', [id])).rows[0]?.attempts ?? 0) + 1;
          const at = now();
          const retry = retryAt(attempts, at);
          await db.query('UPDATE outbox SET attempts = $1, last_error = $2, claimed_until = $3, failed_at = $4 WHERE id = $5', [
            attempts,
            error.slice(0, 300),
            retry ?? null,
            retry ? null : at.toISOString(),
            id,
          ]);
        }),
    },
  };
}
