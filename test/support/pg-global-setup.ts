/**
 * Vitest global setup: the PostgreSQL server the PG tests run against.
 *
 * - DTE_TEST_PG_URL set (CI: .ci/run starts a cluster and exports it): used
 *   as given; the tests FAIL with the connection error if it is unreachable.
 * - Not set (a developer's plain `npm test`): a throwaway cluster is started
 *   here with initdb/pg_ctl (test/support/pg-cluster.sh) and removed after
 *   the run. Chosen over skipping because "the same behaviour suite passes
 *   on both stores" must be checked by every `npm test`, not only in CI;
 *   PostgreSQL is a documented test prerequisite (README, 新机器需要什么).
 *   Without initdb the PG tests fail with a message saying how to run them.
 * The cluster starts in under a second, so runs that need no PostgreSQL pay little.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's URL (a maintenance database), or '' when there is none. */
    pgUrl: string;
    /** Why there is no server ('' when there is one). */
    pgProblem: string;
  }
}

const SCRIPT = fileURLToPath(new URL('./pg-cluster.sh', import.meta.url));

export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env.DTE_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    project.provide('pgProblem', '');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dte-pg-'));
  try {
    const url = execFileSync('bash', [SCRIPT, 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    project.provide('pgUrl', url);
    project.provide('pgProblem', '');
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim();
    project.provide('pgUrl', '');
    project.provide(
      'pgProblem',
      `no PostgreSQL server for the tests: ${stderr}. Install PostgreSQL (Debian: sudo apt-get install -y postgresql) so the tests can start a throwaway cluster, ` +
        'or point DTE_TEST_PG_URL at a server where the user may CREATE DATABASE.',
    );
  }
  return () => {
    execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
  };
}
