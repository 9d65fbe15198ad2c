/**
 * Retrying a model call: which failures are worth another try (rate limits,
 * server errors, dropped connections) and a bounded exponential backoff that
 * stops at once when the turn's deadline aborts it. Everything else (a bad
 * key, a bad request, our own abort) fails on the first attempt.
 */

/** How many extra attempts, and the backoff between them. */
export interface RetryPolicy {
  /** Extra attempts after the first (LLM_MAX_RETRIES). */
  maxRetries: number;
  /** Delay before the first retry; doubled for each further one. */
  baseDelayMs: number;
  /** Upper bound of one delay. */
  maxDelayMs: number;
}

/** Default backoff: 500 ms, 1 s, 2 s … capped at 4 s. */
export const DEFAULT_BACKOFF = { baseDelayMs: 500, maxDelayMs: 4000 } as const;

const RETRYABLE_STATUS = new Set([408, 409, 425, 429]);
const NETWORK_ERROR =
  /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|EPIPE|socket hang up|fetch failed|network|connection error|APIConnection/i;

function statusOf(error: object): number | undefined {
  for (const key of ['status', 'statusCode'] as const) {
    const v = (error as Record<string, unknown>)[key];
    if (typeof v === 'number') return v;
  }
  const response = (error as { response?: unknown }).response;
  if (response && typeof response === 'object') return statusOf(response);
  return undefined;
}

/**
 * True for failures another attempt may cure: HTTP 408/409/425/429 and 5xx,
 * and connection-level errors (reset, refused, DNS, "fetch failed"). Aborts
 * (our deadline) and other 4xx (bad key, bad request) are not retryable.
 */
export function isRetryable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const name = (error as { name?: unknown }).name;
  if (name === 'AbortError' || name === 'TimeoutError') return false;
  const status = statusOf(error);
  if (status !== undefined) return RETRYABLE_STATUS.has(status) || status >= 500;
  const code = (error as { code?: unknown }).code;
  const text = `${typeof name === 'string' ? name : ''} ${typeof code === 'string' ? code : ''} ${
    error instanceof Error ? error.message : ''
  }`;
  if (NETWORK_ERROR.test(text)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isRetryable(cause);
}

/** Delay before retry number `attempt` (1-based). */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Run `attempt` until it succeeds, a non-retryable error occurs, the retries
 * are spent, or `signal` aborts; the last error is rethrown. `onRetry` is told
 * about each retry (for the log line).
 */
export async function withRetry<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  opts: { policy: RetryPolicy; signal: AbortSignal; onRetry?: (retry: number, error: unknown, delayMs: number) => void },
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      opts.signal.throwIfAborted();
      return await attempt(opts.signal);
    } catch (error) {
      if (opts.signal.aborted || retry >= opts.policy.maxRetries || !isRetryable(error)) throw error;
      const delay = backoffDelay(retry + 1, opts.policy);
      opts.onRetry?.(retry + 1, error, delay);
      await sleep(delay, opts.signal);
    }
  }
}
