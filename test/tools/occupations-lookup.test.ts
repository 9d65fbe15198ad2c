import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { occupationsLookup } from '../../tools/occupations-lookup.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('occupations-lookup', () => {
  it.each([
    [{ query: '大数据' }, '大数据工程技术人员', '2-02-10-11'],
    [{ query: '数字化管理' }, '数字化管理师', '2-02-30-11'],
    [{ query: 'ai' }, '人工智能工程技术人员', undefined],
    [{ query: '2-02-10-15' }, '区块链工程技术人员', '2-02-10-15'],
    [{ region: '浙江', query: '智能制造工程技术人员' }, '智能制造工程技术人员', '2-02-07-13'],
  ])('resolves %j to its occupation and code', (input, name, code) => {
    const r = invokeTool(occupationsLookup, input, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.occupations).toHaveLength(1);
    expect(r.value.occupations[0]).toMatchObject({ name, code });
  });

  it('merges an occupation listed by several regions into one entry with all its sources', () => {
    const r = invokeTool(occupationsLookup, { query: '大数据' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.occupations[0]!.regions).toEqual(['浙江', '辽宁']);
    expect(r.facts).toHaveLength(2);
  });

  it('lists a region’s occupations', () => {
    const r = invokeTool(occupationsLookup, { region: '辽宁' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.occupations.map((o) => o.name)).toEqual(['人工智能工程技术人员', '大数据工程技术人员']);
  });

  it.each([
    [{ query: '厨师' }, 'not-found'],
    [{ region: '威海', query: '大数据' }, 'not-found'],
    [{ region: '北京' }, 'not-covered'],
    [{ query: 42 }, 'invalid-input'],
  ])('returns an error value for %j (%s)', (input, kind) => {
    const r = invokeTool(occupationsLookup, input, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });
});
