/**
 * The single outgoing queue: every send (and friend acceptance) of the bot
 * goes through it, one at a time, at least `intervalMs` apart, because
 * personal WeChat accounts get restricted when they send in bursts.
 * A failing send is a value, never a stop of the queue.
 */

export type SendResult = { ok: true } | { ok: false; error: unknown };

export interface SendQueue {
  /** Queue `action`; resolves when it ran (or failed) — it never rejects. */
  push(label: string, action: () => Promise<unknown>): Promise<SendResult>;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
  /** Number of actions queued or running. */
  readonly pending: number;
}

export interface SendQueueOptions {
  intervalMs: number;
  /** Called for each failed action (the channel logs it masked). */
  onError?: (label: string, error: unknown) => void;
  /** Injected for tests; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
  clock: () => Date;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A FIFO that runs one action at a time, spaced by `intervalMs` measured on `clock`. */
export function createSendQueue(options: SendQueueOptions): SendQueue {
  const sleep = options.sleep ?? realSleep;
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let lastSentAt: number | undefined;
  let idleWaiters: Array<() => void> = [];

  const run = async (label: string, action: () => Promise<unknown>): Promise<SendResult> => {
    if (lastSentAt !== undefined && options.intervalMs > 0) {
      const wait = lastSentAt + options.intervalMs - options.clock().getTime();
      if (wait > 0) await sleep(wait);
    }
    try {
      await action();
      return { ok: true };
    } catch (error) {
      options.onError?.(label, error);
      return { ok: false, error };
    } finally {
      lastSentAt = options.clock().getTime();
    }
  };

  return {
    push(label, action) {
      pending++;
      const result = tail.then(() => run(label, action));
      tail = result.finally(() => {
        pending--;
        if (pending === 0) {
          const waiters = idleWaiters;
          idleWaiters = [];
          for (const w of waiters) w();
        }
      });
      return result;
    },
    idle() {
      if (pending === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    get pending() {
      return pending;
    },
  };
}
