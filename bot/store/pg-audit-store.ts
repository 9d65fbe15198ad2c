/**
 * The console's audit log on PostgreSQL: the same rows, masking and order as
 * the SQLite one (bot/store/audit-store.ts, whose contract this follows).
 */
import { auditColumns, auditEntryOf, auditLimit, type AuditInput, type AuditRow, type AuditStore } from './audit-store.js';
import type { PgPool, Queryable } from './pg-pool.js';

/** Insert one row on `db` (the pool, or a transaction's client: review decisions audit inside their own). */
export async function insertAuditRow(db: Queryable, e: AuditInput, at: Date): Promise<void> {
  const c = auditColumns(e, at);
  await db.query('INSERT INTO audit_log (at, actor, operator, action, target, detail, session) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    c.at,
    c.actor,
    c.operator,
    c.action,
    c.target,
    c.detail,
    c.session,
  ]);
}

/** The audit store over a pool; `now` is the real clock (never DTE_NOW). */
export function createPgAuditStore(pool: PgPool, opts: { now?: () => Date } = {}): AuditStore {
  const now = opts.now ?? (() => new Date());
  return {
    record: (e) => insertAuditRow(pool, e, now()),
    async list(filter = {}) {
      const where: string[] = [];
      const params: string[] = [];
      const add = (sql: string, v: string | undefined) => v !== undefined && (params.push(v), where.push(`${sql} $${params.length}`));
      add('actor =', filter.actor);
      add('action =', filter.action);
      add('at >=', filter.from);
      add('at <', filter.to);
      const sql = `SELECT * FROM audit_log${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ${auditLimit(filter)}`;
      return (await pool.query<AuditRow>(sql, params)).rows.map(auditEntryOf);
    },
    // COLLATE "C": the byte order SQLite's ORDER BY gives.
    actors: async () => (await pool.query<{ actor: string }>('SELECT actor FROM audit_log GROUP BY actor ORDER BY actor COLLATE "C"')).rows.map((r) => r.actor),
  };
}
