/** `npm start` as an operator runs it (a child process). */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/start.js'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm start', () => {
  it('stops with a message naming DTE_CONSOLE_PORT and exit code 1 when the port is taken, even with WeChat configured', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    const dir = mkdtempSync(path.join(tmpdir(), 'dte-start-'));
    try {
      const r = await run({
        DTE_CONSOLE_PORT: String(port),
        WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_00000000-0000-4000-8000-000000000000',
        WECHATY_PUPPET_SERVICE_ENDPOINT: '127.0.0.1:1',
        DTE_DB: path.join(dir, 'dte.sqlite'),
        DTE_LOG_DIR: path.join(dir, 'logs'),
        DTE_STATUS_FILE: path.join(dir, 'wechat-status.json'),
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('DTE_CONSOLE_PORT');
      expect(r.stderr).toContain(String(port));
      // The terminal gets plain lines; the JSON goes to the log file.
      expect(r.stdout).not.toMatch(/^\{/mu);
      expect(r.stdout).toContain('日志写入');
      expect(r.stdout).not.toContain('微信：正在连接');
      const files = readdirSync(path.join(dir, 'logs'));
      expect(files).toHaveLength(1);
      const lines = readFileSync(path.join(dir, 'logs', files[0]!), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.some((l) => l.msg === 'console could not listen')).toBe(true);
    } finally {
      busy.close();
    }
  }, 60_000);
});
