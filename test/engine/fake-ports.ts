/**
 * Ports for engine tests: the real facts table and document metadata, a
 * knowledge base that returns scripted passages (or none), a fixed clock,
 * and an in-memory registration look-up.
 */
import path from 'node:path';
import { loadDocumentsMeta, loadFactsTable } from '../../knowledge/facts/load-facts.js';
import type { KnowledgeBase, Passage } from '../../knowledge/types.js';
import type { RegistrationRecord } from '../../bot/registration/types.js';
import type { LlmPort, Ports } from '../../bot/engine/types.js';

const root = path.resolve(import.meta.dirname, '../..');

export function realFacts() {
  const r = loadFactsTable(path.join(root, 'knowledge/facts/facts.json'));
  if (!r.ok) throw new Error(r.error);
  return r.table;
}

export function realDocuments() {
  const r = loadDocumentsMeta(path.join(root, 'knowledge/docs'));
  if (!r.ok) throw new Error(r.error);
  return r.documents;
}

export function scriptedKb(passages: Passage[] = []): KnowledgeBase & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    async search(q) {
      queries.push(q);
      return passages;
    },
    chunks: () => passages,
    version: () => 'test',
  };
}

/** An LLM port that fails the test if the engine ever calls it. */
export const untouchableLlm: LlmPort = {
  answer() {
    throw new Error('the LLM must not be called on this path');
  },
};

export function fakePorts(over: Partial<Ports> & { today?: string } = {}): Ports & { saved: RegistrationRecord[] } {
  const saved: RegistrationRecord[] = [];
  const today = over.today ?? '2026-03-01';
  const facts = realFacts();
  return {
    kb: scriptedKb(),
    facts,
    now: () => new Date(`${today}T10:00:00+08:00`),
    registrations: {
      findOwn: (userId, id, level) => saved.find((r) => r.userId === userId && r.idNumber === id && r.level === level),
      listOwn: (userId) => saved.filter((r) => r.userId === userId),
    },
    defaultRegion: facts.defaultRegion,
    documents: realDocuments(),
    botName: 'dte-bot',
    saved,
    ...over,
  };
}
