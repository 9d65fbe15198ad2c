/**
 * deadline-status: where each matching deadline stands on the injected
 * clock's day in Beijing time. The last day counts as open ("closes-today"),
 * and "days left" includes it: on 4月19日 a window closing 4月20日 has 2 days
 * left, and 1 day until the closing day (`daysUntilClose`). The machine's time zone never matters (see ./beijing-date.ts).
 */
import { z } from 'zod';
import { DeadlineFactSchema, IsoDateSchema, type Region } from '../knowledge/facts/schema.js';
import { fieldDescriptions, toolDescriptions } from '../prompts/tools.js';
import { beijingDate, daysBetween } from './beijing-date.js';
import { defineTool, fail, ok } from './define-tool.js';
import { OptionalRegionInput } from './inputs.js';
import { byScope, inScope, resolveOptionalRegion } from './resolve.js';

const SubjectSchema = DeadlineFactSchema.shape.subject;

export const DeadlineStatusInput = z.object({
  subject: SubjectSchema.optional().describe(fieldDescriptions.subject),
  region: OptionalRegionInput,
  on: IsoDateSchema.optional().describe(fieldDescriptions.on),
});

/** Where a window stands today. */
export type DeadlineState =
  | { status: 'not-yet-open'; daysUntilOpen: number }
  | { status: 'open'; daysLeft: number; daysUntilClose: number }
  | { status: 'closes-today' }
  | { status: 'closed'; daysSince: number };

export type DeadlineItem = DeadlineState & {
  factId: string;
  region: Region;
  subject: z.infer<typeof SubjectSchema>;
  label: string;
  audience: string;
  opens?: string;
  closes: string;
};

export interface DeadlineStatusValue {
  /** The day judged, YYYY-MM-DD: `on` when given, else today in Beijing time. */
  today: string;
  deadlines: DeadlineItem[];
}

/** The state of a window [opens, closes] on `today` (all YYYY-MM-DD, Beijing). */
export function deadlineState(today: string, closes: string, opens?: string): DeadlineState {
  if (opens && daysBetween(today, opens) > 0) return { status: 'not-yet-open', daysUntilOpen: daysBetween(today, opens) };
  const left = daysBetween(today, closes);
  if (left > 0) return { status: 'open', daysLeft: left + 1, daysUntilClose: left };
  if (left === 0) return { status: 'closes-today' };
  return { status: 'closed', daysSince: -left };
}

/** Status of every deadline matching the optional subject and region, on `on` (a day the resident names) or ctx.now. */
export const deadlineStatus = defineTool<typeof DeadlineStatusInput, DeadlineStatusValue>({
  name: 'deadline-status',
  description: toolDescriptions['deadline-status'],
  input: DeadlineStatusInput,
  run(input, { facts, now }) {
    const scope = resolveOptionalRegion(facts, input.region);
    if (!scope.ok) return scope;
    const found = facts
      .ofKind('deadline', (f) => inScope(f, scope.value) && (!input.subject || f.subject === input.subject))
      .sort(byScope(scope.value));
    if (found.length === 0) {
      const where = facts.ofKind('deadline').map((f) => `${f.region} ${f.subject}`);
      return fail('not-found', `the notices state no such deadline; deadlines exist for: ${where.join(', ') || 'none'}`);
    }
    const today = input.on ?? beijingDate(now);
    const deadlines: DeadlineItem[] = found.map((f) => ({
      ...deadlineState(today, f.closes, f.opens),
      factId: f.id,
      region: f.region,
      subject: f.subject,
      label: f.label,
      audience: f.audience,
      opens: f.opens,
      closes: f.closes,
    }));
    return ok({ today, deadlines }, found);
  },
});
