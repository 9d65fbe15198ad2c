import { describe, expect, it } from 'vitest';
import { baselineQuery, bm25Baseline } from './bm25-baseline.js';
import type { IndexedChunk } from '../../knowledge/index/hybrid-index.js';

const chunks: IndexedChunk[] = [
  { id: 'a#1', doc: 'a', section: '一、培训费用', text: '培训费每人1500元，由参训人员自行缴纳。', region: '枣庄', docTitle: '枣庄通知' },
  { id: 'a#2', doc: 'a', section: '二、报名时间', text: '报名时间为即日起至3月31日。', region: '枣庄', docTitle: '枣庄通知' },
  { id: 'b#1', doc: 'b', section: '三、退款', text: '开班后不予退款。', region: '威海', docTitle: '威海通知' },
];

describe('the BM25Retriever baseline', () => {
  it('queries with the jieba words of the question, stopwords and punctuation dropped', () => {
    const q = baselineQuery('请问培训费是多少？');
    expect(q.split(' ')).toContain('培训费');
    expect(q).not.toMatch(/请问|多少|？/u);
  });

  it('returns the one chunk that best matches the question', async () => {
    const baseline = bm25Baseline(chunks);
    expect(await baseline.top('培训费多少钱')).toBe('a#1');
    expect(await baseline.top('什么时候报名时间截止')).toBe('a#2');
    expect(await baseline.top('可以退款吗')).toBe('b#1');
  });
});
