import { describe, expect, it } from 'vitest';
import { groupGaps, isGap, saidCannotAnswer } from '../../../bot/channels/console/gaps.js';

const q = (question: string, route: string, answered: boolean, confidence: number) => ({ question, route, answered, confidence, time: '2026-03-01T00:00:00.000Z' });

describe('缺口 counts what the bot could not answer', () => {
  it('counts a "the notices do not say" answer as 未回答, though the engine marks it answered', () => {
    expect(saidCannotAnswer(q('a', 'detail-not-stated', true, 0.3))).toBe(true);
    expect(saidCannotAnswer(q('a', 'class-venue-not-stated', true, 0.3))).toBe(true);
    expect(saidCannotAnswer(q('a', 'fee', true, 0.9))).toBe(false);
    expect(saidCannotAnswer(q('a', 'fee+deadline-not-stated', true, 0.9))).toBe(false);
    expect(groupGaps([q('培训可以分期付款吗', 'detail-not-stated', true, 0.3)])[0]!.unanswered).toBe(1);
  });

  it('shows a question staff sent from 问答 whatever its confidence', () => {
    const e = q('报名截止了吗', 'deadline', true, 0.9);
    expect(isGap(e)).toBe(false);
    expect(isGap(e, new Set(['报名截止了吗']))).toBe(true);
  });
});
