import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, measureRealProcess, procMemory } from './real-process.js';

describe('the real-process probe', () => {
  it('reads a process resident set size and peak from /proc', () => {
    const m = procMemory(process.pid)!;
    expect(m.rssMb).toBeGreaterThan(10);
    expect(m.peakRssMb).toBeGreaterThanOrEqual(m.rssMb);
    expect(procMemory(2 ** 30)).toBeUndefined();
  });

  it('finds a loopback port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((r) => server.close(r));
  });

  it('reports a bot that exits before answering as an error value, with its output', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dte-no-bot-'));
    try {
      const r = await measureRealProcess({ projectRoot: root, indexDir: root, question: { text: '培训费多少' }, now: '2026-03-01', timeoutMs: 20_000 });
      expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/exited/) });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
