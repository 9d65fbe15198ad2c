import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { refundPolicy } from '../../tools/refund-policy.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('refund-policy', () => {
  it.each([[{}], [{ region: '枣庄' }], [{ region: '台儿庄' }]])('returns both conflicting refund rules with their sources for %j', (input) => {
    const r = invokeTool(refundPolicy, input, ctx);
    if (!r.ok) throw new Error(r.error.message);
    const ids = r.value.rules.map((x) => x.factId);
    expect(ids).toEqual(expect.arrayContaining(['zz26-refund-city', 'zz26-refund-brochure']));
    expect(r.value.conflicts).toHaveLength(1);
    const { a, b } = r.value.conflicts[0]!;
    expect([a.factId, b.factId].sort()).toEqual(['zz26-refund-brochure', 'zz26-refund-city']);
    expect(a.quote + b.quote).toContain('开班三天前');
    expect(a.quote + b.quote).toContain('一旦缴费不予退款');
    expect(a.section).not.toBe(b.section);
  });

  it('keeps rules that only touch on refunds (absence: no make-up, no refund) without calling them a conflict', () => {
    const r = invokeTool(refundPolicy, { region: '枣庄' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rules.map((x) => x.factId)).toContain('zz26-attendance');
    expect(r.value.conflicts.flatMap((c) => [c.a.factId, c.b.factId])).not.toContain('zz26-attendance');
  });

  it.each([
    [{ region: '威海' }, 'not-found'],
    [{ region: '北京' }, 'not-covered'],
  ])('returns an error value for %j (%s)', (input, kind) => {
    const r = invokeTool(refundPolicy, input, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });
});
