/**
 * The PostgreSQL connection pool and its one transaction helper, shared by
 * the PostgreSQL stores. Only bot/store/pg-*.ts import `pg`.
 */
import pg from 'pg';
import { describeLocation } from './location.js';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;
/** A pool or a client inside a transaction: what a query helper runs on. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** The database could not be reached or refused us: an infrastructure error with its cause. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(
    message: string,
    readonly location: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** A pool on `url`; the first connection is made here so a wrong URL fails at start, not at the first message. */
export async function connectPool(url: string, options: { max?: number; connectTimeoutMs?: number } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000 });
  // An idle client's error (the server restarted) must not crash the process: the pool drops it and reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreUnavailableError(`cannot connect to PostgreSQL at ${describeLocation(url)}: ${(error as Error).message}`, describeLocation(url), { cause: error });
  }
  return pool;
}

/**
 * Run `body` in one transaction on one client: COMMIT when it resolves,
 * ROLLBACK when it throws (the error passes on). READ COMMITTED; the
 * bodies take the row or advisory locks they need.
 */
export async function inTransaction<T>(pool: pg.Pool, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
