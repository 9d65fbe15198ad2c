import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { costPerHour } from '../../tools/cost-per-hour.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('cost-per-hour', () => {
  it('divides the fee and the fee minus the subsidy by the course’s total hours, to 0.1 元, citing fee, subsidy and hours', () => {
    const table = ctx.facts;
    const fee = table.ofKind('fee', (f) => f.region === '枣庄' && f.level === '中级')[0]!;
    const subsidy = table.ofKind('subsidy', (f) => f.region === '枣庄' && f.level === '中级')[0]!;
    const hours = table.ofKind('hours', (f) => f.region === '枣庄' && f.level === '中级')[0]!;
    const r = invokeTool(costPerHour, { region: '枣庄', occupation: '数字化管理师', level: '中级' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.hours).toBe(hours.total);
    expect(r.value.feePerHourYuan).toBe(Math.round((fee.amountYuan / hours.total) * 10) / 10);
    expect(r.value.netPerHourYuan).toBe(Math.round(((fee.amountYuan - subsidy.amountYuan) / hours.total) * 10) / 10);
    expect(r.facts.map((f) => f.kind).sort()).toEqual(['fee', 'hours', 'subsidy']);
  });

  it('computes nothing from a fee the notices do not state (浙江 大数据)', () => {
    const r = invokeTool(costPerHour, { region: '浙江', occupation: '大数据', level: '初级' }, ctx);
    if (r.ok) {
      expect(r.value.feeYuan).toBeUndefined();
      expect(r.value.feePerHourYuan).toBeUndefined();
      expect(r.value.netPerHourYuan).toBeUndefined();
    } else expect(r.error.kind).toBe('not-found');
  });
});
