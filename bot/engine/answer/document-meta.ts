/**
 * Questions about a notice itself: its 文号, when it was issued, when it takes
 * effect ("枣庄2026年这个通知是哪天发的", "威海方案文号多少"). What each field
 * is asked with, and how the facts that state it are labelled, is language
 * data (understanding.json `documentMeta`). The answer is the region's facts
 * that state the field (their label says which), for the notice the message
 * names by its year, or every notice of the region. A notice with no such
 * fact whose metadata (knowledge/docs/documents.json) records the field as
 * absent is said not to state it, naming that notice, with the hotline —
 * never another notice's number or date.
 */
import type { DocumentMeta, Fact } from '../../../knowledge/facts/schema.js';
import * as T from '../../../prompts/answers.js';
import { DOCUMENT_META } from '../understand/lexicon.js';
import type { Understanding } from '../understand/understand.js';
import type { Ports, Session } from '../types.js';
import { ToolRunner, type Answer } from './answer-types.js';
import { hotline, regionScopeFor } from './answer-topic.js';
import { renderFact } from './render-fact.js';
import { searchedSources, sourceLine, sourcesOf } from './sources.js';
import { documentsNamed } from './documents.js';

type MetaField = 'docNumber' | 'issued' | 'effective';

/** The notices a message names by a year, or all of the region's. */
function documentsAsked(text: string, documents: readonly DocumentMeta[]): DocumentMeta[] {
  const named = documentsNamed(text, documents);
  return named.length ? named : [...documents];
}

export function answerDocumentMeta(u: Understanding, session: Session, ports: Ports): Answer | undefined {
  if (!DOCUMENT_META?.subject.test(u.text)) return undefined;
  const asked = DOCUMENT_META.fields.filter((m) => m.ask.test(u.text));
  if (asked.length === 0) return undefined;
  const region = regionScopeFor(u, session, ports);
  const docs = documentsAsked(
    u.text,
    ports.documents.filter((d) => region.regions.includes(d.region) || ports.facts.all().some((f) => f.doc === d.id && region.regions.includes(f.region))),
  );
  if (docs.length === 0) return undefined;
  const runner = new ToolRunner({ facts: ports.facts, now: ports.now() });
  const shown: Fact[] = [];
  const unstated: Array<{ doc: DocumentMeta; name: string }> = [];
  for (const m of asked) {
    for (const doc of docs) {
      const facts = ports.facts.all().filter((f) => f.doc === doc.id && region.regions.includes(f.region) && f.kind === 'rule' && m.label.test(f.label));
      if (facts.length) shown.push(...facts.filter((f) => !shown.includes(f)));
      else if (doc[m.field as MetaField] === null) unstated.push({ doc, name: m.name });
    }
  }
  // Nothing stated and nothing recorded as absent: the usual answer paths take it.
  if (shown.length === 0 && unstated.length === 0) return undefined;
  const lines = shown.map(renderFact);
  for (const { doc, name } of unstated) lines.push(T.DOCUMENT_FIELD_NOT_STATED(doc.shortTitle, name));
  if (unstated.length) lines.push(T.UNKNOWN_HOTLINE(hotline(runner, ports, region.region)));
  const cited = [...shown, ...runner.facts];
  // The notices searched first: the claim rests on them; the hotline's contact facts after.
  const sources = [...searchedSources(ports.documents.filter((d) => unstated.some((x) => x.doc.id === d.id)), region.regions.concat(unstated.map((x) => x.doc.region))), ...sourcesOf(ports.documents, cited)];
  const src = sourceLine(sources);
  if (src) lines.push(src);
  return {
    lines,
    tools: runner.calls,
    facts: cited,
    passages: [],
    sources,
    confidence: unstated.length ? 0.5 : 0.9,
    route: unstated.length ? 'document-not-stated' : 'document',
    answered: true,
  };
}
