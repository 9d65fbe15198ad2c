/**
 * Staff accounts and console sessions on PostgreSQL, so that any number of
 * console processes behind a load balancer share logins: the contract of
 * bot/store/staff-store.ts (scrypt hashes only, hashed session tokens,
 * disabling ends sessions in the same transaction, one generated secret —
 * the first process's — for all).
 */
import { randomBytes } from 'node:crypto';
import { decoyHash, hashPassword, verifyPassword } from '../staff/password.js';
import { inTransaction, type PgPool } from './pg-pool.js';
import { addStaffProblem, tokenHash, toAccount, USERNAME, type StaffRow, type StaffStore } from './staff-store.js';

/** The staff store over a pool; `now` is the real clock. */
export function createPgStaffStore(pool: PgPool, opts: { now?: () => Date } = {}): StaffStore {
  const now = opts.now ?? (() => new Date());
  // Names are unique whatever their case (SQLite: COLLATE NOCASE; here the lower(username) index).
  const byName = async (username: string) =>
    (await pool.query<StaffRow>('SELECT * FROM staff WHERE lower(username) = lower($1)', [username])).rows[0];

  return {
    hasAccounts: async () => (await pool.query('SELECT 1 FROM staff LIMIT 1')).rowCount! > 0,

    async addStaff(input) {
      const refused = addStaffProblem(input);
      if (refused) return refused;
      if (await byName(input.username)) return { ok: false, error: 'exists' };
      const hash = await hashPassword(input.password);
      const inserted = await pool.query<StaffRow>(
        `INSERT INTO staff (username, role, district, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING *`,
        [input.username, input.role, input.district ?? null, hash, now().toISOString()],
      );
      const row = inserted.rows[0];
      return row ? { ok: true, account: toAccount(row) } : { ok: false, error: 'exists' };
    },

    listStaff: async () => (await pool.query<StaffRow>('SELECT * FROM staff ORDER BY username COLLATE "C"')).rows.map(toAccount),

    disableStaff: (username) =>
      inTransaction(pool, async (db) => {
        const row = (await db.query<StaffRow>('SELECT * FROM staff WHERE lower(username) = lower($1) FOR UPDATE', [username])).rows[0];
        if (!row) return false;
        await db.query('UPDATE staff SET disabled_at = coalesce(disabled_at, $1) WHERE id = $2', [now().toISOString(), row.id]);
        await db.query('DELETE FROM console_sessions WHERE staff_id = $1', [row.id]);
        return true;
      }),

    async verifyLogin(username, password) {
      const row = USERNAME.test(username) ? await byName(username) : undefined;
      const matches = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
      if (!row) return { ok: false, reason: 'unknown-account' };
      const account = toAccount(row);
      if (!matches) return { ok: false, reason: 'wrong-password', account };
      if (row.disabled_at) return { ok: false, reason: 'disabled', account };
      return { ok: true, account };
    },

    async createSession(owner, ttlMs) {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      await pool.query('DELETE FROM console_sessions WHERE expires_at <= $1', [at.toISOString()]);
      await pool.query('INSERT INTO console_sessions (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        tokenHash(token),
        owner.staffId ?? null,
        at.toISOString(),
        new Date(at.getTime() + ttlMs).toISOString(),
      ]);
      return token;
    },

    async sessionOwner(token) {
      const row = (
        await pool.query<{ staff_id: number | null; expires_at: string }>('SELECT staff_id, expires_at FROM console_sessions WHERE token_hash = $1', [tokenHash(token)])
      ).rows[0];
      if (!row || row.expires_at <= now().toISOString()) return undefined;
      if (row.staff_id === null) return { kind: 'token' };
      const staff = (await pool.query<StaffRow>('SELECT * FROM staff WHERE id = $1', [row.staff_id])).rows[0];
      if (!staff || staff.disabled_at) return undefined;
      return { kind: 'account', account: toAccount(staff) };
    },

    async revokeSession(token) {
      await pool.query('DELETE FROM console_sessions WHERE token_hash = $1', [tokenHash(token)]);
    },

    async secret(configured) {
      if (configured) return Buffer.from(configured, 'utf8');
      // ON CONFLICT DO NOTHING: processes starting at once keep the first secret written.
      await pool.query('INSERT INTO console_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', ['console-secret', randomBytes(32).toString('base64')]);
      const stored = (await pool.query<{ value: string }>('SELECT value FROM console_settings WHERE key = $1', ['console-secret'])).rows[0]!;
      return Buffer.from(stored.value, 'base64');
    },
  };
}
