import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { hoursLookup } from '../../tools/hours-lookup.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('hours-lookup', () => {
  it.each([
    [{ region: '枣庄', level: '初级' }, { total: 60, online: 48, offline: 12 }],
    [{ region: '枣庄', level: '中级' }, { total: 90, online: 66, offline: 24 }],
    [{ region: '浙江', occupation: '大数据', level: '中级' }, { total: 128 }],
    [{ region: '金华', occupation: '大数据工程技术人员', level: '中' }, { total: 128 }],
  ])('returns total, online and offline hours for %j', (input, expected) => {
    const r = invokeTool(hoursLookup, input, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.hours).toHaveLength(1);
    expect(r.value.hours[0]).toMatchObject(expected);
  });

  it.each([
    [{ region: '北京' }, 'not-covered'],
    [{ region: '威海' }, 'not-found'],
    [{ level: 'junior' }, 'invalid-input'],
  ])('returns an error value for %j (%s)', (input, kind) => {
    const r = invokeTool(hoursLookup, input, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });
});
