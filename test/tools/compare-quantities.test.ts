import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { compareQuantities } from '../../tools/compare-quantities.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const facts = fixtureTable();
const ctx = { facts, now: MARCH_FIRST };
const idOf = (kind: string, region: string, level: string, occupation?: string) =>
  facts.all().find((f) => f.kind === kind && f.region === region && 'level' in f && f.level === level && (!occupation || ('occupation' in f && f.occupation.includes(occupation))))!.id;

describe('compare-quantities', () => {
  it('gives the difference of two subsidies and which is larger, citing both', () => {
    const r = invokeTool(compareQuantities, { factIds: [idOf('subsidy', '枣庄', '中级'), idOf('subsidy', '浙江', '中级', '大数据')] }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ first: { value: 1300, unit: 'yuan' }, second: { value: 3900 }, difference: 2600, larger: 'second' });
    expect(r.facts).toHaveLength(2);
  });

  it('compares the hours of two levels', () => {
    const r = invokeTool(compareQuantities, { factIds: [idOf('hours', '枣庄', '中级'), idOf('hours', '枣庄', '初级')] }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.first.unit).toBe("hours");
    expect(r.value.difference).toBe(Math.abs(r.value.first.value - r.value.second.value));
  });

  it.each([
    [{ factIds: ['nope', 'nope2'] }, 'not-found'],
    [{ factIds: ['only-one'] }, 'invalid-input'],
    [{}, 'invalid-input'],
  ])('refuses %j with %s', (input, kind) => {
    const r = invokeTool(compareQuantities, input, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });

  it('refuses to compare a fee with a subsidy', () => {
    const r = invokeTool(compareQuantities, { factIds: [idOf('fee', '枣庄', '中级'), idOf('subsidy', '枣庄', '中级')] }, ctx);
    expect(r.ok).toBe(false);
  });
});
