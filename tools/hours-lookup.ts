/**
 * hours-lookup: the training hours (学时) — total, online and offline where
 * the notice splits them. A scope with no hours in the notices is `not-found`.
 */
import { z } from 'zod';
import type { Level, Region } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { OptionalLevelInput, OptionalOccupationInput, OptionalRegionInput } from './inputs.js';
import { byScope, inScope, resolveOptionalOccupation, resolveOptionalRegion } from './resolve.js';

export const HoursLookupInput = z.object({
  region: OptionalRegionInput,
  occupation: OptionalOccupationInput,
  level: OptionalLevelInput,
});

/** Hours of one course as the notice states them. */
export interface HoursItem {
  factId: string;
  region: Region;
  occupation: string;
  level: Level;
  total: number;
  online?: number;
  offline?: number;
}

export interface HoursLookupValue {
  hours: HoursItem[];
}

/** Training hours matching the optional region, occupation and level. */
export const hoursLookup = defineTool<typeof HoursLookupInput, HoursLookupValue>({
  name: 'hours-lookup',
  description: toolDescriptions['hours-lookup'],
  input: HoursLookupInput,
  run(input, { facts }) {
    const scope = resolveOptionalRegion(facts, input.region);
    if (!scope.ok) return scope;
    const occupation = resolveOptionalOccupation(facts, input.occupation);
    if (!occupation.ok) return occupation;
    const found = facts
      .ofKind(
        'hours',
        (f) =>
          inScope(f, scope.value) &&
          (!occupation.value || f.occupation === occupation.value) &&
          (!input.level || f.level === input.level),
      )
      .sort(byScope(scope.value));
    if (found.length === 0) {
      const where = [...new Set(facts.ofKind('hours').map((f) => `${f.region} ${f.occupation} ${f.level}`))];
      return fail('not-found', `the notices state no training hours for this request; hours exist for: ${where.join(', ') || 'none'}`);
    }
    const hours: HoursItem[] = found.map((f) => ({
      factId: f.id,
      region: f.region,
      occupation: f.occupation,
      level: f.level,
      total: f.total,
      online: f.online,
      offline: f.offline,
    }));
    return ok({ hours }, found);
  },
});
