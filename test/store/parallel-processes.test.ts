/**
 * Several real `dte chat` processes on one SQLite file: 50 residents confirm
 * their registrations at the same time (no "database is locked", no lost or
 * duplicated reference), and a process killed in the middle of a form loses
 * nothing that was answered before (the next process continues it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumber } from '../fixtures/dialogues/residents.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DTE = join(ROOT, 'bin/dte.js');
let dir = '';
let env: NodeJS.ProcessEnv = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dte-procs-'));
  env = { ...process.env, DTE_INDEX_DIR: join(dir, 'index'), DTE_NOW: '2026-03-15', DTE_LOG_LEVEL: 'error' };
  // One index for every process (built once, as `npm start` would on first run).
  const built = spawnSync(process.execPath, [DTE, 'index'], { env, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function answers(i: number): string[] {
  const seq = String(i).padStart(2, '0');
  return ['我要报名', '同意', '张伟', '男', idNumber('19900101', '男', seq), '本科 计算机', '无', '枣庄某某公司', '滕州', `139123456${seq}`, '初级', '确认'];
}

function chat(db: string, user: string, lines: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DTE, 'chat', '--db', db, '--user', user], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(lines.join('\n') + '\n');
  });
}

describe('several dte chat processes on one database', () => {
  it('confirms 50 registrations sent at the same time, each once, with consecutive references', async () => {
    const db = join(dir, 'parallel.sqlite');
    const runs = await Promise.all(Array.from({ length: 50 }, (_, i) => chat(db, `u${i + 1}`, answers(i + 1))));
    const failed = runs.filter((r) => r.code !== 0 || !r.stdout.includes('报名已提交'));
    expect(failed.map((r) => r.stderr || r.stdout.split('\n').at(-2))).toEqual([]);
    const d = new Database(db, { readonly: true });
    const rows = d.prepare('SELECT reference, user_id FROM registrations ORDER BY reference').all() as Array<{ reference: string; user_id: string }>;
    d.close();
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.user_id)).size).toBe(50);
    expect(rows.map((r) => r.reference)).toEqual(Array.from({ length: 50 }, (_, i) => `DTE-${String(i + 1).padStart(6, '0')}`));
  }, 300_000);

  it('continues a form after the process was killed in the middle of it, with every earlier answer kept', async () => {
    const db = join(dir, 'crash.sqlite');
    const all = answers(7);
    const child = spawn(process.execPath, [DTE, 'chat', '--db', db, '--user', 'crash'], { env });
    let out = '';
    const sixReplies = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.split('\n').filter(Boolean).length >= 6) resolve();
      });
    });
    child.stdin.write(all.slice(0, 6).join('\n') + '\n');
    await sixReplies;
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));

    const rest = await chat(db, 'crash', all.slice(6));
    expect(rest.stdout, out + '\n---\n' + rest.stdout + rest.stderr).toContain('报名已提交');
    const d = new Database(db, { readonly: true });
    const row = d.prepare('SELECT fields FROM registrations WHERE user_id LIKE ?').get('%crash') as { fields: string };
    d.close();
    expect(JSON.parse(row.fields)).toMatchObject({ name: '张伟', gender: '男', idNumber: all[4], education: '本科 计算机', phone: '13912345607' });
  }, 120_000);
});
