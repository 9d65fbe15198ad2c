import { describe, expect, it } from 'vitest';
import { createSendQueue } from '../../../bot/channels/wechat/send-queue.js';

/** A fake clock advanced only by the queue's own sleeps. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    clock: () => new Date(now),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms: number) => (now += ms),
  };
}

describe('createSendQueue', () => {
  it('runs actions one at a time in order, spaced by the interval', async () => {
    const t = fakeTime();
    const queue = createSendQueue({ intervalMs: 1200, clock: t.clock, sleep: t.sleep });
    const order: string[] = [];
    const at: number[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((x) =>
        queue.push('reply', async () => {
          order.push(x);
          at.push(t.clock().getTime());
        }),
      ),
    );
    expect(order).toEqual(['a', 'b', 'c']);
    expect(at).toEqual([0, 1200, 2400]);
  });

  it('does not wait when the interval has already passed', async () => {
    const t = fakeTime();
    const queue = createSendQueue({ intervalMs: 1000, clock: t.clock, sleep: t.sleep });
    await queue.push('reply', async () => {});
    t.advance(5000);
    await queue.push('reply', async () => {});
    expect(t.sleeps).toEqual([]);
  });

  it('reports a failing action as a value and goes on with the next', async () => {
    const t = fakeTime();
    const errors: string[] = [];
    const queue = createSendQueue({
      intervalMs: 0,
      clock: t.clock,
      sleep: t.sleep,
      onError: (label, e) => errors.push(`${label}: ${(e as Error).message}`),
    });
    const first = queue.push('reply', async () => {
      throw new Error('send refused');
    });
    let ran = false;
    const second = queue.push('reply', async () => {
      ran = true;
    });
    expect(await first).toMatchObject({ ok: false });
    expect(await second).toEqual({ ok: true });
    expect(ran).toBe(true);
    expect(errors).toEqual(['reply: send refused']);
  });

  it('resolves idle() once everything queued has run', async () => {
    const t = fakeTime();
    const queue = createSendQueue({ intervalMs: 10, clock: t.clock, sleep: t.sleep });
    let done = 0;
    void queue.push('reply', async () => void done++);
    void queue.push('reply', async () => void done++);
    expect(queue.pending).toBe(2);
    await queue.idle();
    expect(done).toBe(2);
    expect(queue.pending).toBe(0);
  });
});
