/**
 * Structured logs through pino, with personal data masked in every line
 * (bot/mask.ts maskJsonLine runs maskPersonalData over every string of the
 * serialized line, so no field can slip past and the line stays JSON).
 * `createLogger` writes to a sink (stderr by default: the dte
 * command keeps stdout for answers); `createFileLogger` writes to one file
 * per day under a directory and deletes files older than the retention, for
 * `npm start`, whose terminal shows only plain lines.
 */
import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { maskJsonLine } from './mask.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** A logger that owns a file: `close()` flushes and closes it. */
export interface FileLogger extends Logger {
  /** The file written now. */
  file(): string;
  close(): void;
}

function errorFields(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack, cause: errorFields(value.cause) };
  }
  return value;
}

/** A destination pino can write serialized lines to. */
interface LineStream {
  write(line: string): void;
}

function wrap(p: pino.Logger): Logger {
  const emit = (lvl: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>) => {
    if (!p.isLevelEnabled(lvl)) return;
    if (!fields) return p[lvl](msg);
    const record: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) record[k] = errorFields(v);
    p[lvl](record, msg);
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => wrap(p.child(fields)),
  };
}

function pinoOn(level: LogLevel, stream: LineStream, base: Record<string, unknown>): pino.Logger {
  return pino(
    {
      level,
      base: { pid: process.pid, ...base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => maskJsonLine(line) },
    },
    stream as pino.DestinationStream,
  );
}

/**
 * A logger writing masked JSON lines to `sink` (one line per call, without
 * the newline), stderr by default.
 */
export function createLogger(
  level: LogLevel = 'info',
  sink: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  base: Record<string, unknown> = {},
): Logger {
  return wrap(pinoOn(level, { write: (s) => sink(s.endsWith('\n') ? s.slice(0, -1) : s) }, base));
}

export interface FileLoggerOptions {
  level: LogLevel;
  /** Directory of the daily files `<prefix>-YYYY-MM-DD.log` (created when missing). */
  dir: string;
  /** Files older than this many days are deleted when a new day's file opens. */
  retainDays: number;
  prefix?: string;
  /** Also hand every line to this (e.g. stderr for journald); none by default. */
  tee?: (line: string) => void;
  /** The real clock decides the day (never a fixed DTE_NOW). */
  clock?: () => Date;
}

/** YYYY-MM-DD of `d` in local time (the operator's day). */
function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Daily rotation: each line goes to the file of its day; opening a new day's
 * file deletes the files past the retention. Writes are synchronous (a bot
 * logs a few lines per message), so nothing is lost when the process exits.
 */
function dailyFiles(options: FileLoggerOptions): LineStream & { file(): string; close(): void } {
  const prefix = options.prefix ?? 'dte';
  const clock = options.clock ?? (() => new Date());
  const pattern = new RegExp(`^${prefix}-(\\d{4}-\\d{2}-\\d{2})\\.log$`);
  mkdirSync(options.dir, { recursive: true });
  let day = '';
  let current: ReturnType<typeof pino.destination> | undefined;
  let currentFile = '';

  const prune = (today: Date) => {
    const cutoff = localDay(new Date(today.getTime() - options.retainDays * 86_400_000));
    for (const name of readdirSync(options.dir)) {
      const m = pattern.exec(name);
      if (m && m[1]! < cutoff) {
        try {
          unlinkSync(path.join(options.dir, name));
        } catch {
          // another process may have removed it first
        }
      }
    }
  };

  const open = (now: Date) => {
    current?.flushSync();
    current?.end();
    day = localDay(now);
    currentFile = path.join(options.dir, `${prefix}-${day}.log`);
    current = pino.destination({ dest: currentFile, sync: true, mkdir: true, append: true });
    prune(now);
  };

  return {
    write(line) {
      const now = clock();
      if (localDay(now) !== day || !current) open(now);
      current!.write(line);
      options.tee?.(line.endsWith('\n') ? line.slice(0, -1) : line);
    },
    file: () => currentFile || path.join(options.dir, `${prefix}-${localDay(clock())}.log`),
    close() {
      current?.flushSync();
      current?.end();
      current = undefined;
      day = '';
    },
  };
}

/** A logger writing masked JSON lines to daily files under `options.dir`. */
export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const stream = dailyFiles(options);
  const logger = wrap(pinoOn(options.level, stream, {}));
  return { ...logger, file: stream.file, close: stream.close };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger('silent');
