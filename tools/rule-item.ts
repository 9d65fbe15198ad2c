/**
 * The shape rule facts take in tool outputs: the plain statement for the
 * reply plus the verbatim quote and its place in the document for the citation.
 */
import type { FactOf, Region } from '../knowledge/facts/schema.js';

export interface RuleWithSource {
  factId: string;
  region: Region;
  label: string;
  statement: string;
  value?: number;
  unit?: string;
  doc: string;
  section: string;
  quote: string;
}

/** A rule fact as a tool output item. */
export function ruleWithSource(f: FactOf<'rule'>): RuleWithSource {
  return {
    factId: f.id,
    region: f.region,
    label: f.label,
    statement: f.statement,
    value: f.value,
    unit: f.unit,
    doc: f.doc,
    section: f.section,
    quote: f.quote,
  };
}
