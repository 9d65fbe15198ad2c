/**
 * Per-user inbound rate limit over a sliding one-minute window, read from the
 * injected clock. Beyond the limit the user gets one notice, then silence
 * until the window has room again.
 */

/** `allow`: handle it; `notice`: send the one polite notice; `silent`: drop. */
export type RateDecision = 'allow' | 'notice' | 'silent';

export interface RateLimiter {
  /** Count one inbound message of `userId` and say what to do with it. */
  check(userId: string): RateDecision;
}

const WINDOW_MS = 60_000;

/** A limiter allowing `perMinute` messages per user per sliding minute. */
export function createRateLimiter(options: { perMinute: number; clock: () => Date }): RateLimiter {
  const perMinute = Math.max(1, Math.floor(options.perMinute));
  const users = new Map<string, { times: number[]; noticed: boolean }>();
  return {
    check(userId) {
      const now = options.clock().getTime();
      // Forget idle users so the map stays as small as the active audience.
      for (const [id, u] of users) {
        if (u.times.length === 0 || now - (u.times[u.times.length - 1] as number) >= WINDOW_MS) users.delete(id);
      }
      const user = users.get(userId) ?? { times: [], noticed: false };
      users.set(userId, user);
      user.times = user.times.filter((t) => now - t < WINDOW_MS);
      if (user.times.length < perMinute) {
        user.times.push(now);
        user.noticed = false;
        return 'allow';
      }
      if (user.noticed) return 'silent';
      user.noticed = true;
      return 'notice';
    },
  };
}
