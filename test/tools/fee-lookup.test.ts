import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { feeLookup } from '../../tools/fee-lookup.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('fee-lookup', () => {
  it.each([
    [{ region: '枣庄', level: '初级' }, [3000]],
    [{ region: '滕州', occupation: '数字化管理', level: '中' }, [3500]],
    [{ occupation: '数字化管理师' }, [3000, 3500]],
    [{}, [3000, 3500]],
  ])('returns the fees stated for %j', (input, amounts) => {
    const r = invokeTool(feeLookup, input, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.fees.map((f) => f.amountYuan)).toEqual(amounts);
    expect(r.facts.map((f) => f.id)).toEqual(r.value.fees.map((f) => f.factId));
  });

  it('says what the fee includes and excludes and who collects it', () => {
    const r = invokeTool(feeLookup, { region: '枣庄', level: '初级' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fees[0]).toMatchObject({ includes: ['培训', '资料费'], payee: '中国石油大学（华东）' });
    expect(r.value.fees[0]!.excludes).toContain('教材费');
  });

  it.each([
    [{ region: '北京' }, 'not-covered'],
    [{ region: '浙江' }, 'not-found'],
    [{ region: '枣庄', occupation: '厨师' }, 'not-found'],
    [{ region: '枣庄', level: '特级' }, 'invalid-input'],
  ])('refuses to guess for %j (%s)', (input, kind) => {
    const r = invokeTool(feeLookup, input, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });
});
