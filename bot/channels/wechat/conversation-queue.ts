/**
 * One queue per conversation: tasks with the same key run one after the
 * other in arrival order, different keys run concurrently. A task that
 * throws does not block the ones after it.
 */
export interface ConversationQueue {
  /** Run `task` after every earlier task of `key`; resolves (never rejects) when it has run. */
  run(key: string, task: () => Promise<void>): Promise<void>;
  /** Resolves once no task of any key is queued or running. */
  idle(): Promise<void>;
  /** Number of tasks queued or running, across all keys. */
  readonly pending: number;
}

/** A ConversationQueue; `onError` receives what a task threw. */
export function createConversationQueue(onError: (key: string, error: unknown) => void): ConversationQueue {
  const tails = new Map<string, Promise<void>>();
  let pending = 0;
  let idleWaiters: Array<() => void> = [];

  return {
    run(key, task) {
      pending++;
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous
        .then(task)
        .catch((error: unknown) => onError(key, error))
        .finally(() => {
          pending--;
          // Drop the key once its chain is done so the map stays small.
          if (tails.get(key) === next) tails.delete(key);
          if (pending === 0) {
            const waiters = idleWaiters;
            idleWaiters = [];
            for (const w of waiters) w();
          }
        });
      tails.set(key, next);
      return next;
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
