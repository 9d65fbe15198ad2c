/**
 * What an operator sees when the connection cannot work: against a local
 * puppet-service gateway (fake-gateway.ts) with the real client. Each failed
 * attempt of the real puppet takes about 5 s (Wechaty waits for the puppet's
 * state to settle), hence the longer timeouts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { readStatusFile } from '../../../bot/channels/wechat/connection-state.js';
import { connectionErrorLine } from '../../../prompts/wechat-connection.js';
import { freePort, startFakeGateway, type FakeGateway } from './fake-gateway.js';
import { startGatewayChannel, type GatewayChannel } from './gateway-harness.js';
import { waitFor } from './harness.js';

let gateway: FakeGateway | undefined;
let bot: GatewayChannel | undefined;
afterEach(async () => {
  await bot?.stop();
  await gateway?.stop();
  bot = gateway = undefined;
});

describe('connection failures, as the operator sees them', () => {
  it('a token the gateway rejects gives one clear Chinese line with the fix, no retries and no stack traces', async () => {
    gateway = await startFakeGateway({ token: `insecure_${randomUUID()}`, tls: false });
    const wrong = `insecure_${randomUUID()}`;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'dte-status-')), 'wechat-status.json');
    bot = await startGatewayChannel(
      { WECHATY_PUPPET_SERVICE_TOKEN: wrong, WECHATY_PUPPET_SERVICE_ENDPOINT: gateway.endpoint, WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true' },
      { backoffInitialMs: 50 },
      file,
    );
    const s = bot.channel.status();
    expect(s).toMatchObject({ state: 'failed', retryCount: 0, lastError: { kind: 'token-rejected' } });
    expect(s.nextRetryAt).toBeUndefined();
    const line = connectionErrorLine('token-rejected', { puppet: 'wechaty-puppet-service' });
    expect(s.lastError?.message).toBe(line);
    expect(line).toContain('WECHATY_PUPPET_SERVICE_TOKEN');
    // One failure line among the operator's lines, and nothing is retried afterwards.
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.lines.filter((l) => l.includes('令牌'))).toEqual([`微信：${line}`]);
    expect(bot.logs.some((l) => l.msg === 'wechat reconnect scheduled')).toBe(false);
    // The log says what happened in one line: no stack, and the token is not written in full.
    const errors = bot.logs.filter((l) => l.msg === 'wechat connection error');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(bot.logs)).not.toContain('    at ');
    expect(JSON.stringify(bot.logs)).not.toContain(wrong);
    // dte status reads the same from the status file.
    const read = readStatusFile(file);
    expect(read).toMatchObject({ kind: 'status', writerAlive: true, status: { state: 'failed', lastError: { kind: 'token-rejected' } } });
    expect(readFileSync(file, 'utf8')).not.toContain(wrong);
  }, 30_000);

  it('a bare UUID token is refused before connecting, with the insecure_ fix', async () => {
    bot = await startGatewayChannel({ WECHATY_PUPPET_SERVICE_TOKEN: randomUUID(), WECHATY_PUPPET_SERVICE_ENDPOINT: '127.0.0.1:1' });
    expect(bot.channel.status()).toMatchObject({ state: 'failed', retryCount: 0, lastError: { kind: 'token-needs-prefix' } });
    expect(bot.lines).toHaveLength(2);
    expect(bot.lines[1]).toContain('insecure_');
  });

  it('an unreachable endpoint is retried with a growing delay, visible in the status, and said once', async () => {
    const port = await freePort();
    bot = await startGatewayChannel(
      {
        WECHATY_PUPPET_SERVICE_TOKEN: `insecure_${randomUUID()}`,
        WECHATY_PUPPET_SERVICE_ENDPOINT: `127.0.0.1:${port}`,
        WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
      },
      { backoffInitialMs: 300, backoffMaxMs: 450 },
    );
    const first = bot.channel.status();
    expect(first).toMatchObject({ state: 'reconnecting', retryCount: 1, lastError: { kind: 'unreachable' } });
    expect(first.lastError?.message).toContain(`127.0.0.1:${port}`);
    const next = Date.parse(first.nextRetryAt!);
    expect(next - Date.parse(first.updatedAt)).toBeGreaterThan(0);
    expect(next - Date.parse(first.updatedAt)).toBeLessThanOrEqual(300);

    await waitFor(() => bot!.channel.status().retryCount === 3, 25_000, 'two more failed attempts');
    const delays = bot.logs.filter((l) => l.msg === 'wechat reconnect scheduled').map((l) => l.delayMs);
    expect(delays).toEqual([300, 450, 450]); // doubled, then capped
    expect(bot.lines.filter((l) => l.includes('连不上'))).toHaveLength(1);
  }, 40_000);
});
