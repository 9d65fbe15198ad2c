/**
 * Citations: every fact or passage an answer rests on becomes a SourceRef
 * (document id, short title, section, verbatim quote), and the answer ends
 * with one line naming them.
 */
import type { DocumentMeta, Fact } from '../../../knowledge/facts/schema.js';
import type { Passage } from '../../../knowledge/types.js';
import { SEARCHED_SECTION, SOURCE_LINE, SOURCE_REF } from '../../../prompts/answers.js';
import type { SourceRef } from '../types.js';

function titleOf(documents: readonly DocumentMeta[], doc: string): string {
  return documents.find((d) => d.id === doc)?.shortTitle ?? doc;
}

/**
 * What a fact is cited with: its quote, and for an eligibility fact the stem with every clause's own
 * verbatim quote, since an answer may show any clause (the deciding one, or the near misses).
 */
function quoteOf(f: Fact): string {
  if (f.kind !== 'eligibility') return f.quote;
  const clauses = f.clauses.map((c) => c.quote).filter((q) => !f.quote.includes(q));
  return clauses.length ? [f.quote, ...clauses].join('\n') : f.quote;
}

/** Sources of the facts and passages, de-duplicated, facts first. */
export function sourcesOf(documents: readonly DocumentMeta[], facts: readonly Fact[], passages: readonly Passage[] = []): SourceRef[] {
  const out: SourceRef[] = [];
  const seen = new Set<string>();
  for (const f of facts) {
    const key = `${f.doc}|${f.quote}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ doc: f.doc, title: titleOf(documents, f.doc), section: f.section, quote: quoteOf(f) });
  }
  for (const p of passages) {
    const key = `${p.doc}|${p.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ doc: p.doc, title: titleOf(documents, p.doc), section: p.section, quote: p.text });
  }
  return out;
}

/** "来源：《…》section；《…》section" naming at most `max` distinct places. */
export function sourceLine(sources: readonly SourceRef[], max = 3): string | undefined {
  const refs: Array<{ ref: string; doc: string }> = [];
  for (const s of sources) {
    const ref = SOURCE_REF(s.title, s.section);
    if (!refs.some((r) => r.ref === ref)) refs.push({ ref, doc: s.doc });
  }
  if (refs.length === 0) return undefined;
  const shown = refs.slice(0, max);
  // Every notice the answer draws on is named, even past `max` places.
  for (const r of refs.slice(max)) if (!shown.some((x) => x.doc === r.doc)) shown.push(r);
  return SOURCE_LINE(shown.map((r) => r.ref));
}

/**
 * The notices searched for a "not stated" claim, as its sources: the claim rests on a whole notice
 * read for it, so that notice is named (with no clause, since none states it).
 */
export function searchedSources(documents: readonly DocumentMeta[], regions: readonly string[]): SourceRef[] {
  return documents.filter((d) => regions.includes(d.region)).map((d) => ({ doc: d.id, title: d.shortTitle, section: SEARCHED_SECTION, quote: '' }));
}
