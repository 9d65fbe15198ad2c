/**
 * Answers staff taught on 缺口, served before the generic pipeline (after
 * the form, privacy, greeting and out-of-scope checks in handle-turn.ts).
 * Everything said is rendered from the facts table (renderFact) or quotes a
 * chunk of the notices, with its source — never text staff typed — so the
 * eval's number check and the start-up fact checks hold for taught answers
 * too. A taught answer naming a fact or chunk that no longer exists is not
 * served (the snapshot leaves it out; this re-checks at answer time).
 */
import * as T from '../../../prompts/answers.js';
import type { Fact } from '../../../knowledge/facts/schema.js';
import type { Passage } from '../../../knowledge/types.js';
import type { Ports, Session, TurnResult } from '../types.js';
import type { Answer } from './answer-topic.js';
import { contactLine, renderFact } from './render-fact.js';
import { sourceLine, sourcesOf } from './sources.js';
import { excerpt } from './answer-from-passages.js';

/** Route of a taught answer in the trace (the console labels it). */
export const TAUGHT_ROUTE = 'taught';

/** A taught answer for this question, and the id whose hit it records. */
export interface TaughtReply {
  id: string;
  answer: Answer;
}

/** The taught answer for `text`, or undefined (no port, no match, or what it names is gone). */
export function answerFromTaught(text: string, _session: Session, ports: Ports): TaughtReply | undefined {
  const m = ports.taught?.match(text);
  if (!m) return undefined;
  const facts: Fact[] = [];
  const passages: Passage[] = [];
  const lines: string[] = [];
  if (m.contactFactId !== undefined) {
    const contact = ports.facts.byId(m.contactFactId);
    if (!contact || contact.kind !== 'contact') return undefined;
    facts.push(contact);
    lines.push(T.TAUGHT_NOT_COVERED(contactLine(contact)));
  } else if (m.chunkId !== undefined) {
    const chunk = ports.kb.chunks().find((c) => c.id === m.chunkId);
    if (!chunk) return undefined;
    passages.push({ ...chunk, score: 1, keywordScore: 0, vectorScore: 0 });
    const title = ports.documents.find((d) => d.id === chunk.doc)?.shortTitle ?? chunk.doc;
    lines.push(T.TAUGHT_PASSAGE(`《${title}》${chunk.section}`, excerpt(chunk.text, text)));
  } else {
    for (const id of m.factIds) {
      const f = ports.facts.byId(id);
      if (!f) return undefined;
      facts.push(f);
    }
    if (facts.length === 0) return undefined;
    lines.push(T.TAUGHT_LEAD, ...new Set(facts.map(renderFact)));
  }
  const sources = sourcesOf(ports.documents, facts, passages);
  const src = sourceLine(sources);
  if (src) lines.push(src);
  return {
    id: m.id,
    answer: {
      lines,
      // The facts shown are the tool output of this answer: the eval's number check reads it as evidence.
      tools: [{ name: 'taught-answer', input: { id: m.id, score: Number(m.score.toFixed(3)) }, output: { facts, chunks: passages.map((p) => p.id) } }],
      facts,
      passages,
      sources,
      confidence: 1,
      route: TAUGHT_ROUTE,
      answered: true,
    },
  };
}

/** The turn with the taught answer's hit recorded as an effect (applied with the turn's other effects). */
export function withTaughtHit(result: TurnResult, id: string): TurnResult {
  return { ...result, effects: [...result.effects, { kind: 'taught-hit', id }] };
}
