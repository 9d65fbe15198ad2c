/**
 * `dte status [--json]`: the WeChat connection of the running `npm start`,
 * for a headless server. It reads the status file the WeChat channel writes
 * (DTE_STATUS_FILE, data/wechat-status.json by default) rather than the
 * console's HTTP endpoint, so it works with the console off or behind a
 * token, and says so when the process that wrote it is gone.
 * Exit code: 0 when logged in, 1 otherwise (usable by a monitoring check).
 */
import path from 'node:path';
import type { Config } from '../../config.js';
import { readStatusFile, type ConnectionStatus } from '../wechat/connection-state.js';
import { connectionLabels as L, connectionStates, statusCommand } from '../../../prompts/wechat-connection.js';

/** The status as labelled lines, in the order an operator reads them. */
export function formatStatus(s: ConnectionStatus): string[] {
  const lines = [`${L.state}：${connectionStates[s.state] ?? s.state}`, `${L.puppet}：${s.puppet}`];
  if (s.account) lines.push(`${L.account}：${s.account.name}（${s.account.id}）`);
  if (s.qrcodeUrl) lines.push(`${L.qrcodeUrl}：${s.qrcodeUrl}`);
  if (s.lastError) lines.push(`${L.lastError}：${s.lastError.message}`, `${L.lastErrorAt}：${s.lastError.at}`);
  lines.push(`${L.retryCount}：${s.retryCount}`);
  if (s.nextRetryAt) lines.push(`${L.nextRetryAt}：${s.nextRetryAt}`);
  lines.push(`${L.lastHeartbeat}：${s.lastHeartbeat ?? statusCommand.none}`);
  lines.push(`${L.lastMessageAt}：${s.lastMessageAt ?? statusCommand.none}`);
  lines.push(`${L.sendQueue}：${s.sendQueue}`, `${L.conversationQueue}：${s.conversationQueue}`);
  lines.push(`${L.startedAt}：${s.startedAt}`, `${L.updatedAt}：${s.updatedAt}`);
  return lines;
}

/** Print the status; resolves to the exit code. */
export function runStatus(config: Pick<Config, 'DTE_STATUS_FILE'>, json: boolean, root: string, out: (line: string) => void): number {
  const file = path.isAbsolute(config.DTE_STATUS_FILE) ? config.DTE_STATUS_FILE : path.resolve(root, config.DTE_STATUS_FILE);
  const read = readStatusFile(file);
  if (read.kind === 'missing') {
    out(json ? JSON.stringify({ running: false }) : statusCommand.missing(file));
    return 1;
  }
  if (read.kind === 'invalid') {
    out(json ? JSON.stringify({ running: false, error: read.reason }) : statusCommand.invalid(file, read.reason));
    return 1;
  }
  if (json) out(JSON.stringify({ running: read.writerAlive, ...read.status }));
  else {
    if (!read.writerAlive) out(statusCommand.stale(read.status.pid));
    for (const line of formatStatus(read.status)) out(line);
  }
  return read.writerAlive && read.status.state === 'logged-in' ? 0 : 1;
}
