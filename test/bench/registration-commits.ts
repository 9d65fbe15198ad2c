/**
 * Durable registration commits per second: the store as the bot opens it
 * (a file on disk, WAL, synchronous=FULL, secure_delete), each commit one
 * turn's transaction (a new registration with its reference, the session,
 * a question-log row), one after another as a single bot process sends them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newSession } from '../../bot/engine/types.js';
import { openStore } from '../../bot/store/store.js';
import { NEW_REFERENCE } from '../../bot/registration/types.js';
import { registrationRecord } from '../fixtures/registration-record.js';

export interface CommitFigures {
  commits: number;
  perSecond: number;
  p95Ms: number;
}

export async function measureRegistrationCommits(count = 2000): Promise<CommitFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'dte-bench-store-'));
  const store = await openStore(join(dir, 'bench.sqlite'), { referencePrefix: 'BENCH' });
  try {
    const durations: number[] = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const record = registrationRecord({
        reference: NEW_REFERENCE,
        userId: `bench:${i}`,
        name: '张伟',
        idNumber: `3704021990${String(i).padStart(8, '0')}`,
        createdAt: '2026-03-15T00:00:00.000Z',
        updatedAt: '2026-03-15T00:00:00.000Z',
      });
      const t0 = performance.now();
      await store.commitTurn({
        conversationId: `bench:${i}`,
        userId: `bench:${i}`,
        session: newSession(),
        now: new Date('2026-03-15T00:00:00.000Z'),
        effects: [
          { kind: 'save-registration', record },
          { kind: 'log-question', question: '确认', answered: true, confidence: 1, route: 'form' },
        ],
      });
      durations.push(performance.now() - t0);
    }
    const wall = performance.now() - started;
    durations.sort((a, b) => a - b);
    return { commits: count, perSecond: (count / wall) * 1000, p95Ms: durations[Math.floor(durations.length * 0.95)] ?? 0 };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
