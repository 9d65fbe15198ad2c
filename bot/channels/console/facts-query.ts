/**
 * The facts page's data: search and filters over the facts table, the known
 * conflicts (facts naming each other in `conflictsWith`) and the deadlines
 * relative to the console's clock. Pure; the clock's date is passed in.
 */
import { z } from 'zod';
import type { Fact, FactOf } from '../../../knowledge/facts/schema.js';
import { RegionSchema } from '../../../knowledge/facts/schema.js';
import { matchKey } from '../../../knowledge/text/match-key.js';
import { daysBetween } from '../../../tools/beijing-date.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Query string of /facts and /api/facts. Unknown kinds simply match nothing. */
export const FactsQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  kind: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  region: z.preprocess(blankToUndefined, RegionSchema.optional()),
});
export type FactsQuery = z.infer<typeof FactsQuerySchema>;

/** Facts matching every given filter; `q` is matched against every text of the fact, ignoring spaces and width. */
export function filterFacts(facts: readonly Fact[], query: FactsQuery): Fact[] {
  const needle = query.q ? matchKey(query.q).toLowerCase() : '';
  return facts.filter(
    (f) =>
      (!query.kind || f.kind === query.kind) &&
      (!query.region || f.region === query.region) &&
      (!needle || matchKey(JSON.stringify(f)).toLowerCase().includes(needle) || matchKey(f.quote).toLowerCase().includes(needle)),
  );
}

/** A set of facts that contradict each other (each conflict listed once). */
export interface Conflict {
  facts: Fact[];
}

/** Conflicts as connected groups of `conflictsWith` links, in table order. */
export function findConflicts(facts: readonly Fact[]): Conflict[] {
  const byId = new Map(facts.map((f) => [f.id, f]));
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!links.has(a)) links.set(a, new Set());
    links.get(a)!.add(b);
  };
  for (const f of facts) {
    for (const other of f.conflictsWith ?? []) {
      if (!byId.has(other)) continue;
      link(f.id, other);
      link(other, f.id);
    }
  }
  const seen = new Set<string>();
  const out: Conflict[] = [];
  for (const f of facts) {
    if (seen.has(f.id) || !links.has(f.id)) continue;
    const group: string[] = [];
    const stack = [f.id];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      group.push(id);
      for (const n of links.get(id) ?? []) stack.push(n);
    }
    const order = new Map(facts.map((x, i) => [x.id, i]));
    group.sort((a, b) => order.get(a)! - order.get(b)!);
    out.push({ facts: group.map((id) => byId.get(id)!) });
  }
  return out;
}

export interface DeadlineState {
  fact: FactOf<'deadline'>;
  /** 'passed' after the last day (inclusive), 'today' on it, 'open' before. */
  state: 'passed' | 'today' | 'open';
  /** Days since closing (passed) or until closing (open); 0 today. */
  days: number;
}

/** Every deadline fact with its state on `today` (YYYY-MM-DD, Beijing), passed ones first. */
export function deadlineStates(facts: readonly Fact[], today: string): DeadlineState[] {
  const out: DeadlineState[] = [];
  for (const f of facts) {
    if (f.kind !== 'deadline') continue;
    const d = daysBetween(today, f.closes);
    out.push({ fact: f, state: d < 0 ? 'passed' : d === 0 ? 'today' : 'open', days: Math.abs(d) });
  }
  const rank = { passed: 0, today: 1, open: 2 } as const;
  return out.sort((a, b) => rank[a.state] - rank[b.state] || a.fact.closes.localeCompare(b.fact.closes));
}
