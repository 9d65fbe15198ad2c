import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { totalNetCost } from '../../tools/total-net-cost.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('total-net-cost', () => {
  it('adds up each level’s fee minus subsidy (2000 + 2200), citing every fee and subsidy fact', () => {
    const r = invokeTool(totalNetCost, { items: [{ region: '枣庄', occupation: '数字化管理师', level: '初级' }, { region: '枣庄', occupation: '数字化管理师', level: '中级' }] }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.totalNetYuan).toBe(4200);
    expect(r.value.totalFeeYuan).toBe(6500);
    expect(r.value.items.map((i) => i.netYuan)).toEqual([2000, 2200]);
    expect(r.facts.map((f) => f.kind).sort()).toEqual(['fee', 'fee', 'subsidy', 'subsidy']);
  });

  it('sums nothing when one item lacks a fee in the notices (浙江 大数据)', () => {
    const r = invokeTool(totalNetCost, { items: [{ region: '枣庄', occupation: '数字化管理师', level: '初级' }, { region: '浙江', occupation: '大数据', level: '中级' }] }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('not-found');
  });

  it('needs at least two items', () => {
    const r = invokeTool(totalNetCost, { items: [{ region: '枣庄', occupation: '数字化管理师', level: '初级' }] }, ctx);
    expect(r.ok).toBe(false);
  });
});
