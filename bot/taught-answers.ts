/**
 * Wires staff's taught answers: the store (SQLite; a PostgreSQL store has
 * none yet, so nothing is taught or served there) and the engine's
 * `TaughtAnswers` port, whose in-memory snapshot is rebuilt after every
 * teach or untaught (`refresh`) — the engine's `match` stays synchronous.
 */
import type { Chunk } from '../knowledge/types.js';
import type { FactsTable } from '../tools/facts-table.js';
import type { Logger } from './log.js';
import type { TaughtAnswers } from './engine/types.js';
import { buildTaughtIndex, type StaleAnswer, type TaughtIndex } from './engine/answer/taught-index.js';
import { createTaughtStore, type TaughtStore } from './store/taught-store.js';
import type Database from 'better-sqlite3';

export interface TaughtService {
  store: TaughtStore;
  /** The port the engine consults (always the current snapshot). */
  port: TaughtAnswers;
  /** Rebuild the snapshot from the store (after a teach or untaught). */
  refresh(): Promise<void>;
  /** Taught answers not served because a fact or chunk they name is gone. */
  stale(): readonly StaleAnswer[];
}

/** The taught-answer service over the store's database, or undefined when the store has none (PostgreSQL). */
export async function openTaughtAnswers(
  store: object,
  deps: { facts: FactsTable; kb: { chunks(): readonly Chunk[] }; logger?: Logger; now?: () => Date },
): Promise<TaughtService | undefined> {
  // The SQLite store exposes its connection; the PostgreSQL one has no taught-answer tables yet.
  const db = (store as { db?: Database.Database }).db;
  if (!db) return undefined;
  const taught = createTaughtStore(db, { now: deps.now });
  const recordHit = (id: string) => taught.recordHit(id);
  let index: TaughtIndex = buildTaughtIndex({ answers: [], facts: deps.facts, chunks: [] });
  const refresh = async () => {
    index = buildTaughtIndex({ answers: await taught.list(), facts: deps.facts, chunks: deps.kb.chunks() }, { recordHit });
    if (index.stale.length) deps.logger?.warn('taught answers not served: what they name is gone', { stale: index.stale });
  };
  await refresh();
  return {
    store: taught,
    port: { match: (q) => index.match(q), recordHit },
    refresh,
    stale: () => index.stale,
  };
}
