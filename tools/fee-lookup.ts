/**
 * fee-lookup: what the training costs (培训费), what the fee includes and
 * excludes, and who collects it. Only fee facts are read; a scope with no fee
 * in the notices is `not-found` (the notices of that region name no fee).
 */
import { z } from 'zod';
import type { Level, Region } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { OptionalLevelInput, OptionalOccupationInput, OptionalRegionInput } from './inputs.js';
import { byScope, inScope, resolveOptionalOccupation, resolveOptionalRegion } from './resolve.js';

export const FeeLookupInput = z.object({
  region: OptionalRegionInput,
  occupation: OptionalOccupationInput,
  level: OptionalLevelInput,
});

/** One fee as the notice states it. */
export interface FeeItem {
  factId: string;
  region: Region;
  occupation: string;
  level: Level;
  amountYuan: number;
  mode?: string;
  includes: string[];
  excludes: string[];
  payee?: string;
}

export interface FeeLookupValue {
  fees: FeeItem[];
}

/** Fees matching the optional region (with inherited regions), occupation and level. */
export const feeLookup = defineTool<typeof FeeLookupInput, FeeLookupValue>({
  name: 'fee-lookup',
  description: toolDescriptions['fee-lookup'],
  input: FeeLookupInput,
  run(input, { facts }) {
    const scope = resolveOptionalRegion(facts, input.region);
    if (!scope.ok) return scope;
    const occupation = resolveOptionalOccupation(facts, input.occupation);
    if (!occupation.ok) return occupation;
    const found = facts
      .ofKind(
        'fee',
        (f) =>
          inScope(f, scope.value) &&
          (!occupation.value || f.occupation === occupation.value) &&
          (!input.level || f.level === input.level),
      )
      .sort(byScope(scope.value));
    if (found.length === 0) {
      const where = [...new Set(facts.ofKind('fee').map((f) => `${f.region} ${f.occupation} ${f.level}`))];
      return fail('not-found', `the notices state no fee for this request; fees exist for: ${where.join(', ') || 'none'}`);
    }
    const fees: FeeItem[] = found.map((f) => ({
      factId: f.id,
      region: f.region,
      occupation: f.occupation,
      level: f.level,
      amountYuan: f.amountYuan,
      mode: f.mode,
      includes: f.includes,
      excludes: f.excludes,
      payee: f.payee,
    }));
    return ok({ fees }, found);
  },
});
