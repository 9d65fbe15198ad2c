/**
 * A fresh PostgreSQL database per test (created on the tests' server, see
 * pg-global-setup.ts, dropped afterwards). Throws — the test fails, it is
 * never skipped — when there is no server or it cannot be reached.
 */
import pg from 'pg';
import { inject } from 'vitest';

/** The server's maintenance URL, or an error saying why there is none. */
export function pgServerUrl(): string {
  const url = inject('pgUrl');
  if (!url) throw new Error(inject('pgProblem') || 'no PostgreSQL server for the tests (set DTE_TEST_PG_URL)');
  return url;
}

let counter = 0;

/** Create an empty database; returns its URL and how to drop it. */
export async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = pgServerUrl();
  const name = `dte_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 10_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL server for the tests at ${server} is unreachable: ${(error as Error).message}`, { cause: error });
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
