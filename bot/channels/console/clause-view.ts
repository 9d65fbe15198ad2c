/**
 * The clause view of an answer: a source that is an eligibility fact cites
 * only its stem ("中级培训对象需具备以下条件之一："), which tells staff
 * nothing. Here the stem gets the clauses that decided — the ones the
 * eligibility-check call reported for that fact — or, when no call decided
 * anything (the bot listed the conditions), every clause of the fact.
 */
import type { EligibilityClause, Fact } from '../../../knowledge/facts/schema.js';
import type { SourceRef, ToolCall } from '../../engine/types.js';

/** A clause as printed in the notice. */
export interface ClauseLine {
  label: string;
  quote: string;
}

/** A source as the 问答 page shows it. */
export type ClauseSource = SourceRef & {
  /** Clauses under the stem; absent for a source that is not an eligibility fact. */
  clauses?: ClauseLine[];
  /** True when the clauses are those a check decided on, false when they are all the fact's clauses. */
  decided?: boolean;
  /** The exclusion that decided (已退休人员), when one did. */
  excludedBy?: string;
};

interface CheckOutput {
  decision: string;
  factId: string;
  clause?: ClauseLine;
  clauses?: ClauseLine[];
  excludedBy?: string;
}

function isClause(v: unknown): v is ClauseLine {
  return typeof v === 'object' && v !== null && typeof (v as ClauseLine).label === 'string' && typeof (v as ClauseLine).quote === 'string';
}

/** The eligibility-check outputs among the calls (anything else, or a failed call, is skipped). */
function checkOutputs(tools: readonly ToolCall[]): CheckOutput[] {
  const out: CheckOutput[] = [];
  for (const t of tools) {
    const o = t.output as Partial<CheckOutput> | null | undefined;
    if (t.name !== 'eligibility-check' || typeof o !== 'object' || o === null) continue;
    if (typeof o.decision !== 'string' || typeof o.factId !== 'string') continue;
    out.push({
      decision: o.decision,
      factId: o.factId,
      clause: isClause(o.clause) ? o.clause : undefined,
      clauses: Array.isArray(o.clauses) ? o.clauses.filter(isClause) : undefined,
      excludedBy: typeof o.excludedBy === 'string' ? o.excludedBy : undefined,
    });
  }
  return out;
}

function uniqueClauses(list: ClauseLine[]): ClauseLine[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.quote) ? false : (seen.add(c.quote), true)));
}

const asLine = (c: EligibilityClause): ClauseLine => ({ label: c.label, quote: c.quote });

/** Sources with the deciding clauses of each eligibility fact under its stem. */
export function withDecidingClauses(sources: readonly SourceRef[], tools: readonly ToolCall[], facts: readonly Fact[]): ClauseSource[] {
  const checks = checkOutputs(tools);
  return sources.map((s) => {
    const candidates = facts.filter((f): f is Extract<Fact, { kind: 'eligibility' }> => f.kind === 'eligibility' && f.doc === s.doc && f.quote === s.quote);
    if (candidates.length === 0) return s;
    // Several facts may share a stem (one per occupation); prefer the one a check ran on.
    const fact = candidates.find((f) => checks.some((c) => c.factId === f.id)) ?? candidates[0]!;
    const mine = checks.filter((c) => c.factId === fact.id);
    const decided = uniqueClauses(mine.flatMap((c) => (c.clause ? [c.clause] : (c.clauses ?? []))));
    const excludedBy = mine.find((c) => c.excludedBy)?.excludedBy;
    if (decided.length > 0 || excludedBy) return { ...s, clauses: decided, decided: true, excludedBy };
    return { ...s, clauses: fact.clauses.map(asLine), decided: false };
  });
}
