import { describe, expect, it, vi } from 'vitest';
import { toolDescriptions } from '../../prompts/tools.js';
import { invokeTool } from '../../tools/define-tool.js';
import { allTools, type AnyTool } from '../../tools/index.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

/** Input that every tool's schema rejects: a level word no resident writes, a wrong type elsewhere. */
const BAD_INPUT: Record<string, unknown> = {
  'fee-lookup': { level: '一级' },
  'subsidy-lookup': { region: '枣庄', level: '一级' },
  'net-cost': { region: '枣庄', occupation: '数字化管理师', level: '一级' },
  'compare-quantities': { factIds: ['zz26-fee-basic'] },
  'total-cost': { items: [{ region: '枣庄', occupation: '数字化管理师', level: '初级' }] },
  'cost-per-hour': { region: '枣庄', occupation: '数字化管理师', level: '一级' },
  'window-status': { factId: 'jh24-application-window', event: '2025-13' },
  'hours-lookup': { level: '一级' },
  'deadline-status': { subject: 'exam' },
  'eligibility-check': { level: '一级', profile: {} },
  'title-recognition': { region: '威海', level: '一级' },
  'contacts-lookup': { district: 42 },
  'occupations-lookup': { query: ['大数据'] },
  'institutions-lookup': { role: 'school' },
  'refund-policy': { region: 7 },
  'rules-by-topic': { topic: 'weather' },
};

describe('the tool list', () => {
  it('registers every described tool exactly once, with the description from prompts/', () => {
    expect(allTools.map((t) => t.name).sort()).toEqual(Object.keys(toolDescriptions).sort());
    for (const t of allTools) expect(t.description).toBe(toolDescriptions[t.name as keyof typeof toolDescriptions]);
  });

  it.each(allTools.map((t) => [t.name, t] as const))('%s never runs on input its schema rejects', (name, tool) => {
    const spy = vi.fn(tool.run);
    const spied: AnyTool = { ...tool, run: spy };
    const r = invokeTool(spied, BAD_INPUT[name], ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid-input');
      expect(r.error.field).toBeTruthy();
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it.each(allTools.map((t) => [t.name, t] as const))('%s rejects input that is not an object without running', (_name, tool) => {
    const spy = vi.fn(tool.run);
    expect(invokeTool({ ...tool, run: spy }, 'fee?', ctx).ok).toBe(false);
    expect(spy).not.toHaveBeenCalled();
  });

  it('names the level field when the level is not a level word', () => {
    const fee = allTools.find((t) => t.name === 'fee-lookup')!;
    const r = invokeTool(fee, { level: '特级' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'level' } });
  });
});
