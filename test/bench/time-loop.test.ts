import { describe, expect, it } from 'vitest';
import { timeAlternating, timeLoop, type BenchQuestion } from './time-loop.js';

const questions: BenchQuestion[] = [
  { id: 'a-001', text: 'a', now: new Date(0) },
  { id: 'b-001', text: 'b', now: new Date(0) },
];

describe('timeLoop', () => {
  it('answers every question once as a warm-up, then times whole passes in order', async () => {
    const asked: string[] = [];
    const run = await timeLoop(questions, async (q) => void asked.push(q.text), { minPasses: 2, maxPasses: 2, budgetMs: 0 });
    expect(asked).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(run.passes).toBe(2);
    expect(run.durations).toHaveLength(4);
  });

  it('skips the warm-up when asked to', async () => {
    let calls = 0;
    await timeLoop(questions, async () => void calls++, { minPasses: 1, maxPasses: 1, budgetMs: 0, noWarmUp: true });
    expect(calls).toBe(2);
  });

  it('keeps making passes until the time budget is spent, but never more than the maximum', async () => {
    // A fake clock that each answer advances by 2 ms: the budget of 20 ms is spent after 5 passes of 2 answers,
    // whatever the machine's load.
    let t = 0;
    const clock = () => t;
    const run = await timeLoop(questions, async () => void (t += 2), { minPasses: 1, maxPasses: 50, budgetMs: 20, noWarmUp: true, clock });
    expect(run.passes).toBe(5);
    expect(run.wallMs).toBe(20);
    expect(run.durations).toEqual(Array(10).fill(2));
    const capped = await timeLoop(questions, async () => undefined, { minPasses: 1, maxPasses: 3, budgetMs: 60_000, noWarmUp: true });
    expect(capped.passes).toBe(3);
  });

  it('stops at the first answer that throws', async () => {
    await expect(timeLoop(questions, async () => Promise.reject(new Error('engine broke')), { minPasses: 1, maxPasses: 1, budgetMs: 0 })).rejects.toThrow('engine broke');
  });

  it('refuses an empty question list', async () => {
    await expect(timeLoop([], async () => undefined, { minPasses: 1, maxPasses: 1, budgetMs: 0 })).rejects.toThrow(/no questions/);
  });
});

describe('timeAlternating', () => {
  it('warms each up, then alternates whole passes so all are timed under the same conditions', async () => {
    const asked: string[] = [];
    const run = await timeAlternating(
      questions,
      { a: async (q) => void asked.push(`A${q.text}`), b: async (q) => void asked.push(`B${q.text}`) },
      { minPasses: 2, maxPasses: 2, budgetMs: 0 },
    );
    expect(asked).toEqual(['Aa', 'Ab', 'Ba', 'Bb', 'Aa', 'Ab', 'Ba', 'Bb', 'Aa', 'Ab', 'Ba', 'Bb']);
    expect(run.runs.a.passes).toBe(2);
    expect(run.runs.b.passes).toBe(2);
    expect(run.runs.a.durations).toHaveLength(4);
    expect(run.runs.b.durations).toHaveLength(4);
    expect(run.rounds).toHaveLength(2);
    expect(run.rounds.every((r) => r.a.wallMs >= 0 && r.b.wallMs >= 0 && r.a.cpuMs >= 0 && r.b.cpuMs >= 0)).toBe(true);
  });

  it('keeps alternating until the budget is spent by all together', async () => {
    const wait = () => new Promise((r) => setTimeout(r, 2));
    const run = await timeAlternating(questions, { a: wait, b: wait, c: wait }, { minPasses: 1, maxPasses: 50, budgetMs: 30, noWarmUp: true });
    expect(run.runs.a.passes).toBe(run.runs.c.passes);
    expect(run.runs.a.wallMs + run.runs.b.wallMs + run.runs.c.wallMs).toBeGreaterThanOrEqual(30);
    expect(run.runs.a.passes).toBeLessThan(50);
  });
});
