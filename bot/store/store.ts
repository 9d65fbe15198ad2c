/**
 * The bot's SQLite store (better-sqlite3, synchronous): sessions, the
 * registrations, the question log and reference numbers. Writes that belong
 * together run in one transaction; a session is saved with one statement, so
 * saving after every turn is cheap and atomic (WAL, synchronous=NORMAL) and a
 * crash loses at most the message being handled.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { SESSION_VERSION, type RegistrationLookup, type Session } from '../engine/types.js';
import type { Level } from '../../knowledge/facts/schema.js';
import { maskPersonalData } from '../mask.js';
import { reviveFormState } from '../registration/form.js';
import { FORM_FIELDS, type RegistrationRecord, type RegistrationStatus } from '../registration/types.js';
import { migrate } from './migrations.js';

/** Filters of listRegistrations; `from` inclusive, `to` exclusive, on the creation time (ISO). */
export interface RegistrationFilter {
  district?: string;
  status?: RegistrationStatus;
  level?: string;
  from?: string;
  to?: string;
}

/** One logged question (masked before it is stored). */
export interface QuestionLogEntry {
  time: string;
  question: string;
  answered: boolean;
  confidence: number;
  route: string;
}

export interface QuestionFilter {
  from?: string;
  to?: string;
  answered?: boolean;
  limit?: number;
}

export interface Store extends RegistrationLookup {
  /** The stored session; undefined when absent, unreadable or of another version (the bad row is dropped). */
  getSession(conversationId: string): Session | undefined;
  /** Replace the session of a conversation (one atomic statement). `userId` lets deletePersonalData find it. */
  saveSession(conversationId: string, session: Session, options?: { userId?: string; now?: Date }): void;
  /**
   * Insert a registration, or update the one with the same ID number and
   * level (keeping its reference and creation time). Returns what is stored.
   */
  upsertRegistration(record: RegistrationRecord): { record: RegistrationRecord; created: boolean };
  findRegistration(idNumber: string, level: string): RegistrationRecord | undefined;
  /** Registrations in creation order. */
  listRegistrations(filter?: RegistrationFilter): RegistrationRecord[];
  /** Remove a user's registrations and sessions in one transaction; returns how many rows went. */
  deletePersonalData(userId: string): { registrations: number; sessions: number };
  /** The next reference of a sequence: "ZZ26-000001", "ZZ26-000002", … */
  nextReference(prefix: string): string;
  /** Log a question; its text is masked (ID and phone numbers) before it is written. */
  logQuestion(entry: QuestionLogEntry): void;
  /** Logged questions, oldest first. */
  listQuestions(filter?: QuestionFilter): QuestionLogEntry[];
  /** The schema version (number of migrations applied). */
  schemaVersion(): number;
  close(): void;
}

const FieldsSchema = z.object({
  name: z.string(),
  gender: z.enum(['男', '女']),
  idNumber: z.string(),
  education: z.string(),
  title: z.string(),
  employer: z.string(),
  district: z.string(),
  phone: z.string(),
  level: z.enum(['初级', '中级']),
});

interface RegistrationRow {
  reference: string;
  user_id: string;
  fields: string;
  status: RegistrationStatus;
  created_at: string;
  updated_at: string;
}

/** A stored row back to a record; a row that does not parse is a bug or tampering, so it throws with the reference. */
function toRecord(row: RegistrationRow): RegistrationRecord {
  const parsed = FieldsSchema.safeParse(JSON.parse(row.fields));
  if (!parsed.success) {
    throw new Error(`registration ${row.reference} has unreadable fields`, { cause: parsed.error });
  }
  return {
    reference: row.reference,
    userId: row.user_id,
    ...parsed.data,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The form's fields of a record, in the form's order, as stored JSON. */
function fieldsOf(r: RegistrationRecord): string {
  return JSON.stringify(Object.fromEntries(FORM_FIELDS.map((f) => [f, r[f]])));
}

/**
 * Open (and create) the database at `path` (":memory:" for tests): creates
 * the directory, sets WAL, foreign keys and a busy timeout, runs migrations.
 */
export function openStore(path: string): Store {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = {
    getSession: db.prepare<[string], { json: string }>('SELECT json FROM sessions WHERE conversation_id = ?'),
    deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE conversation_id = ?'),
    saveSession: db.prepare<[string, string | null, string, string]>(
      `INSERT INTO sessions (conversation_id, user_id, json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET user_id = coalesce(excluded.user_id, sessions.user_id),
         json = excluded.json, updated_at = excluded.updated_at`,
    ),
    findRegistration: db.prepare<[string, string], RegistrationRow>(
      'SELECT reference, user_id, fields, status, created_at, updated_at FROM registrations WHERE id_number = ? AND level = ?',
    ),
    insertRegistration: db.prepare(
      `INSERT INTO registrations (reference, user_id, id_number, level, district, fields, status, created_at, updated_at)
       VALUES (@reference, @userId, @idNumber, @level, @district, @fields, @status, @createdAt, @updatedAt)`,
    ),
    updateRegistration: db.prepare(
      `UPDATE registrations SET user_id = @userId, district = @district, fields = @fields, status = @status, updated_at = @updatedAt
       WHERE id_number = @idNumber AND level = @level`,
    ),
    deleteRegistrations: db.prepare<[string]>('DELETE FROM registrations WHERE user_id = ?'),
    deleteSessions: db.prepare<[{ user: string; suffix: string }]>(
      `DELETE FROM sessions WHERE user_id = @user OR conversation_id = @user
         OR (length(conversation_id) > length(@suffix) AND substr(conversation_id, -length(@suffix)) = @suffix)`,
    ),
    nextSeq: db.prepare<[string], { value: number }>(
      'INSERT INTO seq (prefix, value) VALUES (?, 1) ON CONFLICT (prefix) DO UPDATE SET value = value + 1 RETURNING value',
    ),
    logQuestion: db.prepare(
      'INSERT INTO question_log (time, question, answered, confidence, route) VALUES (@time, @question, @answered, @confidence, @route)',
    ),
  };

  const findRegistration = (idNumber: string, level: string): RegistrationRecord | undefined => {
    const row = q.findRegistration.get(idNumber, level);
    return row ? toRecord(row) : undefined;
  };

  const upsert = db.transaction((record: RegistrationRecord): { record: RegistrationRecord; created: boolean } => {
    const params = { ...record, fields: fieldsOf(record) };
    const existing = q.findRegistration.get(record.idNumber, record.level);
    if (existing) q.updateRegistration.run(params);
    else q.insertRegistration.run(params);
    return { record: findRegistration(record.idNumber, record.level)!, created: !existing };
  });

  const deleteAll = db.transaction((userId: string) => ({
    registrations: q.deleteRegistrations.run(userId).changes,
    sessions: q.deleteSessions.run({ user: userId, suffix: `:${userId}` }).changes,
  }));

  return {
    getSession(conversationId) {
      const row = q.getSession.get(conversationId);
      if (!row) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(row.json);
      } catch {
        q.deleteSession.run(conversationId);
        return undefined;
      }
      const session = value as Partial<Session> | null;
      if (typeof session !== 'object' || session === null || session.version !== SESSION_VERSION) {
        q.deleteSession.run(conversationId);
        return undefined;
      }
      const out = { ...session, slots: session.slots ?? {} } as Session;
      if (out.form !== undefined) {
        const form = reviveFormState(out.form);
        if (form) out.form = form;
        else delete out.form;
      }
      return out;
    },
    saveSession(conversationId, session, options = {}) {
      // The store has no clock: the caller's `now`, else the session's own lastSeen.
      const updatedAt = options.now?.toISOString() ?? session.lastSeen ?? '';
      q.saveSession.run(conversationId, options.userId ?? null, JSON.stringify(session), updatedAt);
    },
    upsertRegistration: (record) => upsert(record),
    findRegistration,
    findByIdNumber: (idNumber: string, level: Level) => findRegistration(idNumber, level),
    listRegistrations(filter = {}) {
      const where: string[] = [];
      const params: Record<string, string> = {};
      if (filter.district !== undefined) (where.push('district = @district'), (params.district = filter.district));
      if (filter.status !== undefined) (where.push('status = @status'), (params.status = filter.status));
      if (filter.level !== undefined) (where.push('level = @level'), (params.level = filter.level));
      if (filter.from !== undefined) (where.push('created_at >= @from'), (params.from = filter.from));
      if (filter.to !== undefined) (where.push('created_at < @to'), (params.to = filter.to));
      const sql =
        'SELECT reference, user_id, fields, status, created_at, updated_at FROM registrations' +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY created_at, id';
      return (db.prepare(sql).all(params) as RegistrationRow[]).map(toRecord);
    },
    deletePersonalData: (userId) => deleteAll(userId),
    nextReference(prefix) {
      const { value } = q.nextSeq.get(prefix)!;
      return `${prefix}-${String(value).padStart(6, '0')}`;
    },
    logQuestion(entry) {
      q.logQuestion.run({
        time: entry.time,
        question: maskPersonalData(entry.question),
        answered: entry.answered ? 1 : 0,
        confidence: entry.confidence,
        route: entry.route,
      });
    },
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
    close: () => db.close(),
  };
}
