/**
 * cost-per-hour: what one training hour (学时) costs ("平均一个学时多少钱",
 * "补完以后每学时合多少"): the fee, and the fee minus the subsidy, divided by
 * the course's total hours, for one region, occupation and level. Fee,
 * subsidy and hours facts are cited; a part the notices don't state is said
 * to be missing and nothing is divided by a guess. Figures are rounded to
 * 0.1 元 here, never by the caller.
 */
import type { Fact, Level, Region } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { netCost, NetCostInput } from './net-cost.js';
import { findCourseFacts } from './resolve.js';

export const CostPerHourInput = NetCostInput;

export interface CostPerHourValue {
  region: Region;
  occupation: string;
  level: Level;
  hours: number;
  /** Undefined when the notices state no fee for this course. */
  feeYuan?: number;
  subsidyYuan?: number;
  netYuan?: number;
  /** feeYuan ÷ hours, to 0.1 元. */
  feePerHourYuan?: number;
  /** netYuan ÷ hours, to 0.1 元. */
  netPerHourYuan?: number;
}

const perHour = (yuan: number | undefined, hours: number) => (yuan === undefined ? undefined : Math.round((yuan / hours) * 10) / 10);

export const costPerHour = defineTool<typeof CostPerHourInput, CostPerHourValue>({
  name: 'cost-per-hour',
  description: toolDescriptions['cost-per-hour'],
  input: CostPerHourInput,
  run(input, ctx) {
    const cost = netCost.run(input, ctx);
    if (!cost.ok) return cost;
    const v = cost.value;
    const hours = findCourseFacts(ctx.facts, 'hours', { region: v.region, occupation: v.occupation, level: v.level }, 'training hours');
    if (!hours.ok) return hours;
    const course = hours.value[0]!;
    if (!(course.total > 0)) return fail('not-found', `no total hours stated for ${v.region} ${v.occupation} ${v.level}`, 'level');
    const netYuan = v.kind === 'computed' ? v.netYuan : undefined;
    const facts: Fact[] = [...cost.facts, course];
    return ok(
      {
        region: v.region,
        occupation: v.occupation,
        level: v.level,
        hours: course.total,
        feeYuan: v.feeYuan,
        subsidyYuan: v.subsidyYuan,
        netYuan,
        feePerHourYuan: perHour(v.feeYuan, course.total),
        netPerHourYuan: perHour(netYuan, course.total),
      },
      facts,
    );
  },
});
