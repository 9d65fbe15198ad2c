/**
 * The real bot process, measured from outside: `node bin/start.js` (what
 * `npm start` runs) on a saved index, with its staff console on a free
 * loopback port, its database, logs and status file in a temporary
 * directory, no WeChat token and no model; one question through the
 * console's `POST /api/ask`, then its resident set size from
 * /proc/<pid>/status (VmRSS), then SIGTERM. Nothing of the benchmark's own
 * process (its loops, its second index, its timing arrays) is in the figure.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RealProcessFigures {
  /** VmRSS after the first answer (MB). */
  rssMb: number;
  /** VmHWM, the peak RSS up to then (MB). */
  peakRssMb: number;
  /** From spawn to the first answer received (ms): start, index load, console, one answer. */
  firstAnswerMs: number;
  /** The answer, so a broken start is not mistaken for a small one. */
  answer: string;
}

export type RealProcessResult = { ok: true; value: RealProcessFigures } | { ok: false; error: string };

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** VmRSS and VmHWM of a process, in MB (Linux). */
export function procMemory(pid: number): { rssMb: number; peakRssMb: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  const rss = kb('VmRSS');
  const hwm = kb('VmHWM');
  return Number.isFinite(rss) ? { rssMb: rss / 1024, peakRssMb: Number.isFinite(hwm) ? hwm / 1024 : rss / 1024 } : undefined;
}

/** Variables of the bench's own environment that would change what the bot starts (WeChat, a model, paths). */
const BOT_VARIABLE = /^(DTE_|WECHATY_|LLM_|EMBEDDINGS_|OPENAI_)/;

export interface RealProcessOptions {
  projectRoot: string;
  indexDir: string;
  question: { text: string; region?: string };
  /** DTE_NOW for the bot (fixes the clock as the eval does). */
  now: string;
  timeoutMs?: number;
}

/** Start the bot, ask once, read its memory, stop it. Never throws for a bot that fails: an error value says what happened. */
export async function measureRealProcess(opts: RealProcessOptions): Promise<RealProcessResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dte-bench-bot-'));
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !BOT_VARIABLE.test(k)) env[k] = v;
  Object.assign(env, {
    DTE_CONSOLE_HOST: '127.0.0.1',
    DTE_CONSOLE_PORT: String(port),
    DTE_CONSOLE_TOKEN: token,
    DTE_DB: join(dir, 'dte.sqlite'),
    DTE_INDEX_DIR: opts.indexDir,
    DTE_LOG_DIR: join(dir, 'logs'),
    DTE_STATUS_FILE: join(dir, 'wechat-status.json'),
    DTE_NOW: opts.now,
  });
  const started = performance.now();
  // The working directory is the temporary one, so no .env of the checkout is read.
  const child = spawn(process.execPath, [join(opts.projectRoot, 'bin/start.js')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => void (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => void (output += d.toString('utf8')));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killed);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = started + (opts.timeoutMs ?? 120_000);
  try {
    const body = JSON.stringify({ q: opts.question.text, ...(opts.question.region ? { region: opts.question.region } : {}) });
    while (performance.now() < deadline) {
      if (exited !== undefined) return { ok: false, error: `bot exited (${exited}) before answering: ${output.trim().slice(-400)}` };
      let res: Response;
      try {
        res = await fetch(`http://127.0.0.1:${port}/api/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
      } catch {
        // Not listening yet (loading the index): try again shortly.
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const firstAnswerMs = performance.now() - started;
      if (!res.ok) return { ok: false, error: `POST /api/ask answered ${res.status}: ${(await res.text()).slice(0, 200)}` };
      const answer = ((await res.json()) as { answer?: unknown }).answer;
      const memory = procMemory(child.pid!);
      if (!memory) return { ok: false, error: `cannot read /proc/${child.pid}/status` };
      if (typeof answer !== 'string' || answer === '') return { ok: false, error: 'the bot answered without text' };
      return { ok: true, value: { ...memory, firstAnswerMs, answer } };
    }
    return { ok: false, error: `no answer within ${opts.timeoutMs ?? 120_000} ms: ${output.trim().slice(-400)}` };
  } finally {
    await stop();
  }
}
