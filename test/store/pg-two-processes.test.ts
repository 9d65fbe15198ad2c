/**
 * Two bot processes on one PostgreSQL database (the real App in each,
 * test/support/bot-process.ts), 200 residents registering at once through
 * both: every resident's form moves between the processes halfway, one
 * process is SIGKILLed in the middle of everyone's form and a new one takes
 * its place. No registration is lost or duplicated, references are
 * consecutive, every resident sees only their own data, and every earlier
 * answer survives the kill.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumber } from '../fixtures/dialogues/residents.js';
import { freshPgDatabase } from '../support/pg-database.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESIDENTS = 200;
let dir = '';
let db: Awaited<ReturnType<typeof freshPgDatabase>>;
let env: NodeJS.ProcessEnv = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dte-pg-procs-'));
  db = await freshPgDatabase();
  env = { ...process.env, DTE_DB: db.url, DTE_INDEX_DIR: join(dir, 'index'), DTE_NOW: '2026-03-15', DTE_LOG_LEVEL: 'error', DTE_CONSOLE: 'false' };
  const built = spawnSync(process.execPath, [join(ROOT, 'bin/dte.js'), 'index'], { env, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const resident = (i: number) => ({
  user: `wx-load-${i}`,
  id: idNumber(`1990010${1 + Math.floor(i / 100)}`, '男', String(i % 100).padStart(2, '0')),
  phone: `1391234${String(i).padStart(4, '0')}`,
});
const answers = (i: number) => {
  const r = resident(i);
  return ['我要报名', '同意', '张伟', '男', r.id, '本科 计算机', '无', '枣庄某某公司', '滕州', r.phone, '初级', '确认'];
};

interface Bot {
  child: ChildProcessWithoutNullStreams;
  /** Send one message; resolves with the reply. */
  say(user: string, text: string): Promise<string>;
  stderr(): string;
}

async function startBot(): Promise<Bot> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/bot-process.ts')], { env, cwd: ROOT });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const waiting = new Map<string, (reply: string) => void>();
  let buffer = '';
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffer.slice(0, nl)) as { ready?: true; user: string; reply: string };
      buffer = buffer.slice(nl + 1);
      if (line.ready) ready();
      else waiting.get(line.user)?.(line.reply);
    }
  });
  child.on('exit', () => ready());
  await isReady;
  if (child.exitCode !== null) throw new Error(`bot process did not start: ${err}`);
  return {
    child,
    say(user, text) {
      return new Promise((resolve) => {
        waiting.set(user, resolve);
        child.stdin.write(JSON.stringify({ user, text }) + '\n');
      });
    },
    stderr: () => err,
  };
}

/** Every resident says answers [from, to) through the bot chosen for them, one message after the other. */
async function phase(from: number, to: number, botFor: (i: number) => Bot): Promise<string[][]> {
  return Promise.all(
    Array.from({ length: RESIDENTS }, async (_, i) => {
      const replies: string[] = [];
      for (const text of answers(i).slice(from, to)) replies.push(await botFor(i).say(resident(i).user, text));
      return replies;
    }),
  );
}

describe('two bot processes on one PostgreSQL database', () => {
  it('registers 200 residents at once through both, each exactly once, and resumes forms on another process after a kill', async () => {
    const a = await startBot();
    let b = await startBot();
    const c0 = [a, b];
    try {
      // First half of the form: even residents on A, odd ones on B.
      await phase(0, 6, (i) => c0[i % 2]!);
      // Then each resident's form moves to the other process.
      await phase(6, 9, (i) => c0[(i + 1) % 2]!);
      // A dies in the middle of everyone's form; a new process takes its place.
      a.child.kill('SIGKILL');
      await new Promise((r) => a.child.once('exit', r));
      const c = await startBot();
      const c1 = [c, b];
      const last = await phase(9, 12, (i) => c1[i % 2]!);
      for (let i = 0; i < RESIDENTS; i++) {
        const confirm = last[i]!.at(-1)!;
        expect(confirm, `resident ${i}: ${last[i]!.join(' | ')}`).toContain('报名已提交');
        // No cross-talk: a resident's replies never carry another resident's phone number.
        for (const reply of last[i]!) {
          const phones = reply.match(/1391234\d{4}/g) ?? [];
          for (const p of phones) expect(p).toBe(resident(i).phone);
        }
      }
      c.child.stdin.end();
      b.child.stdin.end();
      await Promise.all([c, b].map((x) => new Promise((r) => (x.child.exitCode !== null ? r(null) : x.child.once('exit', r)))));
      b = c;
    } finally {
      for (const x of [a, b]) if (x.child.exitCode === null) x.child.kill('SIGKILL');
    }

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const rows = (await client.query<{ reference: string; user_id: string; id_number: string; fields: string; review: string | null }>(
        'SELECT reference, user_id, id_number, fields, review FROM registrations ORDER BY reference',
      )).rows;
      expect(rows).toHaveLength(RESIDENTS);
      expect(rows.map((r) => r.reference)).toEqual(Array.from({ length: RESIDENTS }, (_, i) => `DTE-${String(i + 1).padStart(6, '0')}`));
      expect(new Set(rows.map((r) => r.user_id)).size).toBe(RESIDENTS);
      for (const row of rows) {
        const i = Number(row.user_id.replace('wx-load-', ''));
        const fields = JSON.parse(row.fields) as { idNumber: string; phone: string; district: string; level: string };
        // Every answer given before the kill and the move is there, and it is this resident's own.
        expect(fields).toMatchObject({ idNumber: resident(i).id, phone: resident(i).phone, level: '初级' });
        expect(row.review).toBeNull();
      }
    } finally {
      await client.end();
    }
  }, 600_000);
});
