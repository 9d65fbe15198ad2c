/**
 * Staff accounts and console sessions, on the bot's database (migration 3).
 *
 * - Passwords are stored only as scrypt hashes (bot/staff/password.ts).
 * - A console session is a random token in the browser's cookie and only its
 *   SHA-256 in the database: a copy of the database gives no live session.
 *   Logging out deletes the row, so a copied cookie stops working at once;
 *   disabling an account deletes its sessions in the same transaction.
 * - The console secret (it signs CSRF tokens) is generated once and kept in
 *   console_settings unless DTE_CONSOLE_SECRET overrides it.
 * Every time here comes from the injected real clock, never DTE_NOW.
 */
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from '../staff/password.js';

export type StaffRole = 'city' | 'district';

/** A staff account as the console and `dte staff list` see it (never the hash). */
export interface StaffAccount {
  id: number;
  username: string;
  role: StaffRole;
  /** The district a district account sees; absent for city staff. */
  district?: string;
  createdAt: string;
  disabledAt?: string;
}

/** Who a console session belongs to: an account, or the single shared token (DTE_CONSOLE_TOKEN). */
export type SessionOwner = { kind: 'account'; account: StaffAccount } | { kind: 'token' };

export type AddStaffResult =
  | { ok: true; account: StaffAccount }
  | { ok: false; error: 'bad-username' | 'exists' | 'password-too-short' | 'password-too-long' | 'district-required' | 'district-not-allowed' };

export type LoginResult =
  | { ok: true; account: StaffAccount }
  | { ok: false; reason: 'unknown-account' | 'wrong-password' | 'disabled'; account?: StaffAccount };

/** Accounts and console sessions, on SQLite (below) or PostgreSQL (bot/store/pg-staff-store.ts). */
export interface StaffStore {
  /** True when at least one account exists (disabled ones too): the console then wants a name and password. */
  hasAccounts(): Promise<boolean>;
  addStaff(input: { username: string; password: string; role: StaffRole; district?: string }): Promise<AddStaffResult>;
  listStaff(): Promise<StaffAccount[]>;
  /** Disable an account and end its sessions; false when there is no such account. */
  disableStaff(username: string): Promise<boolean>;
  /** Check a name and password (an unknown name costs as much time as a known one). */
  verifyLogin(username: string, password: string): Promise<LoginResult>;
  /** Start a session; returns the token for the cookie (only its hash is stored). */
  createSession(owner: { staffId?: number }, ttlMs: number): Promise<string>;
  /** The owner of a live session, or undefined (unknown, expired, or its account disabled). */
  sessionOwner(token: string): Promise<SessionOwner | undefined>;
  /** End a session (logout). */
  revokeSession(token: string): Promise<void>;
  /** The console secret: the configured one, else one generated and kept in the database (the first process's wins). */
  secret(configured?: string): Promise<Buffer>;
}

/** What addStaff refuses before it looks at the database (both implementations). */
export function addStaffProblem(input: { username: string; password: string; role: StaffRole; district?: string }): AddStaffResult | undefined {
  if (!USERNAME.test(input.username)) return { ok: false, error: 'bad-username' };
  const problem = passwordProblem(input.password);
  if (problem === 'too-short') return { ok: false, error: 'password-too-short' };
  if (problem === 'too-long') return { ok: false, error: 'password-too-long' };
  if (input.role === 'district' && !input.district) return { ok: false, error: 'district-required' };
  if (input.role === 'city' && input.district) return { ok: false, error: 'district-not-allowed' };
  return undefined;
}

/** Account names: letters, digits and . _ - (no spaces, nothing that looks like personal data). */
export const USERNAME = /^[A-Za-z][A-Za-z0-9._-]{1,31}$/;

export interface StaffRow {
  id: number;
  username: string;
  role: StaffRole;
  district: string | null;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

export const toAccount = (r: StaffRow): StaffAccount => ({
  id: r.id,
  username: r.username,
  role: r.role,
  ...(r.district ? { district: r.district } : {}),
  createdAt: r.created_at,
  ...(r.disabled_at ? { disabledAt: r.disabled_at } : {}),
});

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The staff store over an open database (the bot's store's `db`); `now` is the real clock. */
export function createStaffStore(db: Database.Database, opts: { now?: () => Date } = {}): StaffStore {
  const now = opts.now ?? (() => new Date());
  const q = {
    any: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM staff'),
    byName: db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE username = ?'),
    byId: db.prepare<[number], StaffRow>('SELECT * FROM staff WHERE id = ?'),
    all: db.prepare<[], StaffRow>('SELECT * FROM staff ORDER BY username'),
    insert: db.prepare(
      'INSERT INTO staff (username, role, district, password_hash, created_at) VALUES (@username, @role, @district, @hash, @at)',
    ),
    disable: db.prepare<[string, string]>('UPDATE staff SET disabled_at = coalesce(disabled_at, ?) WHERE username = ?'),
    dropSessionsOf: db.prepare<[number]>('DELETE FROM console_sessions WHERE staff_id = ?'),
    insertSession: db.prepare<[string, number | null, string, string]>(
      'INSERT INTO console_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    session: db.prepare<[string], { staff_id: number | null; expires_at: string }>(
      'SELECT staff_id, expires_at FROM console_sessions WHERE token_hash = ?',
    ),
    dropSession: db.prepare<[string]>('DELETE FROM console_sessions WHERE token_hash = ?'),
    dropExpired: db.prepare<[string]>('DELETE FROM console_sessions WHERE expires_at <= ?'),
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM console_settings WHERE key = ?'),
    // INSERT OR IGNORE: two processes starting at once keep the first secret written.
    putSetting: db.prepare<[string, string]>('INSERT OR IGNORE INTO console_settings (key, value) VALUES (?, ?)'),
  };

  const disable = db.transaction((username: string): boolean => {
    const row = q.byName.get(username);
    if (!row) return false;
    q.disable.run(now().toISOString(), username);
    q.dropSessionsOf.run(row.id);
    return true;
  });

  return {
    hasAccounts: async () => q.any.get()!.n > 0,

    async addStaff(input) {
      const refused = addStaffProblem(input);
      if (refused) return refused;
      if (q.byName.get(input.username)) return { ok: false, error: 'exists' };
      const hash = await hashPassword(input.password);
      try {
        q.insert.run({ username: input.username, role: input.role, district: input.district ?? null, hash, at: now().toISOString() });
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return { ok: false, error: 'exists' };
        throw error;
      }
      return { ok: true, account: toAccount(q.byName.get(input.username)!) };
    },

    listStaff: async () => q.all.all().map(toAccount),

    disableStaff: async (username) => disable.immediate(username),

    async verifyLogin(username, password) {
      const row = USERNAME.test(username) ? q.byName.get(username) : undefined;
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
      q.dropExpired.run(at.toISOString());
      q.insertSession.run(tokenHash(token), owner.staffId ?? null, at.toISOString(), new Date(at.getTime() + ttlMs).toISOString());
      return token;
    },

    async sessionOwner(token) {
      const row = q.session.get(tokenHash(token));
      if (!row || row.expires_at <= now().toISOString()) return undefined;
      if (row.staff_id === null) return { kind: 'token' };
      const staff = q.byId.get(row.staff_id);
      if (!staff || staff.disabled_at) return undefined;
      return { kind: 'account', account: toAccount(staff) };
    },

    async revokeSession(token) {
      q.dropSession.run(tokenHash(token));
    },

    async secret(configured) {
      if (configured) return Buffer.from(configured, 'utf8');
      const stored = q.getSetting.get('console-secret');
      if (stored) return Buffer.from(stored.value, 'base64');
      q.putSetting.run('console-secret', randomBytes(32).toString('base64'));
      return Buffer.from(q.getSetting.get('console-secret')!.value, 'base64');
    },
  };
}
