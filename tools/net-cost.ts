/**
 * net-cost: what a trainee pays after the subsidy (培训费 − 培训补贴), from
 * one fee fact and one subsidy fact, both cited. When either is missing from
 * the notices the value says which one, and nothing is computed.
 */
import { z } from 'zod';
import type { Level, Region } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, ok } from './define-tool.js';
import { LevelInput, OccupationInput, RegionInput } from './inputs.js';
import { byScope, inScope, resolveOptionalOccupation, resolveRegionScope } from './resolve.js';

export const NetCostInput = z.object({
  region: RegionInput,
  occupation: OccupationInput,
  level: LevelInput,
});

export type NetCostValue =
  | {
      kind: 'computed';
      region: Region;
      occupation: string;
      level: Level;
      feeYuan: number;
      subsidyYuan: number;
      /** feeYuan − subsidyYuan, never below 0. */
      netYuan: number;
      /** True when the subsidy is larger than the fee (netYuan was clamped to 0). */
      subsidyExceedsFee: boolean;
      /** Who the subsidy is for, in the notice's words (e.g. 枣庄市参训人员). */
      beneficiaries: string;
      feeFactId: string;
      subsidyFactId: string;
    }
  | {
      kind: 'incomplete';
      region: Region;
      occupation: string;
      level: Level;
      /** What the notices don't state for this region/occupation/level. */
      missing: Array<'fee' | 'subsidy'>;
      feeYuan?: number;
      subsidyYuan?: number;
    };

/** Fee minus subsidy for one region, occupation and level. */
export const netCost = defineTool<typeof NetCostInput, NetCostValue>({
  name: 'net-cost',
  description: toolDescriptions['net-cost'],
  input: NetCostInput,
  run(input, { facts }) {
    const scope = resolveRegionScope(facts, input.region);
    if (!scope.ok) return scope;
    const resolved = resolveOptionalOccupation(facts, input.occupation);
    if (!resolved.ok) return resolved;
    const occupation = resolved.value ?? input.occupation;
    const { region } = scope.value;
    const level = input.level;
    const sort = byScope(scope.value);
    const fee = facts
      .ofKind('fee', (f) => inScope(f, scope.value) && f.occupation === occupation && f.level === level)
      .sort(sort)[0];
    const subsidy = facts
      .ofKind('subsidy', (f) => inScope(f, scope.value) && f.occupation === occupation && f.level === level)
      .sort(sort)[0];
    if (!fee || !subsidy) {
      const missing: Array<'fee' | 'subsidy'> = [];
      if (!fee) missing.push('fee');
      if (!subsidy) missing.push('subsidy');
      return ok(
        { kind: 'incomplete', region, occupation, level, missing, feeYuan: fee?.amountYuan, subsidyYuan: subsidy?.amountYuan },
        [fee, subsidy].filter((f) => f !== undefined),
      );
    }
    const diff = fee.amountYuan - subsidy.amountYuan;
    return ok(
      {
        kind: 'computed',
        region,
        occupation,
        level,
        feeYuan: fee.amountYuan,
        subsidyYuan: subsidy.amountYuan,
        netYuan: Math.max(0, diff),
        subsidyExceedsFee: diff < 0,
        beneficiaries: subsidy.beneficiaries,
        feeFactId: fee.id,
        subsidyFactId: subsidy.id,
      },
      [fee, subsidy],
    );
  },
});
