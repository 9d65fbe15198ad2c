import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TopicSchema } from '../../../knowledge/facts/schema.js';
import { modeLabel, orNone, routeHasLabel, routeLabel, showTime, toolLabel } from '../../../bot/channels/console/labels.js';

/** Route literals the engine writes: `route: '…'` and the route argument of its answer helpers. */
function engineRoutes(): string[] {
  const dir = 'bot/engine';
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
  const found = new Set<string>();
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/route: '([a-z][a-z-]*)'/g)) found.add(m[1]!);
    for (const m of src.matchAll(/\b(?:finish|hedged|notStated|unknownAnswer)\(([^;]*?)\)/g)) {
      const literals = [...m[1]!.matchAll(/'([a-z][a-z-]*)'/g)].map((x) => x[1]!);
      if (literals.length) found.add(literals[literals.length - 1]!);
    }
  }
  return [...found];
}

/** Intents routed as themselves (bot/engine/understand/lexicon.ts `type Intent`). */
function intents(): string[] {
  const src = readFileSync('bot/engine/understand/lexicon.ts', 'utf8');
  const line = /export type Intent =([^;]+);/.exec(src)?.[1] ?? '';
  return [...line.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
}

describe('routeLabel', () => {
  it('has a Chinese label for every route the engine writes, every topic and intent, and their -weak/-rules/-not-stated forms', () => {
    const routes = engineRoutes();
    expect(routes.length).toBeGreaterThan(15);
    const all = [...routes, ...intents(), ...TopicSchema.options.flatMap((t) => [t, `${t}-weak`, `${t}-rules`, `${t}-not-stated`]), 'facts-weak'];
    expect(all.filter((r) => !routeHasLabel(r))).toEqual([]);
    for (const r of all) expect(routeLabel(r)).not.toMatch(/[a-z]/);
  });

  it('reads the tags staff were shown before in Chinese', () => {
    expect(routeLabel('class-venue-not-stated')).toBe('开班地点（通知未说明）');
    expect(routeLabel('facts-weak')).toBe('事实表检索（把握不大，列出最接近的规定）');
    expect(routeLabel('fee+deadline-not-stated')).toBe('培训费 + 截止日期（通知未说明）');
  });

  it('says 其他 for a route it does not know instead of showing the code', () => {
    expect(routeLabel('brand-new-route')).toBe('其他');
    expect(routeLabel('')).toBe('其他');
  });
});

describe('labels', () => {
  it('names modes and tools in Chinese', () => {
    expect(modeLabel('offline')).toContain('离线');
    expect(modeLabel('llm')).toContain('大模型');
    expect(toolLabel('eligibility-check')).toBe('判断报名条件');
    expect(toolLabel('whatever')).toBe('工具');
  });

  it('shows an instant in Beijing time, a 21:15 UTC one on the next day', () => {
    expect(showTime('2026-12-01T21:15:11.417Z')).toBe('2026-12-02 05:15');
    expect(showTime(new Date('2026-03-01T00:00:00+08:00'))).toBe('2026-03-01 00:00');
    expect(showTime(undefined)).toBe('');
  });

  it('shows an empty value as 无', () => {
    expect(orNone('')).toBe('无');
    expect(orNone('  ')).toBe('无');
    expect(orNone('助理工程师')).toBe('助理工程师');
  });
});
