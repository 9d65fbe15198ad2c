import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryable, withRetry } from '../../../bot/engine/llm/retry.js';
import { LlmTimeoutError } from '../../../bot/engine/llm/deadline.js';

const status = (n: number) => Object.assign(new Error(`HTTP ${n}`), { status: n });

describe('isRetryable', () => {
  it.each([
    ['a rate limit (429)', status(429), true],
    ['a server error (500)', status(500), true],
    ['a bad gateway (502)', status(502), true],
    ['a request time-out (408)', status(408), true],
    ['a status on the response object', Object.assign(new Error('x'), { response: { status: 503 } }), true],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    ['fetch failed with a network cause', new Error('fetch failed'), true],
    ['a connection error wrapped as cause', new Error('request failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }), true],
    ['a bad key (401)', status(401), false],
    ['a bad request (400)', status(400), false],
    ['an unknown model (404)', status(404), false],
    ['our own deadline', new LlmTimeoutError(100), false],
    ['an abort', Object.assign(new Error('aborted'), { name: 'AbortError' }), false],
    ['a plain bug', new TypeError('x is undefined'), false],
    ['a non-error value', 'boom', false],
  ])('%s -> %s', (_label, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base delay and stops at the cap', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 350 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy))).toEqual([100, 200, 350, 350]);
  });
});

describe('withRetry', () => {
  const policy = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 };

  it('retries retryable failures and returns the first success', async () => {
    const outcomes = [status(429), status(503), 'ok'];
    let calls = 0;
    const retries: number[] = [];
    const value = await withRetry(
      async () => {
        const o = outcomes[calls++];
        if (o instanceof Error) throw o;
        return o;
      },
      { policy, signal: new AbortController().signal, onRetry: (n) => retries.push(n) },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('rethrows the last error once the retries are spent', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw status(429);
      }, { policy, signal: new AbortController().signal }),
    ).rejects.toMatchObject({ status: 429 });
    expect(calls).toBe(3);
  });

  it('does not retry a non-retryable error', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw status(401);
      }, { policy, signal: new AbortController().signal }),
    ).rejects.toMatchObject({ status: 401 });
    expect(calls).toBe(1);
  });

  it('stops waiting for the next attempt as soon as the signal aborts', async () => {
    const controller = new AbortController();
    let calls = 0;
    const slow = { maxRetries: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 };
    const run = withRetry(async () => {
      calls++;
      throw status(503);
    }, { policy: slow, signal: controller.signal });
    setTimeout(() => controller.abort(new LlmTimeoutError(5)), 5);
    await expect(run).rejects.toBeInstanceOf(LlmTimeoutError);
    expect(calls).toBe(1);
  });
});
