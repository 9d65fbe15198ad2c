/**
 * Sources of an LLM answer, built by us from what the tools returned (facts
 * carry doc/section/quote, retrieved passages the same), never from what the
 * model writes. The engine shows them under the reply.
 */
import type { DocumentMeta } from '../../../knowledge/facts/schema.js';
import type { SourceRef, ToolCall } from '../types.js';

/** Every object with string `doc`, `section` and `quote` found anywhere in the values, in order. */
function* citable(value: unknown, depth = 0): Generator<{ doc: string; section: string; quote: string }> {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) yield* citable(v, depth + 1);
    return;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.doc === 'string' && typeof o.section === 'string' && typeof o.quote === 'string') {
    yield { doc: o.doc, section: o.section, quote: o.quote };
  }
  for (const v of Object.values(o)) yield* citable(v, depth + 1);
}

/**
 * The offline answer's sources first, then those of this turn's tool calls,
 * without duplicates (same doc, section and quote). Titles come from the
 * documents' metadata; an unknown document keeps its id as title.
 */
export function collectSources(
  offline: readonly SourceRef[],
  calls: readonly ToolCall[],
  documents: readonly DocumentMeta[] = [],
): SourceRef[] {
  const titles = new Map(documents.map((d) => [d.id, d.shortTitle || d.title]));
  const out: SourceRef[] = [];
  const seen = new Set<string>();
  const add = (s: SourceRef) => {
    const key = `${s.doc}\u0000${s.section}\u0000${s.quote}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  for (const s of offline) add(s);
  for (const call of calls) {
    for (const c of citable(call.output)) add({ ...c, title: titles.get(c.doc) ?? c.doc });
  }
  return out;
}
