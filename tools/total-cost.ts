/**
 * total-cost: what several trainees, or one trainee for several levels, pay
 * together ("我报初级她报中级 一共多少", "公司给3个员工报中级 补贴后一共要多少"):
 * each item's fee, and its net cost through net-cost, times its headcount,
 * and the sums computed here, never by the caller. Every fee and subsidy fact
 * used is cited. An item without a fee in the notices fails the call (nothing
 * is summed); an item without a subsidy leaves the net total out, never
 * guessed.
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
  feeYuan: number;
  /** Undefined when the notices state no subsidy for this item. */
  subsidyYuan?: number;
  /** feeYuan − subsidyYuan (never below 0), per person. */
  netYuan?: number;
}

export interface TotalCostValue {
  items: TotalCostItem[];
  /** Number of trainee-levels summed (Σ count). */
  people: number;
  /** Σ feeYuan × count. */
  totalFeeYuan: number;
  /** Σ netYuan × count, when every item has a subsidy. */
  totalNetYuan?: number;
}

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
      else if (v.feeYuan !== undefined) items.push({ region: v.region, occupation: v.occupation, level: v.level, count, feeYuan: v.feeYuan });
      else return fail('not-found', `no fee stated for ${v.region} ${v.occupation} ${v.level}`, 'items');
      for (const f of r.facts) if (!facts.includes(f)) facts.push(f);
    }
    const net = items.every((i) => i.netYuan !== undefined) ? items.reduce((s, i) => s + i.netYuan! * i.count, 0) : undefined;
    return ok(
      {
        items,
        people: items.reduce((s, i) => s + i.count, 0),
        totalFeeYuan: items.reduce((s, i) => s + i.feeYuan * i.count, 0),
        totalNetYuan: net,
      },
      facts,
    );
  },
});
