/**
 * The bot's SQLite store (better-sqlite3, synchronous underneath): sessions,
 * the registrations, the question log and reference numbers. `openSqliteStore`
 * gives it the async Store interface (bot/store/store-types.ts) that the
 * PostgreSQL store shares; every method runs its synchronous statement or
 * transaction to the end before it returns, so the semantics below hold.
 *
 * Durability and concurrency, measured in `npm run bench`:
 *   - WAL with synchronous=FULL: every commit is fsynced before it returns,
 *     so a registration the resident was told about survives a power loss
 *     (NORMAL would only protect against a process crash).
 *   - A turn's writes (registration, its reference number, the session, the
 *     question log) commit in ONE immediate transaction (`commitTurn`): a
 *     crash leaves either all of them or none, and burns no reference.
 *   - Write transactions are IMMEDIATE: they take the write lock first and
 *     wait for it (busy timeout). A deferred transaction that reads and then
 *     writes gets SQLITE_BUSY at once in WAL mode, whatever the timeout —
 *     which is what "database is locked" under 50 parallel `dte chat` was.
 *   - secure_delete: deleted personal data is overwritten, not left in free
 *     pages; the database file is created 0600.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { RegistrationLookup, Session } from '../engine/types.js';
import type { Level } from '../../knowledge/facts/schema.js';
import { maskPersonalData } from '../mask.js';
import { NEW_REFERENCE, type RegistrationRecord, type RegistrationReview } from '../registration/types.js';
import { migrate } from './migrations.js';
import type { ReviewDecision, ReviewDecisionKind } from '../staff/review-types.js';
import type {
  CommitResult,
  QuestionFilter,
  QuestionLogEntry,
  RegistrationFilter,
  Store,
  StoreOptions,
  TurnCommit,
  UnreadableRegistration,
} from './store-types.js';
import { registrationSnapshot } from './store-types.js';
import { fieldsOf, formatReference, readRow, readableRecords, reviveStoredSession, ROW_COLUMNS, unreadableRows, type RegistrationRow } from './stored-rows.js';
import { createAuditStore } from './audit-store.js';
import { createReviewStore } from './review-store.js';
import { createStaffStore } from './staff-store.js';

/** The synchronous store over better-sqlite3 (tests and the benchmark use it directly; everything else the async Store). */
export interface SqliteSyncStore extends RegistrationLookup {
  /** The stored session; undefined when absent, unreadable or of another version (the bad row is dropped). */
  getSession(conversationId: string): Session | undefined;
  /** Replace the session of a conversation (one atomic statement). `userId` lets deletePersonalData find it. */
  saveSession(conversationId: string, session: Session, options?: { userId?: string; now?: Date }): void;
  /** Apply a turn's effects and save its session in one transaction (see the file comment). */
  commitTurn(commit: TurnCommit): CommitResult;
  /**
   * Insert a registration, or update the same user's one with the same ID
   * number and level (keeping its reference and creation time). The same ID
   * number and level from another user is inserted as its own row marked
   * `review: 'duplicate-id'`; the first owner's row is never touched. A
   * record whose reference is NEW_REFERENCE gets the next one.
   */
  upsertRegistration(record: RegistrationRecord): { record: RegistrationRecord; created: boolean };
  /** The registration of this user with this ID number and level. */
  findRegistration(idNumber: string, level: string, userId: string): RegistrationRecord | undefined;
  /** Readable registrations in creation order (unreadable rows are left out: see listUnreadable). */
  listRegistrations(filter?: RegistrationFilter): RegistrationRecord[];
  /** Rows whose stored fields do not parse, for the console and the export to report. */
  listUnreadable(filter?: RegistrationFilter): UnreadableRegistration[];
  /** Remove a user's registrations and sessions in one transaction; returns how many rows went. */
  deletePersonalData(userId: string): { registrations: number; sessions: number };
  /** Delete sessions and question-log entries last written before `cutoff` (ISO); returns how many went. */
  purgeBefore(cutoff: string): { sessions: number; questions: number };
  /** The next reference of a sequence: "ZZ26-000001", "ZZ26-000002", … */
  nextReference(prefix: string): string;
  /** Log a question; its text is masked (ID and phone numbers) before it is written. */
  logQuestion(entry: QuestionLogEntry): void;
  /** Logged questions, oldest first. */
  listQuestions(filter?: QuestionFilter): QuestionLogEntry[];
  /** The schema version (number of migrations applied). */
  schemaVersion(): number;
  /** Staff's current decision on this registration (none once the resident changed it since). */
  reviewOf(reference: string): ReviewDecision | undefined;
  /** The open connection, shared by the console's SQLite stores (bot/store/staff-store.ts, audit-store.ts, review-store.ts). */
  readonly db: Database.Database;
  close(): void;
}

/** A digit as maskPersonalData reads them (ASCII or full-width): without one, a text has nothing to mask. */
const HAS_DIGIT = /[0-9\uFF10-\uFF19]/u;

function isFile(path: string): boolean {
  return path !== ':memory:' && path !== '' && !path.startsWith('file:');
}

/** Create the database file readable by its owner only, before SQLite opens it (SQLite gives -wal/-shm the same mode). */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path)) {
    try {
      closeSync(openSync(path, 'wx', 0o600));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  try {
    chmodSync(path, 0o600);
  } catch {
    // Not our file (a shared deployment's own permissions): leave it as the operator set it.
  }
}

/**
 * Open (and create) the database at `path` (":memory:" for tests): creates
 * the directory and the file (0600), sets the busy timeout first (so the
 * pragmas below wait for another process instead of failing), WAL,
 * synchronous=FULL, secure_delete and foreign keys, then runs the migrations
 * under a write lock.
 */
export function openSqliteSync(path: string, options: StoreOptions = {}): SqliteSyncStore {
  if (isFile(path)) createPrivately(path);
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 15000 });
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 15000}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const prefix = options.referencePrefix ?? 'DTE';

  const q = {
    getSession: db.prepare<[string], { json: string }>('SELECT json FROM sessions WHERE conversation_id = ?'),
    deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE conversation_id = ?'),
    saveSession: db.prepare<[string, string | null, string, string]>(
      `INSERT INTO sessions (conversation_id, user_id, json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET user_id = coalesce(excluded.user_id, sessions.user_id),
         json = excluded.json, updated_at = excluded.updated_at`,
    ),
    findOwn: db.prepare<[string, string, string], RegistrationRow>(
      `SELECT ${ROW_COLUMNS} FROM registrations WHERE id_number = ? AND level = ? AND user_id = ?`,
    ),
    othersWithId: db.prepare<[string, string, string], { n: number }>(
      'SELECT count(*) AS n FROM registrations WHERE id_number = ? AND level = ? AND user_id <> ?',
    ),
    ofUser: db.prepare<[string], RegistrationRow>(`SELECT ${ROW_COLUMNS} FROM registrations WHERE user_id = ? ORDER BY created_at, id`),
    insertRegistration: db.prepare(
      `INSERT INTO registrations (reference, user_id, id_number, level, district, fields, status, review, created_at, updated_at)
       VALUES (@reference, @userId, @idNumber, @level, @district, @fields, @status, @review, @createdAt, @updatedAt)`,
    ),
    updateRegistration: db.prepare(
      `UPDATE registrations SET district = @district, fields = @fields, status = @status, updated_at = @updatedAt
       WHERE id_number = @idNumber AND level = @level AND user_id = @userId`,
    ),
    deleteRegistrations: db.prepare<[string]>('DELETE FROM registrations WHERE user_id = ?'),
    deleteSessions: db.prepare<[{ user: string; suffix: string }]>(
      `DELETE FROM sessions WHERE user_id = @user OR conversation_id = @user
         OR (length(conversation_id) > length(@suffix) AND substr(conversation_id, -length(@suffix)) = @suffix)`,
    ),
    nextSeq: db.prepare<[string], { value: number }>(
      'INSERT INTO seq (prefix, value) VALUES (?, 1) ON CONFLICT (prefix) DO UPDATE SET value = value + 1 RETURNING value',
    ),
    // Positional parameters: binding by name looks every key up on each call (measurably slower per answer).
    logQuestion: db.prepare<[string, string, number, number, string]>(
      'INSERT INTO question_log (time, question, answered, confidence, route) VALUES (?, ?, ?, ?, ?)',
    ),
    purgeSessions: db.prepare<[string]>("DELETE FROM sessions WHERE updated_at <> '' AND updated_at < ?"),
    purgeQuestions: db.prepare<[string]>('DELETE FROM question_log WHERE time < ?'),
    // A decision holds for the version staff saw: a later change by the resident makes it pending again.
    reviewOf: db.prepare<[string], { decision: ReviewDecisionKind; reason: string | null; decided_at: string }>(
      `SELECT v.decision, v.reason, v.decided_at FROM registration_reviews v JOIN registrations r ON r.reference = v.reference
       WHERE v.reference = ? AND v.registration_updated_at = r.updated_at`,
    ),
  };

  const nextReference = (p: string): string => {
    return formatReference(p, q.nextSeq.get(p)!.value);
  };

  const findOwn = (idNumber: string, level: string, userId: string): RegistrationRecord | undefined => {
    const row = q.findOwn.get(idNumber, level, userId);
    if (!row) return undefined;
    const read = readRow(row);
    return read.ok ? read.record : undefined;
  };

  /** The body of upsertRegistration; runs inside the caller's transaction. */
  const upsertIn = (record: RegistrationRecord): { record: RegistrationRecord; created: boolean } => {
    const existing = q.findOwn.get(record.idNumber, record.level, record.userId);
    if (existing) {
      q.updateRegistration.run({ ...record, fields: fieldsOf(record) });
    } else {
      const reference = record.reference === NEW_REFERENCE || record.reference === '' ? nextReference(prefix) : record.reference;
      const review = q.othersWithId.get(record.idNumber, record.level, record.userId)!.n > 0 ? 'duplicate-id' : null;
      q.insertRegistration.run({ ...record, reference, review, fields: fieldsOf(record) });
    }
    const stored = q.findOwn.get(record.idNumber, record.level, record.userId)!;
    const read = readRow(stored);
    if (!read.ok) throw new Error(`registration ${stored.reference} unreadable right after it was written: ${read.error}`);
    return { record: read.record, created: !existing };
  };

  const deleteIn = (userId: string) => ({
    registrations: q.deleteRegistrations.run(userId).changes,
    sessions: q.deleteSessions.run({ user: userId, suffix: `:${userId}` }).changes,
  });

  const logIn = (entry: QuestionLogEntry) => {
    // Every number maskPersonalData masks has a digit: a question without one is written as it is (the same text, without the regex pass).
    const question = HAS_DIGIT.test(entry.question) ? maskPersonalData(entry.question) : entry.question;
    q.logQuestion.run(entry.time, question, entry.answered ? 1 : 0, entry.confidence, entry.route);
  };

  const saveIn = (conversationId: string, session: Session, userId: string | undefined, updatedAt: string) => {
    q.saveSession.run(conversationId, userId ?? null, JSON.stringify(session), updatedAt);
  };

  const upsert = db.transaction(upsertIn);
  const deleteAll = db.transaction(deleteIn);
  const commit = db.transaction((c: TurnCommit): CommitResult => {
    const result: CommitResult = { saved: [], deleted: { registrations: 0, sessions: 0 } };
    let sessionDeleted = false;
    for (const e of c.effects) {
      switch (e.kind) {
        case 'save-registration': {
          const { record, created } = upsertIn(e.record);
          result.saved.push({ reference: record.reference, created, ...(record.review ? { review: record.review } : {}) });
          break;
        }
        case 'delete-personal-data': {
          const d = deleteIn(e.userId);
          result.deleted.registrations += d.registrations;
          result.deleted.sessions += d.sessions;
          sessionDeleted = true;
          break;
        }
        case 'log-question':
          logIn({ question: e.question, answered: e.answered, confidence: e.confidence, route: e.route, time: c.now.toISOString() });
          break;
      }
    }
    // After a deletion the conversation starts afresh: only the session the turn left (no personal data) is kept.
    saveIn(c.conversationId, c.session, sessionDeleted ? undefined : c.userId, c.now.toISOString());
    return result;
  });

  const list = (filter: RegistrationFilter): RegistrationRow[] => {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.district !== undefined) (where.push('district = @district'), (params.district = filter.district));
    if (filter.status !== undefined) (where.push('status = @status'), (params.status = filter.status));
    if (filter.level !== undefined) (where.push('level = @level'), (params.level = filter.level));
    if (filter.from !== undefined) (where.push('created_at >= @from'), (params.from = filter.from));
    if (filter.to !== undefined) (where.push('created_at < @to'), (params.to = filter.to));
    const sql =
      `SELECT ${ROW_COLUMNS} FROM registrations` + (where.length ? ` WHERE ${where.join(' AND ')}` : '') + ' ORDER BY created_at, id';
    return db.prepare(sql).all(params) as RegistrationRow[];
  };

  return {
    getSession(conversationId) {
      const row = q.getSession.get(conversationId);
      if (!row) return undefined;
      const session = reviveStoredSession(row.json);
      if (!session) q.deleteSession.run(conversationId);
      return session;
    },
    saveSession(conversationId, session, options = {}) {
      // The store has no clock: the caller's `now`, else the session's own lastSeen.
      saveIn(conversationId, session, options.userId, options.now?.toISOString() ?? session.lastSeen ?? '');
    },
    commitTurn: (c) => commit.immediate(c),
    upsertRegistration: (record) => upsert.immediate(record),
    findRegistration: findOwn,
    findOwn: (userId: string, idNumber: string, level: Level) => findOwn(idNumber, level, userId),
    listOwn: (userId: string) => readableRecords(q.ofUser.all(userId)),
    listRegistrations: (filter = {}) => readableRecords(list(filter)),
    listUnreadable: (filter = {}) => unreadableRows(list(filter)),
    deletePersonalData: (userId) => deleteAll.immediate(userId),
    purgeBefore(cutoff) {
      return db.transaction(() => ({
        sessions: q.purgeSessions.run(cutoff).changes,
        questions: q.purgeQuestions.run(cutoff).changes,
      })).immediate();
    },
    nextReference,
    logQuestion: (entry) => logIn(entry),
    listQuestions(filter = {}) {
      const where: string[] = [];
      const params: Record<string, string | number> = {};
      if (filter.from !== undefined) (where.push('time >= @from'), (params.from = filter.from));
      if (filter.to !== undefined) (where.push('time < @to'), (params.to = filter.to));
      if (filter.answered !== undefined) (where.push('answered = @answered'), (params.answered = filter.answered ? 1 : 0));
      const sql =
        'SELECT time, question, answered, confidence, route FROM question_log' +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY time, id' +
        (filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '');
      return (db.prepare(sql).all(params) as Array<Omit<QuestionLogEntry, 'answered'> & { answered: number }>).map((r) => ({
        ...r,
        answered: r.answered === 1,
      }));
    },
    schemaVersion: () => db.pragma('user_version', { simple: true }) as number,
    reviewOf(reference) {
      const row = q.reviewOf.get(reference);
      return row ? { kind: row.decision, ...(row.reason ? { reason: row.reason } : {}), decidedAt: row.decided_at } : undefined;
    },
    db,
    close: () => db.close(),
  };
}

/**
 * A user's registrations as a turn reads them (RegistrationLookup), read from
 * the synchronous store the first time the turn asks: the same rows and
 * reviews loadRegistrations (bot/engine/conversation-handler.ts) reads
 * before a turn, in the same order, but a turn that never looks at them (most
 * questions) costs no query. A failed read is kept in `error` and thrown
 * again at every use, so the caller can tell it from a failure of the turn.
 */
export function lazyRegistrationSnapshot(s: Pick<SqliteSyncStore, 'listOwn' | 'reviewOf'>, userId: string): RegistrationLookup & { readonly error?: unknown } {
  let snapshot: RegistrationLookup | undefined;
  let failed: { error: unknown } | undefined;
  const read = (): RegistrationLookup => {
    if (failed) throw failed.error;
    if (!snapshot) {
      try {
        const own = s.listOwn(userId);
        const reviews = new Map<string, ReviewDecision>();
        for (const r of own) {
          const review = s.reviewOf(r.reference);
          if (review) reviews.set(r.reference, review);
        }
        snapshot = registrationSnapshot(userId, own, reviews);
      } catch (error) {
        failed = { error };
        throw error;
      }
    }
    return snapshot;
  };
  return {
    findOwn: (u, idNumber, level) => read().findOwn(u, idNumber, level),
    listOwn: (u) => read().listOwn(u),
    reviewOf: (reference) => read().reviewOf!(reference),
    get error() {
      return failed?.error;
    },
  };
}

/** The SQLite Store: the async interface over the synchronous store (one file, or ":memory:"), plus its connection for tests. */
export type SqliteStore = Store & { readonly kind: 'sqlite'; readonly db: Database.Database; readonly sync: SqliteSyncStore };

/**
 * Open the SQLite store with the async interface. Each method runs the
 * synchronous statement or IMMEDIATE transaction before its promise settles
 * (an error rejects it), so nothing of one call interleaves with another.
 */
export function openSqliteStore(path: string, options: StoreOptions = {}): SqliteStore {
  const s = openSqliteSync(path, options);
  const run = <T>(f: () => T): Promise<T> => {
    try {
      return Promise.resolve(f());
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    kind: 'sqlite',
    db: s.db,
    sync: s,
    getSession: (id) => run(() => s.getSession(id)),
    saveSession: (id, session, o) => run(() => s.saveSession(id, session, o)),
    commitTurn: (c) => run(() => s.commitTurn(c)),
    upsertRegistration: (r) => run(() => s.upsertRegistration(r)),
    findRegistration: (idNumber, level, userId) => run(() => s.findRegistration(idNumber, level, userId)),
    findOwn: (userId, idNumber, level) => run(() => s.findOwn(userId, idNumber, level)),
    listOwn: (userId) => run(() => s.listOwn(userId)),
    listRegistrations: (f) => run(() => s.listRegistrations(f)),
    listUnreadable: (f) => run(() => s.listUnreadable(f)),
    deletePersonalData: (userId) => run(() => s.deletePersonalData(userId)),
    purgeBefore: (cutoff) => run(() => s.purgeBefore(cutoff)),
    nextReference: (p) => run(() => s.nextReference(p)),
    logQuestion: (e) => run(() => s.logQuestion(e)),
    listQuestions: (f) => run(() => s.listQuestions(f)),
    schemaVersion: () => run(() => s.schemaVersion()),
    reviewOf: (reference) => run(() => s.reviewOf(reference)),
    staffStore: (o) => createStaffStore(s.db, o),
    auditStore: (o) => createAuditStore(s.db, o),
    reviewStore: (o) => createReviewStore(s.db, o),
    close: () => run(() => s.close()),
  };
}
