import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containsQuote } from '../../knowledge/text/match-key.js';
import { fixtureFile } from './load-fixture.js';

const file = fixtureFile();
const text = (doc: string) => readFileSync(new URL(`../../knowledge/docs/${doc}.txt`, import.meta.url), 'utf8');

describe('the tools fixture', () => {
  it.each(file.facts.map((f) => [f.id, f] as const))('quotes %s verbatim from its notice', (_id, fact) => {
    const doc = text(fact.doc);
    expect(containsQuote(doc, fact.quote)).toBe(true);
    if (fact.kind === 'eligibility') for (const c of fact.clauses) expect(containsQuote(doc, c.quote), c.label).toBe(true);
  });
});
