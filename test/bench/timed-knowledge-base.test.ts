import { describe, expect, it } from 'vitest';
import type { Chunk, KnowledgeBase, Passage } from '../../knowledge/types.js';
import { TimedKnowledgeBase } from './timed-knowledge-base.js';

const chunk: Chunk = { id: 'weihai-2023#1', doc: 'weihai-2023', section: '一、目标', text: '培育数字技术工程师。', region: '威海' };
const passage: Passage = { ...chunk, score: 1, keywordScore: 3, vectorScore: 0.9 };

describe('TimedKnowledgeBase', () => {
  it('passes searches through unchanged and counts their calls and time', async () => {
    const seen: unknown[] = [];
    const inner: KnowledgeBase = {
      search: async (q, o) => {
        seen.push([q, o]);
        await new Promise((r) => setTimeout(r, 5));
        return [passage];
      },
      chunks: () => [chunk],
      version: () => 'v1',
    };
    const timed = new TimedKnowledgeBase(inner);
    expect(await timed.search('培训', { k: 2, regions: ['威海'] })).toEqual([passage]);
    await timed.search('补贴');
    expect(seen).toEqual([['培训', { k: 2, regions: ['威海'] }], ['补贴', undefined]]);
    expect(timed.searches).toBe(2);
    expect(timed.searchMs).toBeGreaterThanOrEqual(8);
    expect(timed.chunks()).toEqual([chunk]);
    expect(timed.version()).toBe('v1');
    timed.reset();
    expect([timed.searches, timed.searchMs]).toEqual([0, 0]);
  });

  it('counts a search that throws and lets the error through', async () => {
    const inner: KnowledgeBase = { search: async () => Promise.reject(new Error('index gone')), chunks: () => [], version: () => 'v' };
    const timed = new TimedKnowledgeBase(inner);
    await expect(timed.search('x')).rejects.toThrow('index gone');
    expect(timed.searches).toBe(1);
  });
});
