import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { institutionsLookup } from '../../tools/institutions-lookup.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('institutions-lookup', () => {
  it.each([
    [{ region: '枣庄', role: 'training' }, ['中国石油大学（华东）']],
    [{ region: '枣庄', role: 'evaluation' }, ['中国电子学会']],
    [{ occupation: '区块链工程技术人员' }, ['浙江大学']],
    [{ region: '金华', occupation: '大数据' }, ['杭州电子科技大学']],
    [{ region: '浙江' }, ['浙江大学', '杭州电子科技大学']],
  ])('finds %j', (input, names) => {
    const r = invokeTool(institutionsLookup, input, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.institutions.map((i) => i.name)).toEqual(names);
  });

  it.each([
    [{ region: '北京' }, 'not-covered'],
    [{ region: '浙江', role: 'evaluation' }, 'not-found'],
    [{ role: '培训' }, 'invalid-input'],
  ])('returns an error value for %j (%s)', (input, kind) => {
    const r = invokeTool(institutionsLookup, input, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });
});
