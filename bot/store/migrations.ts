/**
 * The database schema as numbered migrations. `PRAGMA user_version` records
 * how many have run; `migrate` applies the rest, each in its own transaction,
 * so running it again is a no-op and a failed migration leaves nothing half done.
 * Never edit a shipped migration: append a new one.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: sessions, registrations, question log, reference sequences.
  `
  CREATE TABLE sessions (
    conversation_id TEXT PRIMARY KEY,
    user_id TEXT,
    json TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX sessions_user ON sessions (user_id);

  CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    level TEXT NOT NULL,
    district TEXT NOT NULL,
    fields TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'interest')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (id_number, level)
  );
  CREATE INDEX registrations_user ON registrations (user_id);
  CREATE INDEX registrations_created ON registrations (created_at);

  CREATE TABLE question_log (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    question TEXT NOT NULL,
    answered INTEGER NOT NULL CHECK (answered IN (0, 1)),
    confidence REAL NOT NULL,
    route TEXT NOT NULL
  );
  CREATE INDEX question_log_time ON question_log (time);

  CREATE TABLE seq (
    prefix TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  `,
  // 2: a registration belongs to the user who submitted it. The same ID number and level from
  // another user is a separate row marked for staff review, never an overwrite of the first.
  `
  CREATE TABLE registrations_v2 (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    level TEXT NOT NULL,
    district TEXT NOT NULL,
    fields TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'interest')),
    review TEXT CHECK (review IS NULL OR review IN ('duplicate-id')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (user_id, id_number, level)
  );
  INSERT INTO registrations_v2 (id, reference, user_id, id_number, level, district, fields, status, created_at, updated_at)
    SELECT id, reference, user_id, id_number, level, district, fields, status, created_at, updated_at FROM registrations;
  DROP TABLE registrations;
  ALTER TABLE registrations_v2 RENAME TO registrations;
  CREATE INDEX registrations_user ON registrations (user_id);
  CREATE INDEX registrations_created ON registrations (created_at);
  CREATE INDEX registrations_id_level ON registrations (id_number, level);
  CREATE INDEX sessions_updated ON sessions (updated_at);
  `,
  // 3: the staff console's accounts, server-side sessions, settings (the generated secret), audit log,
  // review decisions and the outbox of notifications to residents (bot/store/staff-store.ts,
  // audit-store.ts, review-store.ts). Times here are real time, never the DTE_NOW business clock.
  // A registration's review and unsent notifications go with it (the resident's 删除我的信息);
  // a later migration that recreates the registrations table must recreate this trigger.
  `
  CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('city', 'district')),
    district TEXT,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    CHECK ((role = 'district') = (district IS NOT NULL))
  );

  CREATE TABLE console_sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id INTEGER REFERENCES staff (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX console_sessions_staff ON console_sessions (staff_id);

  CREATE TABLE console_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    operator TEXT,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT NOT NULL DEFAULT '{}',
    session TEXT
  );
  CREATE INDEX audit_log_at ON audit_log (at);

  CREATE TABLE registration_reviews (
    reference TEXT PRIMARY KEY,
    decision TEXT NOT NULL CHECK (decision IN ('approved', 'returned', 'duplicate')),
    reason TEXT,
    registration_updated_at TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
  );

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    user_id TEXT NOT NULL,
    reference TEXT,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_until TEXT,
    last_error TEXT,
    failed_at TEXT,
    sent_at TEXT
  );
  CREATE INDEX outbox_pending ON outbox (channel, sent_at, failed_at, id);

  CREATE TRIGGER registrations_delete_review AFTER DELETE ON registrations BEGIN
    DELETE FROM registration_reviews WHERE reference = OLD.reference;
    DELETE FROM outbox WHERE reference = OLD.reference;
  END;
  `,
  // 4: answers staff taught on 缺口 (bot/store/taught-store.ts): facts, a notice passage, or
  // "not covered, ask this contact" — ids only, never free text; the (masked) phrasings that
  // lead to each; hit counts; and questions staff sent from 问答 to 缺口. Times are real time.
  `
  CREATE TABLE taught_answers (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('facts', 'passage', 'not-covered')),
    fact_ids TEXT NOT NULL DEFAULT '[]',
    chunk_id TEXT,
    contact_fact_id TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT,
    retired_by TEXT,
    hits INTEGER NOT NULL DEFAULT 0,
    last_hit_at TEXT,
    CHECK ((kind = 'facts') = (fact_ids <> '[]')),
    CHECK ((kind = 'passage') = (chunk_id IS NOT NULL)),
    CHECK ((kind = 'not-covered') = (contact_fact_id IS NOT NULL))
  );

  CREATE TABLE taught_phrasings (
    id INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL REFERENCES taught_answers (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    normalized TEXT NOT NULL,
    UNIQUE (answer_id, normalized)
  );

  CREATE TABLE gap_flags (
    normalized TEXT PRIMARY KEY,
    flagged_by TEXT NOT NULL,
    flagged_at TEXT NOT NULL
  );
  `,
];

/**
 * Bring the schema up to date; returns the schema version afterwards. The
 * version is read and the migrations applied inside one IMMEDIATE
 * transaction, so when several processes open a new database at once only
 * the first migrates and the others wait (busy timeout), then find nothing
 * left to do — never "table sessions already exists".
 */
export function migrate(db: Database.Database): number {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() >= MIGRATIONS.length) return version();
  db.transaction(() => {
    for (let i = version(); i < MIGRATIONS.length; i++) {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    }
  }).immediate();
  return version();
}
