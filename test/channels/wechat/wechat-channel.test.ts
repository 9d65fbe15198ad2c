import { afterEach, describe, expect, it } from 'vitest';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { startHarness, waitFor, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const WAITING = 2; // ScanStatus.Waiting

/**
 * A mock puppet whose gateway is unreachable for the first `failures` starts.
 * It fails in `start()` itself: failing in `onStart()` makes state-switch wait
 * its own 5 s "stable" timeout on every attempt, too slow for a unit test.
 */
function flakyPuppet(mocker: mock.Mocker, failures: number): PuppetMock {
  const puppet = new PuppetMock({ mocker });
  const realStart = puppet.start.bind(puppet);
  let left = failures;
  puppet.start = async () => {
    if (left > 0) {
      left--;
      throw new Error('gateway unreachable');
    }
    return realStart();
  };
  return puppet;
}

describe('WeChat channel: lifecycle and status', () => {
  it('reports waiting-scan with the QR code URL, prints the code, then logged-in, logged-out and disconnected', async () => {
    const printed: string[] = [];
    h = await startHarness({ login: false, printQrcode: (t) => printed.push(t) });
    expect(h.channel.status().state).toBe('connecting');
    expect(h.channel.status().startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/u);

    h.mocker.scan('https://login.weixin.qq.com/l/abc=', WAITING);
    await waitFor(() => h!.channel.status().state === 'waiting-scan');
    expect(h.channel.status().qrcodeUrl).toBe(
      'https://wechaty.js.org/qrcode/' + encodeURIComponent('https://login.weixin.qq.com/l/abc='),
    );
    expect(h.logs.some((l) => l.msg === 'wechat waiting for QR code scan')).toBe(true);
    await waitFor(() => printed.length === 1, 3000, 'the QR code drawn in the terminal');

    h.mocker.login(h.botUser);
    await waitFor(() => h!.channel.status().state === 'logged-in');
    expect(h.channel.status()).toMatchObject({ state: 'logged-in', user: 'DTE助手' });
    expect(h.channel.status().qrcodeUrl).toBeUndefined();

    await h.puppet.logout();
    await waitFor(() => h!.channel.status().state === 'logged-out');

    await h.channel.stop();
    expect(h.channel.status().state).toBe('disconnected');
    h = undefined;
  });

  it('restarts the puppet when no heartbeat arrives within the watchdog period', async () => {
    h = await startHarness({ tuning: { heartbeatTimeoutMs: 80 } });
    await waitFor(() => h!.logs.some((l) => l.msg === 'wechat restarting puppet'), 3000, 'a watchdog restart');
    const restart = h.logs.find((l) => l.msg === 'wechat restarting puppet');
    expect(String(restart?.reason)).toMatch(/^no heartbeat for \d+ ms$/u);
    await waitFor(() => h!.logs.some((l) => l.msg === 'wechat puppet restarted'), 3000, 'the restart to finish');
  });

  it('does not restart while heartbeats keep arriving, and shows the last one', async () => {
    h = await startHarness({ tuning: { heartbeatTimeoutMs: 80 } });
    for (let i = 0; i < 15; i++) {
      h.puppet.emit('heartbeat', { data: `beat-${i}` });
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(h.logs.some((l) => l.msg === 'wechat restarting puppet')).toBe(false);
    expect(h.channel.status().lastHeartbeat).toMatch(/^\d{4}-\d{2}-\d{2}T/u);
  });

  it('retries a failed start with exponential backoff until the puppet comes up, then answers', async () => {
    const mocker = new mock.Mocker();
    const puppet = flakyPuppet(mocker, 2);
    h = await startHarness({ mocker, puppet, login: false, tuning: { backoffInitialMs: 10, backoffMaxMs: 1000 } });
    await waitFor(() => h!.logs.some((l) => l.msg === 'wechat puppet restarted'), 3000, 'the puppet to come up');
    const delays = h.logs.filter((l) => l.msg === 'wechat reconnect scheduled').map((l) => l.delayMs);
    expect(delays).toEqual([10, 20]);
    const failures = h.logs.filter((l) => l.msg === 'wechat connection error');
    expect(failures.map((l) => [l.kind, l.detail, l.repeated])).toEqual([
      ['other', 'gateway unreachable', false],
      ['other', 'gateway unreachable', true],
    ]);
    expect(h.channel.status()).toMatchObject({ retryCount: 0, lastError: { kind: 'other', detail: 'gateway unreachable' } });
    expect(h.channel.status().nextRetryAt).toBeUndefined();

    mocker.login(h.botUser);
    await waitFor(() => h!.channel.status().state === 'logged-in');
    const alice = mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    h.say(alice, '重连后还能回答吗？');
    await waitFor(() => box.length === 1);
    expect(box).toEqual(['答：重连后还能回答吗？']);
  });
});
