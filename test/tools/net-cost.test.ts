import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { netCost } from '../../tools/net-cost.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('net-cost', () => {
  it.each([
    ['初级', 3000, 1000, 2000],
    ['中级', 3500, 1300, 2200],
    ['中', 3500, 1300, 2200],
  ])('subtracts the 枣庄 %s subsidy from the fee (%i − %i = %i), citing both facts', (level, fee, subsidy, net) => {
    const r = invokeTool(netCost, { region: '薛城', occupation: '数字化管理师', level }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ kind: 'computed', feeYuan: fee, subsidyYuan: subsidy, netYuan: net, subsidyExceedsFee: false });
    expect(r.facts.map((f) => f.kind).sort()).toEqual(['fee', 'subsidy']);
  });

  it('says the fee is missing when only the subsidy is stated (浙江 大数据)', () => {
    const r = invokeTool(netCost, { region: '浙江', occupation: '大数据', level: '中级' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ kind: 'incomplete', missing: ['fee'], subsidyYuan: 3900 });
    expect(r.value).not.toHaveProperty('netYuan');
  });

  it('names both fee and subsidy as missing when the notices state neither (枣庄 高级)', () => {
    const r = invokeTool(netCost, { region: '枣庄', occupation: '数字化管理师', level: '高级' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ kind: 'incomplete', missing: ['fee', 'subsidy'] });
  });

  it.each([
    [{ region: '北京', occupation: '大数据', level: '初级' }, 'not-covered'],
    [{ region: '枣庄', occupation: '数字化管理师' }, 'invalid-input'],
    [{ region: '枣庄', occupation: '厨师', level: '初级' }, 'not-found'],
  ])('returns an error value for %j (%s)', (input, kind) => {
    const r = invokeTool(netCost, input, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });
});
