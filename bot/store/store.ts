/**
 * Opens the store a location names: a `postgres://` or `postgresql://` URL
 * is the PostgreSQL store (bot/store/pg-store.ts, loaded only then), anything
 * else a SQLite file (bot/store/sqlite-store.ts; ":memory:" for tests). Both
 * give the same async Store (bot/store/store-types.ts).
 */
import { isPostgresUrl } from './location.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store, StoreOptions } from './store-types.js';

export type {
  CommitResult,
  ConsoleStores,
  QuestionFilter,
  QuestionLogEntry,
  RegistrationFilter,
  Store,
  StoreOptions,
  TurnCommit,
  UnreadableRegistration,
} from './store-types.js';
export { registrationSnapshot } from './store-types.js';
export { describeLocation, isPostgresUrl } from './location.js';

/** Open (and migrate) the store at `location`: a file path or ":memory:" for SQLite, a URL for PostgreSQL. */
export async function openStore(location: string, options: StoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) return (await import('./pg-store.js')).openPgStore(location, options);
  return openSqliteStore(location, options);
}
