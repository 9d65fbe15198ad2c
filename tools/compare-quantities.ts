/**
 * compare-quantities: the difference between two quantities the facts table
 * states (a fee, a subsidy or a number of hours), e.g. 枣庄 初级补贴 vs
 * 浙江 区块链 初级补贴. Both facts are cited; the difference is computed
 * here, never by the caller, so "差多少/多多少/哪个多" answers stay exact.
 */
import { z } from 'zod';
import type { Fact, Region } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';

export const CompareQuantitiesInput = z.object({
  /** The two facts to compare (ids from fee-lookup, subsidy-lookup or hours-lookup). */
  factIds: z.tuple([z.string().min(1), z.string().min(1)]),
});

export type QuantityUnit = 'yuan' | 'hours';

export interface Quantity {
  factId: string;
  region: Region;
  kind: 'fee' | 'subsidy' | 'hours';
  occupation: string;
  level: string;
  value: number;
  unit: QuantityUnit;
}

export interface CompareQuantitiesValue {
  first: Quantity;
  second: Quantity;
  /** |first − second|. */
  difference: number;
  /** Which is larger, or 'equal'. */
  larger: 'first' | 'second' | 'equal';
}

/** The quantity a fact states, if it states one. */
export function quantityOf(f: Fact): Quantity | undefined {
  if (f.kind === 'fee' || f.kind === 'subsidy') {
    return { factId: f.id, region: f.region, kind: f.kind, occupation: f.occupation, level: f.level, value: f.amountYuan, unit: 'yuan' };
  }
  if (f.kind === 'hours') return { factId: f.id, region: f.region, kind: 'hours', occupation: f.occupation, level: f.level, value: f.total, unit: 'hours' };
  return undefined;
}

export const compareQuantities = defineTool<typeof CompareQuantitiesInput, CompareQuantitiesValue>({
  name: 'compare-quantities',
  description: toolDescriptions['compare-quantities'],
  input: CompareQuantitiesInput,
  run(input, { facts }) {
    const found = input.factIds.map((id) => facts.byId(id));
    const [a, b] = found;
    if (!a || !b) return fail('not-found', `unknown fact id: ${input.factIds.filter((_, i) => !found[i]).join(', ')}`, 'factIds');
    const qa = quantityOf(a);
    const qb = quantityOf(b);
    if (!qa || !qb) return fail('invalid-input', 'both facts must state a fee, a subsidy or hours', 'factIds');
    if (qa.unit !== qb.unit || qa.kind !== qb.kind) return fail('invalid-input', `cannot compare ${qa.kind} with ${qb.kind}`, 'factIds');
    const larger = qa.value === qb.value ? 'equal' : qa.value > qb.value ? 'first' : 'second';
    return ok({ first: qa, second: qb, difference: Math.abs(qa.value - qb.value), larger }, [a, b]);
  },
});
