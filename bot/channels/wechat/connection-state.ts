/**
 * The WeChat link as plain data: what the console's 状态 page, the
 * operator's terminal and `dte status` show. Imports nothing from wechaty,
 * so the console and the dte command can read it.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ConnectionErrorKind } from './connection-error.js';

export const CONNECTION_STATES = [
  /** Starting the puppet (first attempt or a retry in progress). */
  'connecting',
  /** Connected to the puppet; the account must scan the QR code. */
  'waiting-scan',
  'logged-in',
  'logged-out',
  /** The last attempt failed; another is scheduled at `nextRetryAt`. */
  'reconnecting',
  /** Needs the operator: the configuration cannot work (see `lastError`). */
  'failed',
  /** Not started, or stopped. */
  'disconnected',
] as const;
export type ConnectionStateName = (typeof CONNECTION_STATES)[number];

export const ConnectionStatusSchema = z.object({
  state: z.enum(CONNECTION_STATES),
  /** npm name of the puppet, or "injected" in tests. */
  puppet: z.string(),
  /** The logged-in bot account. */
  account: z.object({ id: z.string(), name: z.string() }).optional(),
  /** Display name of the logged-in account (kept for older readers of the status). */
  user: z.string().optional(),
  qrcodeUrl: z.string().optional(),
  /** The login QR code's raw value (the console draws it locally). */
  qrcode: z.string().optional(),
  /** The last failure: its kind, the plain Chinese sentence with the fix, the puppet's words and when. */
  lastError: z
    .object({ kind: z.string(), message: z.string(), detail: z.string(), at: z.string() })
    .optional(),
  /** Failed attempts since the last successful start. */
  retryCount: z.number().int().nonnegative(),
  /** ISO time of the next attempt, while reconnecting. */
  nextRetryAt: z.string().optional(),
  lastHeartbeat: z.string().optional(),
  /** ISO time of the last inbound message. */
  lastMessageAt: z.string().optional(),
  /** Outgoing messages (and friend acceptances) queued or being sent. */
  sendQueue: z.number().int().nonnegative(),
  /** Inbound messages queued or being answered, across conversations. */
  conversationQueue: z.number().int().nonnegative(),
  startedAt: z.string(),
  /** ISO time of this snapshot. */
  updatedAt: z.string(),
  /** The process that wrote it (status file only). */
  pid: z.number().int().optional(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

/** The `lastError` of a status, built from a kind and its sentence. */
export function errorEntry(kind: ConnectionErrorKind, message: string, detail: string, at: Date): NonNullable<ConnectionStatus['lastError']> {
  return { kind, message, detail, at: at.toISOString() };
}

/** Write the status atomically (tmp + rename) so a reader never sees half a file. */
export function writeStatusFile(file: string, status: ConnectionStatus): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...status, pid: process.pid }, null, 2) + '\n');
  renameSync(tmp, file);
}

export type StatusFileRead =
  | { kind: 'status'; status: ConnectionStatus; writerAlive: boolean }
  | { kind: 'missing' }
  | { kind: 'invalid'; reason: string };

function processAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Read a status file; says whether the process that wrote it still runs. */
export function readStatusFile(file: string, alive: (pid: number | undefined) => boolean = processAlive): StatusFileRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', reason: (error as Error).message };
  }
  const parsed = ConnectionStatusSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', reason: z.prettifyError(parsed.error) };
  return { kind: 'status', status: parsed.data, writerAlive: alive(parsed.data.pid) };
}

/** The fields of the status the 状态 page shows besides state, account name and times. */
export interface ConnectionDetails {
  lastError?: { message: string; at: string };
  retryCount?: number;
  nextRetryAt?: string;
  accountId?: string;
  lastMessageAt?: string;
  sendQueue?: number;
  conversationQueue?: number;
}

/** Pick the details from whatever status-like value the console was given (unknown fields are left out). */
export function connectionDetails(w: unknown): ConnectionDetails {
  const parsed = ConnectionStatusSchema.partial().safeParse(w);
  if (!parsed.success) return {};
  const s = parsed.data;
  const d: ConnectionDetails = {};
  if (s.lastError) d.lastError = { message: s.lastError.message, at: s.lastError.at };
  if (s.retryCount !== undefined) d.retryCount = s.retryCount;
  if (s.nextRetryAt) d.nextRetryAt = s.nextRetryAt;
  if (s.account) d.accountId = s.account.id;
  if (s.lastMessageAt) d.lastMessageAt = s.lastMessageAt;
  if (s.sendQueue !== undefined) d.sendQueue = s.sendQueue;
  if (s.conversationQueue !== undefined) d.conversationQueue = s.conversationQueue;
  return d;
}
