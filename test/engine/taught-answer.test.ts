import { beforeAll, describe, expect, it } from 'vitest';
import { buildTaughtIndex, MATCH_THRESHOLD, type TaughtIndex } from '../../bot/engine/answer/taught-index.js';
import { answerFromTaught } from '../../bot/engine/answer/taught-answer.js';
import { newSession, type Ports } from '../../bot/engine/types.js';
import { handleTurn } from '../../bot/engine/handle-turn.js';
import { ingestDocuments } from '../../knowledge/ingest/ingest-documents.js';
import type { Chunk } from '../../knowledge/types.js';
import { FactsTable } from '../../tools/facts-table.js';
import { realDocuments, realFacts, scriptedKb } from './fake-ports.js';
import { HARD_PARAPHRASES, HITS, NON_HITS, TAUGHT } from './taught-paraphrases.js';

let chunks: Chunk[];
let index: TaughtIndex;
const facts = realFacts();

beforeAll(async () => {
  const ingested = await ingestDocuments('knowledge/docs');
  if (!ingested.ok) throw new Error(ingested.error);
  chunks = ingested.value.chunks;
  index = buildTaughtIndex({ answers: TAUGHT, facts, chunks });
});

const portsWith = (taught: TaughtIndex, table = facts): Ports => ({
  kb: scriptedKb(chunks.map((c) => ({ ...c, score: 0, keywordScore: 0, vectorScore: 0 }))),
  facts: table,
  now: () => new Date('2026-03-01T00:00:00Z'),
  registrations: { findOwn: () => undefined, listOwn: () => [] },
  defaultRegion: table.defaultRegion,
  documents: realDocuments(),
  botName: 'test',
  taught,
});

describe('taught answers: paraphrase matching', () => {
  it.each(HITS)('gives "%s" taught answer %s', (question, id) => {
    const m = index.match(question);
    expect(m?.id).toBe(id);
    expect(m!.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it.each(HARD_PARAPHRASES)('never gives "%s" a wrong taught answer (it may miss: expected %s)', (question, id) => {
    const m = index.match(question);
    if (m) expect(m.id).toBe(id);
  });

  it.each(NON_HITS.map((q) => [q]))('gives "%s" no taught answer', (question) => {
    expect(index.match(question)).toBeUndefined();
  });
});

describe('taught answers in a turn', () => {
  it('come before the engine’s own "detail not stated" (分期 is a detail no notice states; staff taught it)', async () => {
    const message = { conversationId: 't', userId: 'u', text: '培训可以分期付款吗', chat: 'private' as const, channel: 'test' as const };
    const r = await handleTurn({ message, session: newSession() }, portsWith(index));
    expect(r.trace.route).toBe('taught');
    expect(r.replies.join('\n')).toContain(facts.byId('zz26-payment-arranged')!.quote.slice(0, 12));
  });
});

describe('taught answers: what they say', () => {
  it('renders the taught facts with their source, and the facts as the tool output the number check reads', () => {
    const r = answerFromTaught('培训可以分期付款吗', newSession(), portsWith(index))!;
    expect(r.id).toBe('1');
    const text = r.answer.lines.join('\n');
    expect(text).toContain(facts.byId('zz26-payment-arranged')!.quote.slice(0, 12));
    expect(text).toMatch(/来源：/);
    expect(r.answer.sources?.[0]?.doc).toBe(facts.byId('zz26-payment-arranged')!.doc);
    expect(JSON.stringify(r.answer.tools[0]!.output)).toContain('zz26-payment-arranged');
  });

  it('renders "not covered, ask X" from the contact fact (name and phone from the facts table)', () => {
    const r = answerFromTaught('培训地点在哪儿', newSession(), portsWith(index))!;
    const contact = facts.byId('zz26-contact-upc-office')!;
    const text = r.answer.lines.join('\n');
    expect(text).toContain('通知未涉及这个问题，请咨询');
    expect(text).toContain(contact.kind === 'contact' ? contact.name : '');
    expect(r.answer.facts.map((f) => f.id)).toEqual(['zz26-contact-upc-office']);
  });

  it('does not serve a taught answer whose fact is gone from the facts table, and reports it stale', () => {
    const file = { version: 'next-year', defaultRegion: facts.defaultRegion, regions: facts.regions, facts: facts.all().filter((f) => f.id !== 'zz26-payment-arranged') };
    const nextYear = new FactsTable(file as ConstructorParameters<typeof FactsTable>[0]);
    const rebuilt = buildTaughtIndex({ answers: TAUGHT, facts: nextYear, chunks });
    expect(rebuilt.stale).toEqual([{ id: '1', missing: ['zz26-payment-arranged'] }]);
    expect(rebuilt.match('培训可以分期付款吗')).toBeUndefined();
    // An old snapshot answering with the fact gone still says nothing of it.
    expect(answerFromTaught('培训可以分期付款吗', newSession(), portsWith(index, nextYear))).toBeUndefined();
  });
});
