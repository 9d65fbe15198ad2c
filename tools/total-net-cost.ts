/**
 * total-net-cost: what several trainees (or one trainee for several levels)
 * pay together after the subsidy ("我报初级她报中级 一共自己出多少"): each
 * item through net-cost, and the sum computed here, never by the caller.
 * Every fee and subsidy fact used is cited. When any item is incomplete
 * (the notices lack its fee or subsidy) nothing is summed.
 */
import { z } from 'zod';
import type { Fact } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { netCost, NetCostInput, type NetCostValue } from './net-cost.js';

export const TotalNetCostInput = z.object({
  items: z.array(NetCostInput).min(2).max(6),
});

export interface TotalNetCostValue {
  items: Array<Extract<NetCostValue, { kind: 'computed' }>>;
  /** Sum of the items' netYuan. */
  totalNetYuan: number;
  /** Sum of the items' fees. */
  totalFeeYuan: number;
}

export const totalNetCost = defineTool<typeof TotalNetCostInput, TotalNetCostValue>({
  name: 'total-net-cost',
  description: toolDescriptions['total-net-cost'],
  input: TotalNetCostInput,
  run(input, ctx) {
    const items: TotalNetCostValue['items'] = [];
    const facts: Fact[] = [];
    for (const item of input.items) {
      const r = netCost.run(item, ctx);
      if (!r.ok) return r;
      if (r.value.kind !== 'computed') return fail('not-found', `no ${r.value.missing.join(' and ')} stated for ${r.value.region} ${r.value.occupation} ${r.value.level}`, 'items');
      items.push(r.value);
      for (const f of r.facts) if (!facts.includes(f)) facts.push(f);
    }
    return ok(
      {
        items,
        totalNetYuan: items.reduce((s, i) => s + i.netYuan, 0),
        totalFeeYuan: items.reduce((s, i) => s + i.feeYuan, 0),
      },
      facts,
    );
  },
});
