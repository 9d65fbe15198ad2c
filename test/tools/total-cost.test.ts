import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { totalCost } from '../../tools/total-cost.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };
const zz = (level: '初级' | '中级', count?: number) => ({ region: '枣庄', occupation: '数字化管理师', level, ...(count ? { count } : {}) });

describe('total-cost', () => {
  it('adds up each level’s fee and fee minus subsidy (2000 + 2200), citing every fee and subsidy fact', () => {
    const r = invokeTool(totalCost, { items: [zz('初级'), zz('中级')] }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.totalNetYuan).toBe(4200);
    expect(r.value.totalFeeYuan).toBe(6500);
    expect(r.value.people).toBe(2);
    expect(r.value.items.map((i) => i.netYuan)).toEqual([2000, 2200]);
    expect(r.facts.map((f) => f.kind).sort()).toEqual(['fee', 'fee', 'subsidy', 'subsidy']);
  });

  it('multiplies by the headcount: three trainees at 中级 pay 3 × 3500 and 3 × 2200 after the subsidy', () => {
    const r = invokeTool(totalCost, { items: [zz('中级', 3)] }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.totalFeeYuan).toBe(10500);
    expect(r.value.totalNetYuan).toBe(6600);
    expect(r.value.people).toBe(3);
  });

  it('gives no fee or net total when one item states no fee (浙江 大数据), but still the subsidy total', () => {
    const r = invokeTool(totalCost, { items: [zz('初级'), { region: '浙江', occupation: '大数据', level: '中级' }] }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.totalFeeYuan).toBeUndefined();
    expect(r.value.totalNetYuan).toBeUndefined();
    expect(r.value.totalSubsidyYuan).toBe(1000 + 3900);
  });

  it('adds up subsidies of two levels (浙江 大数据 3300 + 3900)', () => {
    const r = invokeTool(totalCost, { items: [{ region: '浙江', occupation: '大数据', level: '初级' }, { region: '浙江', occupation: '大数据', level: '中级' }] }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.totalSubsidyYuan).toBe(7200);
  });

  it('gives the difference of two single items’ net costs (中级 2200 − 初级 2000)', () => {
    const r = invokeTool(totalCost, { items: [zz('初级'), zz('中级')] }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.netDifferenceYuan).toBe(200);
  });

  it('fails when an item states neither a fee nor a subsidy', () => {
    const r = invokeTool(totalCost, { items: [zz('初级'), { region: '威海', occupation: '大数据', level: '中级' }] }, ctx);
    expect(r.ok).toBe(false);
  });

  it('needs two or more trainees or levels', () => {
    expect(invokeTool(totalCost, { items: [zz('初级')] }, ctx).ok).toBe(false);
    expect(invokeTool(totalCost, { items: [zz('初级', 2)] }, ctx).ok).toBe(true);
  });
});
