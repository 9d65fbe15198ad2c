/**
 * The console's audit log (migration 3): every login (and failed or
 * throttled attempt), logout, reveal of a registration, export and review
 * decision is one row — who, what, when in real time. Nothing personal goes
 * in: registrations are named by reference, exports by format, filter and
 * count; a 操作人 typed in token mode is masked (bot/mask.ts) before it is
 * written, and the 退回 reason, which may quote the resident, stays out.
 */
import type Database from 'better-sqlite3';
import { maskPersonalData } from '../mask.js';

export const AUDIT_ACTIONS = ['login', 'login-failed', 'login-throttled', 'logout', 'reveal', 'export', 'review', 'teach', 'untaught', 'gap-flag'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Detail values are references, codes and counts only. */
export type AuditDetail = Record<string, string | number | boolean | undefined>;

export interface AuditEntry {
  id: number;
  /** Real time (ISO). */
  at: string;
  /** An account name, `token` (the shared DTE_CONSOLE_TOKEN), `open` (no login configured) or `?` (no such account). */
  actor: string;
  /** In token/open mode, the 操作人 staff typed (masked). */
  operator?: string;
  action: AuditAction;
  /** A registration reference or an export format. */
  target?: string;
  detail: AuditDetail;
  /** A short, non-reversible tag of the console session. */
  session?: string;
}

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  /** Inclusive lower bound on `at` (ISO). */
  from?: string;
  /** Exclusive upper bound on `at` (ISO). */
  to?: string;
  limit?: number;
}

/** What a caller records: the store adds the id and the real time. */
export type AuditInput = Omit<AuditEntry, 'id' | 'at' | 'detail'> & { detail?: AuditDetail };

/** The audit log, on SQLite (below) or PostgreSQL (bot/store/pg-audit-store.ts). */
export interface AuditStore {
  record(entry: AuditInput): Promise<void>;
  list(filter?: AuditFilter): Promise<AuditEntry[]>;
  /** Every actor that has a row (for the page's filter). */
  actors(): Promise<string[]>;
}

/** An entry's stored columns: detail strings and the 操作人 masked (shared by both implementations). */
export function auditColumns(e: AuditInput, at: Date) {
  const detail = Object.fromEntries(
    Object.entries(e.detail ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? maskPersonalData(v) : v]),
  );
  return {
    at: at.toISOString(),
    actor: e.actor,
    operator: e.operator ? maskPersonalData(e.operator) : null,
    action: e.action,
    target: e.target ?? null,
    detail: JSON.stringify(detail),
    session: e.session ?? null,
  };
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  operator: string | null;
  action: AuditAction;
  target: string | null;
  detail: string;
  session: string | null;
}

/** A stored row back to an entry (both implementations). */
export function auditEntryOf(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    ...(r.operator ? { operator: r.operator } : {}),
    action: r.action,
    ...(r.target ? { target: r.target } : {}),
    detail: JSON.parse(r.detail) as AuditDetail,
    ...(r.session ? { session: r.session } : {}),
  };
}

/** The synchronous insert, for a caller's own SQLite transaction (review-store's decide). */
export function sqliteAuditWriter(db: Database.Database, now: () => Date): (entry: AuditInput) => void {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, operator, action, target, detail, session) VALUES (@at, @actor, @operator, @action, @target, @detail, @session)',
  );
  return (e) => void insert.run(auditColumns(e, now()));
}

/** The audit store over an open SQLite database; `now` is the real clock (never DTE_NOW). */
export function createAuditStore(db: Database.Database, opts: { now?: () => Date } = {}): AuditStore {
  const now = opts.now ?? (() => new Date());
  const write = sqliteAuditWriter(db, now);
  const actors = db.prepare<[], { actor: string }>('SELECT DISTINCT actor FROM audit_log ORDER BY actor');
  return {
    async record(e) {
      write(e);
    },
    async list(filter = {}) {
      const where: string[] = [];
      const params: Record<string, string> = {};
      if (filter.actor !== undefined) (where.push('actor = @actor'), (params.actor = filter.actor));
      if (filter.action !== undefined) (where.push('action = @action'), (params.action = filter.action));
      if (filter.from !== undefined) (where.push('at >= @from'), (params.from = filter.from));
      if (filter.to !== undefined) (where.push('at < @to'), (params.to = filter.to));
      const sql = `SELECT * FROM audit_log${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ${auditLimit(filter)}`;
      return (db.prepare(sql).all(params) as AuditRow[]).map(auditEntryOf);
    },
    actors: async () => actors.all().map((r) => r.actor),
  };
}

/** The page size of a listing (1–5000, default 1000). */
export const auditLimit = (filter: AuditFilter): number => Math.max(1, Math.min(5000, Math.floor(filter.limit ?? 1000)));
