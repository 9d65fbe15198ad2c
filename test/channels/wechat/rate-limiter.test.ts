import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../bot/channels/wechat/rate-limiter.js';

describe('createRateLimiter', () => {
  it('allows the configured number a minute, then one notice, then silence until the window frees', () => {
    let now = Date.parse('2026-03-01T08:00:00+08:00');
    const limiter = createRateLimiter({ perMinute: 3, clock: () => new Date(now) });
    const seen = [];
    for (let i = 0; i < 6; i++) {
      seen.push(limiter.check('alice'));
      now += 1000;
    }
    expect(seen).toEqual(['allow', 'allow', 'allow', 'notice', 'silent', 'silent']);
    now += 54_000; // exactly one minute after the first message: only that one has left the window
    expect(limiter.check('alice')).toBe('allow');
    expect(limiter.check('alice')).toBe('notice');
  });

  it('counts each user separately', () => {
    const now = Date.parse('2026-03-01T08:00:00+08:00');
    const limiter = createRateLimiter({ perMinute: 1, clock: () => new Date(now) });
    expect(limiter.check('alice')).toBe('allow');
    expect(limiter.check('bob')).toBe('allow');
    expect(limiter.check('alice')).toBe('notice');
    expect(limiter.check('bob')).toBe('notice');
  });
});
