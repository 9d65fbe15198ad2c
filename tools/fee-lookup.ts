/**
 * fee-lookup: what the training costs (培训费), what the fee includes and
 * excludes, and who collects it. Only fee facts are read; a scope with no fee
 * in the notices is `not-found` (the notices of that region name no fee).
 */
import { z } from 'zod';
import type { Level, Region } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, ok } from './define-tool.js';
import { OptionalLevelInput, OptionalOccupationInput, OptionalRegionInput } from './inputs.js';
import { findCourseFacts } from './resolve.js';

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
    const matched = findCourseFacts(facts, 'fee', input, 'fee');
    if (!matched.ok) return matched;
    const found = matched.value;
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
