/**
 * total-cost: what several trainees, or one trainee for several levels, pay
 * or receive together ("我报初级她报中级 一共多少", "公司给3个员工报中级 补贴后一共要多少",
 * "大数据初级中级 总共能补多少"): each item's fee and subsidy (through net-cost)
 * times its headcount, and the sums computed here, never by the caller. A sum
 * is given only when every item states its part (no fee in the notices: no fee
 * total, and no net total); for two single items the difference of their net
 * costs too ("中级比初级自己多掏多少"). Every fee and subsidy fact used is cited.
 */
import { z } from 'zod';
import type { Fact, Level, Region } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { netCost, NetCostInput } from './net-cost.js';

export const TotalCostInput = z
  .object({
    items: z.array(NetCostInput.extend({ count: z.number().int().min(1).max(500).default(1) })).min(1).max(6),
  })
  .refine((i) => i.items.reduce((s, x) => s + x.count, 0) >= 2, { message: 'a total needs two or more trainees or levels', path: ['items'] });

export interface TotalCostItem {
  region: Region;
  occupation: string;
  level: Level;
  count: number;
  /** Undefined when the notices state no fee for this item. */
  feeYuan?: number;
  /** Undefined when the notices state no subsidy for this item. */
  subsidyYuan?: number;
  /** feeYuan − subsidyYuan (never below 0), per person, when both are stated. */
  netYuan?: number;
}

export interface TotalCostValue {
  items: TotalCostItem[];
  /** Number of trainee-levels summed (Σ count). */
  people: number;
  /** Σ feeYuan × count, when every item states a fee. */
  totalFeeYuan?: number;
  /** Σ subsidyYuan × count, when every item states a subsidy. */
  totalSubsidyYuan?: number;
  /** Σ netYuan × count, when every item states both. */
  totalNetYuan?: number;
  /** Two single items: the second's net cost minus the first's (negative when the first costs more). */
  netDifferenceYuan?: number;
}

const sum = (items: TotalCostItem[], of: (i: TotalCostItem) => number | undefined): number | undefined =>
  items.every((i) => of(i) !== undefined) ? items.reduce((s, i) => s + of(i)! * i.count, 0) : undefined;

export const totalCost = defineTool<typeof TotalCostInput, TotalCostValue>({
  name: 'total-cost',
  description: toolDescriptions['total-cost'],
  input: TotalCostInput,
  run(input, ctx) {
    const items: TotalCostItem[] = [];
    const facts: Fact[] = [];
    for (const { count, ...item } of input.items) {
      const r = netCost.run(item, ctx);
      if (!r.ok) return r;
      const v = r.value;
      if (v.kind === 'computed') items.push({ region: v.region, occupation: v.occupation, level: v.level, count, feeYuan: v.feeYuan, subsidyYuan: v.subsidyYuan, netYuan: v.netYuan });
      else if (v.feeYuan !== undefined || v.subsidyYuan !== undefined) items.push({ region: v.region, occupation: v.occupation, level: v.level, count, feeYuan: v.feeYuan, subsidyYuan: v.subsidyYuan });
      else return fail('not-found', `no fee and no subsidy stated for ${v.region} ${v.occupation} ${v.level}`, 'items');
      for (const f of r.facts) if (!facts.includes(f)) facts.push(f);
    }
    const [a, b] = items;
    const single = items.length === 2 && a!.count === 1 && b!.count === 1 && a!.netYuan !== undefined && b!.netYuan !== undefined;
    return ok(
      {
        items,
        people: items.reduce((s, i) => s + i.count, 0),
        totalFeeYuan: sum(items, (i) => i.feeYuan),
        totalSubsidyYuan: sum(items, (i) => i.subsidyYuan),
        totalNetYuan: sum(items, (i) => i.netYuan),
        netDifferenceYuan: single ? b!.netYuan! - a!.netYuan! : undefined,
      },
      facts,
    );
  },
});
