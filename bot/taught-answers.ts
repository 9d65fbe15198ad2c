/**
 * Wires staff's taught answers: the store (bot/store/taught-store.ts on
 * SQLite, bot/store/pg-taught-store.ts on PostgreSQL — loaded only then —
 * over the bot store's connection or pool) and the engine's
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
import type { PgPool } from './store/pg-pool.js';

export interface TaughtService {
  store: TaughtStore;
  /** The port the engine consults (always the current snapshot). */
  port: TaughtAnswers;
  /** Rebuild the snapshot from the store (after a teach or untaught). */
  refresh(): Promise<void>;
  /** Taught answers not served because a fact or chunk they name is gone. */
  stale(): readonly StaleAnswer[];
}

/** The taught-answer service over the store's database (SQLite or PostgreSQL), or undefined for a store that exposes neither. */
export async function openTaughtAnswers(
  store: object,
  deps: { facts: FactsTable; kb: { chunks(): readonly Chunk[] }; logger?: Logger; now?: () => Date },
): Promise<TaughtService | undefined> {
  // The SQLite store exposes its connection, the PostgreSQL one (kind 'postgres') its pool.
  const { db, kind, pool } = store as { db?: Database.Database; kind?: string; pool?: PgPool };
  let taught: TaughtStore;
  if (db) taught = createTaughtStore(db, { now: deps.now });
  else if (kind === 'postgres' && pool) taught = (await import('./store/pg-taught-store.js')).createPgTaughtStore(pool, { now: deps.now });
  else return undefined;
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
