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
];

/** Bring the schema up to date; returns the schema version afterwards. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
