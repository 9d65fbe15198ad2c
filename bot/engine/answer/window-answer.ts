/**
 * A window a rule counts from the resident's own event ("证书去年10月发的，
 * 在金华现在申请补贴还来得及吗"): the rule from the facts table, the event
 * date from the message, the verdict from the window-status tool on the
 * injected clock. Only when the region's notices set such a window and the
 * message says when the event was; otherwise the usual topic answer runs.
 */
import * as T from '../../../prompts/answers.js';
import { beijingDate } from '../../../tools/beijing-date.js';
import { windowRules, windowStatus } from '../../../tools/window-status.js';
import type { Ports } from '../types.js';
import { eventDate, eventYear } from '../understand/event-date.js';
import { CUES } from '../understand/lexicon.js';
import type { Understanding } from '../understand/understand.js';
import type { RegionChoice, ToolRunner } from './answer-types.js';
import { chineseDate, renderFact } from './render-fact.js';

/** The reply lines, or undefined when no window applies. */
export function windowLines(u: Understanding, region: RegionChoice, runner: ToolRunner, ports: Ports): string[] | undefined {
  const rules = windowRules(ports.facts.all()).filter((f) => region.regions.includes(f.region));
  if (rules.length === 0) return undefined;
  // "社保上个月断了 还能申请补贴吗": the date is of another event; the window counts from the certificate.
  if (CUES.otherEventDate.test(u.text) && !CUES.certificateMentioned.test(u.text)) return undefined;
  const today = beijingDate(ports.now());
  // A year alone counts only when it is the year the certificate was got ("证书是前年发的"), not a year of study.
  const event = eventDate(u.text, today) ?? (CUES.certificateYear.test(u.text) ? eventYear(u.text, today) : undefined);
  if (!event) return undefined;
  const rule = rules[0]!;
  const r = runner.run(windowStatus, { factId: rule.id, event });
  if (!r.ok) return undefined;
  const v = r.value;
  const label = 'label' in rule ? rule.label : '';
  const verdict =
    v.status === 'open'
      ? T.WINDOW_OPEN(label, chineseDate(v.lastDay.earliest), v.daysUntilClose)
      : v.status === 'closed'
        ? T.WINDOW_CLOSED(label, chineseDate(v.lastDay.latest), v.daysSince)
        : T.WINDOW_DEPENDS(label, chineseDate(v.lastDay.earliest), chineseDate(v.lastDay.latest));
  return [verdict, renderFact(rule), T.DEADLINE_AS_OF(chineseDate(v.today))];
}
