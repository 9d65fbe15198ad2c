/**
 * The retrieval path: when no tool answers, quote the best passages of the
 * notices with their source. When no passage is good enough, say so plainly
 * and give the hotline — never a guess.
 */
import * as T from '../../../prompts/answers.js';
import type { Passage } from '../../../knowledge/types.js';
import type { Ports, Session } from '../types.js';
import type { Understanding } from '../understand/understand.js';
import { sourcesOf } from './sources.js';
import { hotline, regionScopeFor, ToolRunner, type Answer } from './answer-topic.js';
import type { Region } from '../../../knowledge/facts/schema.js';

/**
 * Thresholds on the knowledge base's fused score (knowledge/types.ts, 0..1)
 * and the raw BM25 score: below them a passage is not good enough to quote.
 */
export const MIN_PASSAGE_SCORE = 0.35;
export const MIN_KEYWORD_SCORE = 2;
/** Longest excerpt quoted in a chat reply. */
export const MAX_EXCERPT = 160;

/** Cut a passage to the sentences around the query's words, at most MAX_EXCERPT chars. */
export function excerpt(text: string, query: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= MAX_EXCERPT) return clean;
  const sentences = clean.split(/(?<=[。；;！？!?])/);
  const words = [...new Set(query.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '').match(/.{2}/gu) ?? [])];
  let best = 0;
  let bestScore = -1;
  for (const [i, s] of sentences.entries()) {
    const score = words.filter((w) => s.includes(w)).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  let out = sentences[best] ?? clean;
  for (let j = best + 1; j < sentences.length && out.length + (sentences[j]?.length ?? 0) <= MAX_EXCERPT; j++) out += sentences[j];
  return out.length > MAX_EXCERPT ? out.slice(0, MAX_EXCERPT) + '…' : out;
}

export async function answerFromPassages(u: Understanding, session: Session, ports: Ports): Promise<Answer> {
  const scope = regionScopeFor(u, session, ports);
  // Digits, symbols or a lone character are no question to quote the notices for.
  if ((u.text.match(/\p{Script=Han}/gu)?.length ?? 0) < 2) return unknownAnswer(u, scope.region, ports, 'out-of-scope');
  const passages = await ports.kb.search(u.text, { k: 3, regions: scope.explicit ? scope.regions : undefined });
  const good = passages.filter((p) => p.score >= MIN_PASSAGE_SCORE && p.keywordScore >= MIN_KEYWORD_SCORE);
  if (good.length === 0) return unknownAnswer(u, scope.region, ports, u.topic || u.topicScore > 0 ? 'unknown' : 'out-of-scope');
  const shown: Passage[] = good.slice(0, 2);
  const sources = sourcesOf(ports.documents, [], shown);
  // Raw passages are the closest text, not an answer: say so and give whom to call.
  const lines = [T.PASSAGES_HEDGE];
  for (const [i, p] of shown.entries()) {
    lines.push(T.PASSAGE_LINE(`${i + 1}. 《${sources[i]?.title ?? p.doc}》${p.section}`, excerpt(p.text, u.text)));
  }
  const top = shown[0]!;
  const runner = new ToolRunner({ facts: ports.facts, now: ports.now() });
  lines.push(T.UNKNOWN_HOTLINE(hotline(runner, ports, scope.region, u.place)));
  return {
    lines,
    tools: runner.calls,
    facts: runner.facts,
    passages: shown,
    sources: [...sources, ...sourcesOf(ports.documents, runner.facts)],
    confidence: Math.min(1, top.score),
    route: 'retrieval',
    answered: true,
  };
}

/**
 * "Not in the notices": say so plainly (and that the bot only covers this
 * programme when the question is about something else) and give the
 * hotline, looked up and cited through the contacts tool.
 */
export function unknownAnswer(u: Understanding, region: Region, ports: Ports, route: 'unknown' | 'out-of-scope'): Answer {
  const runner = new ToolRunner({ facts: ports.facts, now: ports.now() });
  const lead = route === 'out-of-scope' ? `${T.OUT_OF_SCOPE}${T.UNKNOWN}` : T.UNKNOWN;
  const lines = [lead, T.UNKNOWN_HOTLINE(hotline(runner, ports, region, u.place))];
  return { lines, tools: runner.calls, facts: runner.facts, passages: [], sources: sourcesOf(ports.documents, runner.facts), confidence: 0, route, answered: false };
}
