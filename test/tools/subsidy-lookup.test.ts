import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { subsidyLookup } from '../../tools/subsidy-lookup.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('subsidy-lookup', () => {
  it.each([
    [{ region: '枣庄', level: '初级' }, [1000]],
    [{ region: '峄城', level: '中级' }, [1300]],
    [{ region: '浙江', occupation: '大数据', level: '中级' }, [3900]],
    [{ region: '杭州', occupation: '大数据' }, [3300, 3900, 5200]],
    [{ region: '金华', occupation: '区块链', level: '中' }, [2400]],
  ])('returns the amounts the notices state for %j', (input, amounts) => {
    const r = invokeTool(subsidyLookup, input, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.kind).toBe('amounts');
    if (r.value.kind !== 'amounts') return;
    expect(r.value.subsidies.map((s) => s.amountYuan)).toEqual(amounts);
  });

  it('applies Zhejiang’s table to 金华 and keeps 金华’s own conditions first', () => {
    const r = invokeTool(subsidyLookup, { region: '义乌', occupation: '大数据', level: '初级' }, ctx);
    if (!r.ok || r.value.kind !== 'amounts') throw new Error('expected amounts');
    expect(r.value.region).toBe('金华');
    expect(r.value.regions).toEqual(['金华', '浙江']);
    expect(r.value.subsidies[0]).toMatchObject({ amountYuan: 3300, hoursRequired: 128, occupationCode: '2-02-10-11' });
    expect(r.value.rules.map((x) => x.factId)).toContain('jh-subsidy-window');
    expect(r.facts.map((f) => f.id)).toContain('zj-subsidy-big-data-junior');
  });

  it('says the amount is not stated for 威海 and returns the rules that decide it', () => {
    const r = invokeTool(subsidyLookup, { region: '威海', level: '初级' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.kind).toBe('amount-not-stated');
    expect(r.value.rules.map((x) => x.factId)).toEqual(['wh-subsidy-rule']);
    expect(JSON.stringify(r.value)).not.toMatch(/amountYuan/);
  });

  it.each([
    [{ region: '北京' }, 'not-covered', 'region'],
    [{ region: '北京市朝阳区', occupation: '大数据', level: '初级' }, 'not-covered', 'region'],
    [{ region: '辽宁' }, 'not-found', undefined],
    [{ region: '浙江', occupation: '数字化管理师' }, 'not-found', undefined],
    [{ region: '枣庄', level: '五级' }, 'invalid-input', 'level'],
    [{ level: '初级' }, 'invalid-input', 'region'],
  ])('never states an amount for %j (%s)', (input, kind, field) => {
    const r = invokeTool(subsidyLookup, input, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe(kind);
    if (field) expect(r.error.field).toBe(field);
  });
});
