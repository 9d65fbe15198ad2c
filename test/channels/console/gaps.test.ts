import { describe, expect, it } from 'vitest';
import { bigrams, groupGaps, isGap, jaccard, normalizeQuestion } from '../../../bot/channels/console/gaps.js';

const q = (question: string, time: string, answered = false, confidence = 0, route = 'unknown') => ({ question, time, answered, confidence, route });

describe('gaps', () => {
  it('treats unanswered and low-confidence questions as gaps, confident answers not', () => {
    expect(isGap(q('a', 't', false, 0.9))).toBe(true);
    expect(isGap(q('a', 't', true, 0.49))).toBe(true);
    expect(isGap(q('a', 't', true, 0.5))).toBe(false);
  });

  it('normalises away spaces, punctuation and width', () => {
    expect(normalizeQuestion('能 带孩子去吗？')).toBe(normalizeQuestion('能带孩子去吗?'));
  });

  it('computes the Jaccard index of bigram sets', () => {
    expect(jaccard(bigrams('abcd'), bigrams('abce'))).toBeCloseTo(2 / 4);
    expect(jaccard(bigrams(''), bigrams(''))).toBe(1);
  });

  it('groups similar questions with their count and last time, most frequent group first', () => {
    const groups = groupGaps([
      q('培训期间管午饭吗', '2026-03-01T01:00:00.000Z'),
      q('天气怎么样', '2026-03-01T02:00:00.000Z'),
      q('培训期间管午饭吗？', '2026-03-02T01:00:00.000Z'),
      q('培训期间管不管午饭', '2026-03-03T01:00:00.000Z', true, 0.2, 'retrieval'),
      q('中级培训费多少', '2026-03-03T02:00:00.000Z', true, 0.95, 'tool'),
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ count: 3, lastSeen: '2026-03-03T01:00:00.000Z', unanswered: 2, routes: ['retrieval', 'unknown'] });
    expect(groups[0]!.minConfidence).toBe(0);
    expect(groups[1]).toMatchObject({ representative: '天气怎么样', count: 1 });
  });

  it('masks ID and phone numbers again before showing a question', () => {
    const [g] = groupGaps([q('我的手机13912345678能报吗', '2026-03-01T00:00:00.000Z')]);
    expect(g!.representative).toBe('我的手机139****5678能报吗');
  });
});
