import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { rulesByTopic } from '../../tools/rules-by-topic.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('rules-by-topic', () => {
  it.each([
    [{ topic: 'class' }, ['zz26-class-size']],
    [{ topic: 'attendance', region: '枣庄' }, ['zz26-attendance']],
    [{ topic: 'subsidy', region: '金华' }, ['jh-subsidy-conditions', 'jh-subsidy-window']],
    [{ topic: 'deadline', region: '义乌' }, ['jh-subsidy-window']],
  ])('returns the rules of %j', (input, ids) => {
    const r = invokeTool(rulesByTopic, input, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rules.map((x) => x.factId)).toEqual(ids);
  });

  it('puts rules whose main topic it is before rules that only touch on it', () => {
    const r = invokeTool(rulesByTopic, { topic: 'refund' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rules.map((x) => x.factId).at(-1)).toBe('zz26-attendance');
  });

  it('carries the number a rule states with its unit and quote', () => {
    const r = invokeTool(rulesByTopic, { topic: 'class' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rules[0]).toMatchObject({ value: 20, unit: '人', quote: '每期满20人即可开班', doc: 'zaozhuang-2026' });
  });

  it.each([
    [{ topic: 'talent-card' }, 'not-found'],
    [{ topic: 'class', region: '北京' }, 'not-covered'],
    [{ topic: '证书' }, 'invalid-input'],
    [{}, 'invalid-input'],
  ])('returns an error value for %j (%s)', (input, kind) => {
    const r = invokeTool(rulesByTopic, input, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });
});
