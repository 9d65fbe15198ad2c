/**
 * subsidy-lookup: the training subsidy (培训补贴) of a region. Three honest
 * outcomes: the amounts the notices state (with the subsidy rules of the
 * region, e.g. who may apply); "amount not stated" with the rules that say
 * who decides (威海); or an error — `not-covered` for a place no notice
 * covers, `not-found` when the region's notices say nothing about subsidies
 * or name no amount for that occupation/level. Never an amount from
 * elsewhere.
 */
import { z } from 'zod';
import type { Level, Region } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { OptionalLevelInput, OptionalOccupationInput, RegionInput } from './inputs.js';
import { byScope, inScope, resolveOptionalOccupation, resolveRegionScope } from './resolve.js';

export const SubsidyLookupInput = z.object({
  region: RegionInput,
  occupation: OptionalOccupationInput,
  level: OptionalLevelInput,
});

/** One subsidy amount as the notice states it. */
export interface SubsidyItem {
  factId: string;
  region: Region;
  occupation: string;
  occupationCode?: string;
  level: Level;
  amountYuan: number;
  hoursRequired?: number;
  beneficiaries: string;
}

/** A subsidy rule in plain words, with its fact id for the citation. */
export interface RuleItem {
  factId: string;
  region: Region;
  label: string;
  statement: string;
}

export type SubsidyLookupValue =
  | { kind: 'amounts'; region: Region; regions: Region[]; subsidies: SubsidyItem[]; rules: RuleItem[] }
  | { kind: 'amount-not-stated'; region: Region; regions: Region[]; rules: RuleItem[] };

/** Subsidy amounts (or the rules deciding them) for a region. */
export const subsidyLookup = defineTool<typeof SubsidyLookupInput, SubsidyLookupValue>({
  name: 'subsidy-lookup',
  description: toolDescriptions['subsidy-lookup'],
  input: SubsidyLookupInput,
  run(input, { facts }) {
    const scope = resolveRegionScope(facts, input.region);
    if (!scope.ok) return scope;
    const occupation = resolveOptionalOccupation(facts, input.occupation);
    if (!occupation.ok) return occupation;
    const { region, regions } = scope.value;
    const sort = byScope(scope.value);
    const ruleFacts = facts
      .ofKind('rule', (f) => inScope(f, scope.value) && f.topics.includes('subsidy'))
      .sort(sort);
    const rules: RuleItem[] = ruleFacts.map((f) => ({ factId: f.id, region: f.region, label: f.label, statement: f.statement }));
    const regional = facts.ofKind('subsidy', (f) => inScope(f, scope.value)).sort(sort);
    if (regional.length === 0) {
      if (ruleFacts.length === 0) return fail('not-found', `the notices for ${region} say nothing about training subsidies`);
      return ok({ kind: 'amount-not-stated', region, regions, rules }, ruleFacts);
    }
    const found = regional.filter(
      (f) => (!occupation.value || f.occupation === occupation.value) && (!input.level || f.level === input.level),
    );
    if (found.length === 0) {
      const where = [...new Set(regional.map((f) => `${f.occupation} ${f.level}`))];
      return fail('not-found', `the notices for ${region} state no subsidy for this occupation/level; amounts exist for: ${where.join(', ')}`);
    }
    const subsidies: SubsidyItem[] = found.map((f) => ({
      factId: f.id,
      region: f.region,
      occupation: f.occupation,
      occupationCode: f.occupationCode,
      level: f.level,
      amountYuan: f.amountYuan,
      hoursRequired: f.hoursRequired,
      beneficiaries: f.beneficiaries,
    }));
    return ok({ kind: 'amounts', region, regions, subsidies, rules }, [...found, ...ruleFacts]);
  },
});
