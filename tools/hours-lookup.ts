/**
 * hours-lookup: the training hours (学时) — total, online and offline where
 * the notice splits them. A scope with no hours in the notices is `not-found`.
 */
import { z } from 'zod';
import type { Level, Region } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, ok } from './define-tool.js';
import { OptionalLevelInput, OptionalOccupationInput, OptionalRegionInput } from './inputs.js';
import { findCourseFacts } from './resolve.js';

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
    const matched = findCourseFacts(facts, 'hours', input, 'training hours');
    if (!matched.ok) return matched;
    const found = matched.value;
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
