import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, createLogger } from '../../bot/log.js';

const ID = '370402199001011238';
const PHONE = '13912345678';

describe('logger', () => {
  it('writes one masked JSON line per call with level, ISO time, message and fields, children adding theirs', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l)).child({ channel: 'wechat' });
    log.debug('not written');
    log.info('registration saved', { note: `身份证${ID} 电话${PHONE}`, error: new Error('boom', { cause: new Error('root') }) });
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({ level: 'info', msg: 'registration saved', channel: 'wechat', error: { message: 'boom', cause: { message: 'root' } } });
    expect(record.time).toMatch(/^\d{4}-\d{2}-\d{2}T/u);
    expect(lines[0]).not.toContain(ID);
    expect(lines[0]).not.toContain(PHONE);
  });

  it('writes to a file per day under the log directory, masked, and lands every line before close', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'dte-logs-')), 'logs');
    let now = new Date(2026, 2, 14, 23, 59);
    const log = createFileLogger({ level: 'info', dir, retainDays: 14, clock: () => now });
    log.info('wechat message', { text: `我的身份证是${ID}` });
    const first = log.file();
    expect(path.basename(first)).toBe('dte-2026-03-14.log');
    now = new Date(2026, 2, 15, 0, 1);
    log.warn('next day');
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['dte-2026-03-14.log', 'dte-2026-03-15.log']);
    const day1 = readFileSync(first, 'utf8');
    expect(JSON.parse(day1.trim())).toMatchObject({ level: 'info', msg: 'wechat message' });
    expect(day1).not.toContain(ID);
    expect(day1).toContain('3704**********1238');
    expect(readFileSync(path.join(dir, 'dte-2026-03-15.log'), 'utf8')).toContain('"next day"');
  });

  it('deletes daily files older than the retention when a new day starts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dte-logs-'));
    for (const day of ['2026-02-01', '2026-03-01', '2026-03-10']) writeFileSync(path.join(dir, `dte-${day}.log`), '{}\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'kept');
    const log = createFileLogger({ level: 'info', dir, retainDays: 7, clock: () => new Date(2026, 2, 15, 9) });
    log.info('start');
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['dte-2026-03-10.log', 'dte-2026-03-15.log', 'notes.txt']);
    expect(existsSync(path.join(dir, 'dte-2026-02-01.log'))).toBe(false);
  });

  it('can also hand the lines to stderr-like output', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dte-logs-'));
    const teed: string[] = [];
    const log = createFileLogger({ level: 'warn', dir, retainDays: 1, tee: (l) => teed.push(l) });
    log.info('below the level');
    log.warn('shown');
    log.close();
    expect(teed.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
  });
});
