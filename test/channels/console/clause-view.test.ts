import { describe, expect, it } from 'vitest';
import { withDecidingClauses } from '../../../bot/channels/console/clause-view.js';
import type { Fact } from '../../../knowledge/facts/schema.js';
import type { SourceRef, ToolCall } from '../../../bot/engine/types.js';

const clauses = [
  { label: '（1）', quote: '（1）取得助理工程师职称后，从事本职业技术工作满2年；', all: [{ kind: 'title' as const, anyOf: ['助理工程师'] }] },
  { label: '（2）', quote: '（2）具备大学本科学历……满3年；', all: [{ kind: 'education' as const, anyOf: ['本科' as const] }] },
];
const fact = {
  id: 'zz26-eligibility-middle',
  kind: 'eligibility',
  doc: 'zaozhuang-2026',
  section: '四、培训对象',
  quote: '中级培训对象需具备以下条件之一：',
  region: '枣庄',
  topics: ['eligibility'],
  occupation: '数字化管理师',
  level: '中级',
  mode: 'any',
  clauses,
} as unknown as Fact;
const stem: SourceRef = { doc: 'zaozhuang-2026', title: '枣庄通知', section: '四、培训对象', quote: '中级培训对象需具备以下条件之一：' };
const other: SourceRef = { doc: 'zaozhuang-2026', title: '枣庄通知', section: '五、培训费', quote: '中级培训费2680元' };
const check = (output: unknown): ToolCall => ({ name: 'eligibility-check', input: {}, output });

describe('withDecidingClauses', () => {
  it('puts the clause that decided an eligible answer under the stem', () => {
    const [s] = withDecidingClauses([stem], [check({ decision: 'eligible', factId: fact.id, clause: { label: '（2）', quote: clauses[1]!.quote } })], [fact]);
    expect(s).toMatchObject({ quote: stem.quote, decided: true, clauses: [{ label: '（2）', quote: clauses[1]!.quote }] });
  });

  it('lists every clause that failed for a not-eligible answer, and the exclusion that decided', () => {
    const out = check({ decision: 'not-eligible', factId: fact.id, clauses: clauses.map(({ label, quote }) => ({ label, quote })), excludedBy: '已退休人员' });
    const [s] = withDecidingClauses([stem], [out], [fact]);
    expect(s!.clauses).toHaveLength(2);
    expect(s!.excludedBy).toBe('已退休人员');
  });

  it('shows all the fact’s clauses when no check decided on it, and leaves other sources alone', () => {
    const [s, o] = withDecidingClauses([stem, other], [{ name: 'fee-lookup', input: {}, output: { amountYuan: 2680 } }], [fact]);
    expect(s).toMatchObject({ decided: false, clauses: clauses.map(({ label, quote }) => ({ label, quote })) });
    expect(o).toEqual(other);
  });

  it('ignores a failed or malformed check output', () => {
    const [s] = withDecidingClauses([stem], [check(null), check({ ok: false, error: 'x' })], [fact]);
    expect(s!.decided).toBe(false);
  });
});
