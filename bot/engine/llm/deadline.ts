/**
 * A time budget for one LLM turn. The work gets an AbortSignal that fires at
 * the deadline, and the result settles at the deadline even when the work
 * ignores the signal, so a hung model never holds a resident's answer.
 */

/** Raised (as the abort reason) when the budget runs out. */
export class LlmTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`LLM turn exceeded ${timeoutMs} ms`);
  }
}

/** The work's value, or the error it failed with (an LlmTimeoutError at the deadline). */
export type DeadlineResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Run `work` with a signal that aborts after `timeoutMs`. Never rejects: a
 * thrown error or the deadline comes back as `{ ok: false, error }`.
 */
export async function withDeadline<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<DeadlineResult<T>> {
  const controller = new AbortController();
  const timeout = new LlmTimeoutError(timeoutMs);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<DeadlineResult<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(timeout);
      resolve({ ok: false, error: timeout });
    }, timeoutMs);
  });
  const done = work(controller.signal).then(
    (value): DeadlineResult<T> => ({ ok: true, value }),
    (error: unknown): DeadlineResult<T> => ({ ok: false, error: controller.signal.aborted ? timeout : error }),
  );
  try {
    return await Promise.race([done, expired]);
  } finally {
    clearTimeout(timer);
    if (!controller.signal.aborted) controller.abort(timeout);
  }
}
