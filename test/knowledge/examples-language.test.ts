import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkFactAsks,
  defaultFactAsks,
  defaultTopicExamples,
  loadFactAsks,
  topicsWithoutExamples,
  useExamples,
} from '../../knowledge/language/examples-schema.js';
import { loadFactsTable } from '../../knowledge/facts/load-facts.js';
import { factsByAsks } from '../../bot/engine/understand/nearest.js';

const loaded = loadFactsTable(new URL('../../knowledge/facts/facts.json', import.meta.url).pathname);
if (!loaded.ok) throw new Error(loaded.error);
const table = loaded.table;

describe('example messages (knowledge/language)', () => {
  const shippedAsks = defaultFactAsks();
  const shippedTopics = defaultTopicExamples();
  afterEach(() => useExamples({ topics: shippedTopics, asks: shippedAsks }));

  it('every fact-asks key is a fact id, and every fact but the form fields has asks', () => {
    const ids = new Set(table.all().map((f) => f.id));
    expect(checkFactAsks(shippedAsks, ids)).toEqual([]);
    const without = table.all().filter((f) => f.kind !== 'form-field' && !shippedAsks[f.id]);
    expect(without.map((f) => f.id)).toEqual([]);
  });

  it('every topic has example messages', () => {
    expect(topicsWithoutExamples(shippedTopics)).toEqual([]);
  });

  it('asks do not carry the answer: no fact number appears in its own asks', () => {
    for (const [id, asks] of Object.entries(shippedAsks)) {
      const fact = table.byId(id)!;
      const numbers = fact.quote.match(/\d{2,}/g) ?? [];
      for (const ask of asks) for (const n of numbers) expect(ask.includes(n), `${id}: "${ask}" holds ${n}`).toBe(false);
    }
  });

  it("joins a fact's asks from several files, and refuses a bad entry by file name", () => {
    const dir = mkdtempSync(join(tmpdir(), 'asks-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ 'zz26-class-size': ['几个人开班'] }));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ 'zz26-class-size': ['开班要几个人', '几个人开班'] }));
    expect(loadFactAsks(dir)['zz26-class-size']).toEqual(['几个人开班', '开班要几个人']);
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ 'Bad Id': ['x'] }));
    expect(() => loadFactAsks(dir)).toThrow(/b\.json/);
    expect(checkFactAsks({ 'no-such-fact': ['x'] }, new Set(table.all().map((f) => f.id)))).toEqual([
      'fact-asks: "no-such-fact" is not a fact id of the facts table',
    ]);
  });

  it("an operator's new ask takes effect by editing data only", () => {
    const phrase = '凑齐一拨人得多少个才开得了课';
    const before = factsByAsks(phrase, table)[0];
    useExamples({ asks: { ...shippedAsks, 'zz26-class-size': [...(shippedAsks['zz26-class-size'] ?? []), phrase] } });
    const after = factsByAsks(phrase, table)[0];
    expect(after?.fact.id).toBe('zz26-class-size');
    expect(after!.similarity).toBeGreaterThan(before?.fact.id === 'zz26-class-size' ? before.similarity : 0);
  });
});
