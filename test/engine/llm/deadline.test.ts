import { describe, expect, it } from 'vitest';
import { LlmTimeoutError, withDeadline } from '../../../bot/engine/llm/deadline.js';

describe('withDeadline', () => {
  it('returns the value of work that finishes in time', async () => {
    expect(await withDeadline(1000, async () => 42)).toEqual({ ok: true, value: 42 });
  });

  it('returns a thrown error as a value', async () => {
    const boom = new Error('boom');
    expect(
      await withDeadline(1000, async () => {
        throw boom;
      }),
    ).toEqual({ ok: false, error: boom });
  });

  it('aborts the work at the deadline and reports a time-out', async () => {
    let reason: unknown;
    const result = await withDeadline(
      20,
      (signal) =>
        new Promise<never>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            reject(new Error('aborted'));
          });
        }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBeInstanceOf(LlmTimeoutError);
    expect(reason).toBeInstanceOf(LlmTimeoutError);
  });

  it('settles at the deadline even when the work ignores the signal', async () => {
    const started = performance.now();
    const result = await withDeadline(20, () => new Promise<never>(() => undefined));
    expect(result.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
