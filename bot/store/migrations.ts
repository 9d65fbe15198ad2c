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
