/**
 * refund-policy: every refund rule (退款) in scope. When two documents say
 * different things (the city notice allows a refund up to three days before
 * the class; the university brochure refuses any refund once paid), both
 * rules are returned and the conflict is flagged with both texts and their
 * sources — the bot must state both, never pick one.
 */
import { z } from 'zod';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { OptionalRegionInput } from './inputs.js';
import { byScope, inScope, resolveOptionalRegion } from './resolve.js';
import { ruleWithSource, type RuleWithSource } from './rule-item.js';

export const RefundPolicyInput = z.object({ region: OptionalRegionInput });

/** Two rules that state the refund differently. */
export interface RefundConflict {
  a: RuleWithSource;
  b: RuleWithSource;
}

export interface RefundPolicyValue {
  rules: RuleWithSource[];
  conflicts: RefundConflict[];
}

/** Refund rules in scope, with their conflicts paired. */
export const refundPolicy = defineTool<typeof RefundPolicyInput, RefundPolicyValue>({
  name: 'refund-policy',
  description: toolDescriptions['refund-policy'],
  input: RefundPolicyInput,
  run(input, { facts }) {
    const scope = resolveOptionalRegion(facts, input.region);
    if (!scope.ok) return scope;
    const found = facts
      .ofKind('rule', (f) => inScope(f, scope.value) && f.topics.includes('refund'))
      .sort(byScope(scope.value));
    if (found.length === 0) {
      const where = [...new Set(facts.ofKind('rule', (f) => f.topics.includes('refund')).map((f) => f.region))];
      return fail('not-found', `the notices for ${scope.value?.region ?? 'any region'} state no refund rule; refund rules exist for: ${where.join(', ') || 'none'}`);
    }
    const rules = found.map(ruleWithSource);
    const byId = new Map(rules.map((r) => [r.factId, r]));
    const conflicts: RefundConflict[] = [];
    const paired = new Set<string>();
    for (const f of found) {
      for (const otherId of f.conflictsWith ?? []) {
        const key = [f.id, otherId].sort().join('|');
        const a = byId.get(f.id);
        const b = byId.get(otherId);
        if (paired.has(key) || !a || !b) continue;
        paired.add(key);
        conflicts.push({ a, b });
      }
    }
    return ok({ rules, conflicts }, found);
  },
});
