import { describe, expect, it } from 'vitest';
import { createSeenIds } from '../../../bot/channels/wechat/seen-ids.js';

describe('createSeenIds', () => {
  it('reports an id as seen the second time', () => {
    const seen = createSeenIds(10);
    expect(seen.checkAndAdd('m1')).toBe(false);
    expect(seen.checkAndAdd('m1')).toBe(true);
  });

  it('forgets the oldest ids beyond its capacity', () => {
    const seen = createSeenIds(2);
    seen.checkAndAdd('m1');
    seen.checkAndAdd('m2');
    seen.checkAndAdd('m3');
    expect(seen.size).toBe(2);
    expect(seen.checkAndAdd('m3')).toBe(true);
    expect(seen.checkAndAdd('m1')).toBe(false);
  });
});
