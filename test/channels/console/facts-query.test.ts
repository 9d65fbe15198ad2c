import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFactsTable } from '../../../knowledge/facts/load-facts.js';
import { deadlineStates, filterFacts, findConflicts, FactsQuerySchema } from '../../../bot/channels/console/facts-query.js';
import type { Fact } from '../../../knowledge/facts/schema.js';

const loaded = loadFactsTable(path.resolve(import.meta.dirname, '../../../knowledge/facts/facts.json'));
if (!loaded.ok) throw new Error(loaded.error);
const facts = loaded.table.all();

const deadline = (id: string, closes: string): Fact => ({
  id,
  kind: 'deadline',
  doc: 'd',
  section: 's',
  quote: 'quote text',
  region: '枣庄',
  topics: ['deadline'],
  subject: 'registration',
  label: id,
  closes,
  audience: 'a',
});

describe('facts query', () => {
  it('finds facts by a word of their quote, ignoring spaces', () => {
    const hits = filterFacts(facts, { q: '退 款' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((f) => JSON.stringify(f).includes('退款'))).toBe(true);
  });

  it('narrows by kind and region together', () => {
    const hits = filterFacts(facts, { kind: 'fee', region: '枣庄' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((f) => f.kind === 'fee' && f.region === '枣庄')).toBe(true);
  });

  it('treats empty query-string fields as no filter and rejects unknown regions', () => {
    expect(FactsQuerySchema.parse({ q: '', kind: '', region: '' })).toEqual({});
    expect(FactsQuerySchema.safeParse({ region: '北京' }).success).toBe(false);
  });

  it('lists each known conflict once, with both sides', () => {
    const conflicts = findConflicts(facts);
    const refund = conflicts.find((c) => c.facts.some((f) => f.topics.includes('refund')));
    expect(refund).toBeDefined();
    expect(refund!.facts.length).toBeGreaterThanOrEqual(2);
    const ids = conflicts.flatMap((c) => c.facts.map((f) => f.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('flags deadlines already passed, due today and still open relative to the given day', () => {
    const states = deadlineStates([deadline('open', '2026-04-20'), deadline('gone', '2023-06-15'), deadline('today', '2026-03-01')], '2026-03-01');
    expect(states.map((s) => [s.fact.id, s.state, s.days])).toEqual([
      ['gone', 'passed', 990],
      ['today', 'today', 0],
      ['open', 'open', 50],
    ]);
  });
});
