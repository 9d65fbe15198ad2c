/**
 * The bot's store on PostgreSQL (`pg`): the same behaviour as the SQLite
 * store (test/store/store-contract.ts runs against both), for several bot and
 * console processes on several hosts sharing one database.
 *
 *   - A turn's writes (registration, its reference, deletions, the masked
 *     question log, the session) commit in ONE transaction (`commitTurn`).
 *   - Reference numbers come from a counter row per prefix incremented in
 *     that transaction (not a SEQUENCE): a rolled-back turn burns no number,
 *     and the row lock orders concurrent registrations, so references stay
 *     consecutive across processes.
 *   - The owner rule is a constraint, UNIQUE (user_id, id_number, level); an
 *     advisory lock on (id_number, level) serialises writers of the same ID
 *     number and level, so of two users registering it at once exactly the
 *     later one is marked `duplicate-id`, and one user's two processes
 *     update one row instead of racing to insert two.
 *   - Migrations run once under an advisory lock (bot/store/pg-migrations.ts).
 * PostgreSQL has no secure_delete: deleted rows are overwritten only when
 * VACUUM reuses their space (autovacuum); the README says so.
 */
import type { Level } from '../../knowledge/facts/schema.js';
import type { Session } from '../engine/types.js';
import { maskPersonalData } from '../mask.js';
import { NEW_REFERENCE, type RegistrationRecord } from '../registration/types.js';
import type { ReviewDecisionKind } from '../staff/review-types.js';
import { createPgAuditStore } from './pg-audit-store.js';
import { migratePg } from './pg-migrations.js';
import { connectPool, inTransaction, type PgPool, type Queryable } from './pg-pool.js';
import { createPgReviewStore } from './pg-review-store.js';
import { createPgStaffStore } from './pg-staff-store.js';
import type { CommitResult, QuestionLogEntry, RegistrationFilter, Store, StoreOptions, TurnCommit } from './store-types.js';
import { fieldsOf, formatReference, readRow, readableRecords, reviveStoredSession, ROW_COLUMNS, unreadableRows, type RegistrationRow } from './stored-rows.js';

/** The PostgreSQL Store, with its pool for tests. */
export type PgStore = Store & { readonly kind: 'postgres'; readonly pool: PgPool };

/** Open the store on the database at `url` (connects, then migrates under the advisory lock). */
export async function openPgStore(url: string, options: StoreOptions & { maxConnections?: number } = {}): Promise<PgStore> {
  const pool = await connectPool(url, { max: options.maxConnections, connectTimeoutMs: options.busyTimeoutMs });
  const client = await pool.connect();
  try {
    await migratePg(client);
  } catch (error) {
    client.release();
    await pool.end().catch(() => undefined);
    throw error;
  }
  client.release();
  const prefix = options.referencePrefix ?? 'DTE';

  const nextReferenceOn = async (db: Queryable, p: string): Promise<string> => {
    const r = await db.query<{ value: number }>(
      'INSERT INTO seq (prefix, value) VALUES ($1, 1) ON CONFLICT (prefix) DO UPDATE SET value = seq.value + 1 RETURNING value',
      [p],
    );
    return formatReference(p, r.rows[0]!.value);
  };

  const findOwnOn = async (db: Queryable, idNumber: string, level: string, userId: string): Promise<RegistrationRow | undefined> =>
    (await db.query<RegistrationRow>(`SELECT ${ROW_COLUMNS} FROM registrations WHERE id_number = $1 AND level = $2 AND user_id = $3`, [idNumber, level, userId]))
      .rows[0];

  /** The body of upsertRegistration; runs inside the caller's transaction. */
  const upsertIn = async (db: Queryable, record: RegistrationRecord): Promise<{ record: RegistrationRecord; created: boolean }> => {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`registration:${record.idNumber}:${record.level}`]);
    const existing = await findOwnOn(db, record.idNumber, record.level, record.userId);
    if (existing) {
      await db.query('UPDATE registrations SET district = $1, fields = $2, status = $3, updated_at = $4 WHERE id_number = $5 AND level = $6 AND user_id = $7', [
        record.district,
        fieldsOf(record),
        record.status,
        record.updatedAt,
        record.idNumber,
        record.level,
        record.userId,
      ]);
    } else {
      const reference = record.reference === NEW_REFERENCE || record.reference === '' ? await nextReferenceOn(db, prefix) : record.reference;
      const others = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM registrations WHERE id_number = $1 AND level = $2 AND user_id <> $3', [
        record.idNumber,
        record.level,
        record.userId,
      ]);
      await db.query(
        `INSERT INTO registrations (reference, user_id, id_number, level, district, fields, status, review, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          reference,
          record.userId,
          record.idNumber,
          record.level,
          record.district,
          fieldsOf(record),
          record.status,
          others.rows[0]!.n > 0 ? 'duplicate-id' : null,
          record.createdAt,
          record.updatedAt,
        ],
      );
    }
    const stored = (await findOwnOn(db, record.idNumber, record.level, record.userId))!;
    const read = readRow(stored);
    if (!read.ok) throw new Error(`registration ${stored.reference} unreadable right after it was written: ${read.error}`);
    return { record: read.record, created: !existing };
  };

  const deleteIn = async (db: Queryable, userId: string) => {
    const registrations = await db.query('DELETE FROM registrations WHERE user_id = $1', [userId]);
    const suffix = `:${userId}`;
    const sessions = await db.query(
      `DELETE FROM sessions WHERE user_id = $1 OR conversation_id = $1
         OR (length(conversation_id) > length($2) AND right(conversation_id, length($2)) = $2)`,
      [userId, suffix],
    );
    return { registrations: registrations.rowCount ?? 0, sessions: sessions.rowCount ?? 0 };
  };

  const logIn = async (db: Queryable, entry: QuestionLogEntry) => {
    await db.query('INSERT INTO question_log (time, question, answered, confidence, route) VALUES ($1, $2, $3, $4, $5)', [
      entry.time,
      maskPersonalData(entry.question),
      entry.answered,
      entry.confidence,
      entry.route,
    ]);
  };

  const saveIn = async (db: Queryable, conversationId: string, session: Session, userId: string | undefined, updatedAt: string) => {
    await db.query(
      `INSERT INTO sessions (conversation_id, user_id, json, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (conversation_id) DO UPDATE SET user_id = coalesce(excluded.user_id, sessions.user_id),
         json = excluded.json, updated_at = excluded.updated_at`,
      [conversationId, userId ?? null, JSON.stringify(session), updatedAt],
    );
  };

  const list = async (filter: RegistrationFilter): Promise<RegistrationRow[]> => {
    const where: string[] = [];
    const params: string[] = [];
    const add = (column: string, op: string, value: string | undefined) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} ${op} $${params.length}`);
    };
    add('district', '=', filter.district);
    add('status', '=', filter.status);
    add('level', '=', filter.level);
    add('created_at', '>=', filter.from);
    add('created_at', '<', filter.to);
    const sql = `SELECT ${ROW_COLUMNS} FROM registrations` + (where.length ? ` WHERE ${where.join(' AND ')}` : '') + ' ORDER BY created_at, id';
    return (await pool.query<RegistrationRow>(sql, params)).rows;
  };

  const store: PgStore = {
    kind: 'postgres',
    pool,
    async getSession(conversationId) {
      const row = (await pool.query<{ json: string }>('SELECT json FROM sessions WHERE conversation_id = $1', [conversationId])).rows[0];
      if (!row) return undefined;
      const session = reviveStoredSession(row.json);
      // Drop the bad row only if it is still the one read (another process may have saved a good one since).
      if (!session) await pool.query('DELETE FROM sessions WHERE conversation_id = $1 AND json = $2', [conversationId, row.json]);
      return session;
    },
    async saveSession(conversationId, session, options = {}) {
      await saveIn(pool, conversationId, session, options.userId, options.now?.toISOString() ?? session.lastSeen ?? '');
    },
    commitTurn: (c: TurnCommit) =>
      inTransaction(pool, async (db): Promise<CommitResult> => {
        const result: CommitResult = { saved: [], deleted: { registrations: 0, sessions: 0 } };
        let sessionDeleted = false;
        for (const e of c.effects) {
          switch (e.kind) {
            case 'save-registration': {
              const { record, created } = await upsertIn(db, e.record);
              result.saved.push({ reference: record.reference, created, ...(record.review ? { review: record.review } : {}) });
              break;
            }
            case 'delete-personal-data': {
              const d = await deleteIn(db, e.userId);
              result.deleted.registrations += d.registrations;
              result.deleted.sessions += d.sessions;
              sessionDeleted = true;
              break;
            }
            case 'log-question':
              await logIn(db, { question: e.question, answered: e.answered, confidence: e.confidence, route: e.route, time: c.now.toISOString() });
              break;
          }
        }
        // After a deletion the conversation starts afresh: only the session the turn left (no personal data) is kept.
        await saveIn(db, c.conversationId, c.session, sessionDeleted ? undefined : c.userId, c.now.toISOString());
        return result;
      }),
    upsertRegistration: (record) => inTransaction(pool, (db) => upsertIn(db, record)),
    async findRegistration(idNumber, level, userId) {
      const row = await findOwnOn(pool, idNumber, level, userId);
      const read = row && readRow(row);
      return read && read.ok ? read.record : undefined;
    },
    findOwn: (userId: string, idNumber: string, level: Level) => store.findRegistration(idNumber, level, userId),
    async listOwn(userId) {
      return readableRecords((await pool.query<RegistrationRow>(`SELECT ${ROW_COLUMNS} FROM registrations WHERE user_id = $1 ORDER BY created_at, id`, [userId])).rows);
    },
    listRegistrations: async (filter = {}) => readableRecords(await list(filter)),
    listUnreadable: async (filter = {}) => unreadableRows(await list(filter)),
    deletePersonalData: (userId) => inTransaction(pool, (db) => deleteIn(db, userId)),
    purgeBefore: (cutoff) =>
      inTransaction(pool, async (db) => ({
        sessions: (await db.query("DELETE FROM sessions WHERE updated_at <> '' AND updated_at < $1", [cutoff])).rowCount ?? 0,
        questions: (await db.query('DELETE FROM question_log WHERE time < $1', [cutoff])).rowCount ?? 0,
      })),
    nextReference: (p) => nextReferenceOn(pool, p),
    logQuestion: (entry) => logIn(pool, entry),
    async listQuestions(filter = {}) {
      const where: string[] = [];
      const params: Array<string | boolean> = [];
      if (filter.from !== undefined) (params.push(filter.from), where.push(`time >= $${params.length}`));
      if (filter.to !== undefined) (params.push(filter.to), where.push(`time < $${params.length}`));
      if (filter.answered !== undefined) (params.push(filter.answered), where.push(`answered = $${params.length}`));
      const sql =
        'SELECT time, question, answered, confidence, route FROM question_log' +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY time, id' +
        (filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '');
      return (await pool.query<QuestionLogEntry>(sql, params)).rows.map((r) => ({ ...r }));
    },
    async schemaVersion() {
      return (await pool.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations')).rows[0]!.v;
    },
    async reviewOf(reference) {
      // A decision holds for the version staff saw: a later change by the resident makes it pending again.
      const row = (
        await pool.query<{ decision: ReviewDecisionKind; reason: string | null; decided_at: string }>(
          `SELECT v.decision, v.reason, v.decided_at FROM registration_reviews v JOIN registrations r ON r.reference = v.reference
           WHERE v.reference = $1 AND v.registration_updated_at = r.updated_at`,
          [reference],
        )
      ).rows[0];
      return row ? { kind: row.decision, ...(row.reason ? { reason: row.reason } : {}), decidedAt: row.decided_at } : undefined;
    },
    staffStore: (o) => createPgStaffStore(pool, o),
    auditStore: (o) => createPgAuditStore(pool, o),
    reviewStore: (o) => createPgReviewStore(pool, o),
    close: () => pool.end(),
  };
  return store;
}
