/**
 * 审计: the audit log (bot/store/audit-store.ts) with a filter by who, what
 * and date (Beijing calendar days of the real time the row was written).
 * Rows name accounts, references and export conditions only.
 */
import { z } from 'zod';
import { CONSOLE } from '../../../prompts/console.js';
import { AUDIT_ACTIONS, type AuditEntry, type AuditFilter } from '../../store/audit-store.js';
import { html, raw, type SafeHtml } from './html.js';
import { showTime } from './labels.js';

const A = CONSOLE.audit;
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Query string of /audit and /api/audit. */
export const AuditQuerySchema = z.object({
  actor: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  action: z.preprocess(blankToUndefined, z.enum(AUDIT_ACTIONS).optional()),
  from: z.preprocess(blankToUndefined, IsoDay.optional()),
  to: z.preprocess(blankToUndefined, IsoDay.optional()),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** Beijing midnight of a YYYY-MM-DD day as an instant. */
function beijingMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The query as store bounds: `to` is inclusive of its whole Beijing day. */
export function auditFilterOf(q: AuditQuery): AuditFilter {
  return {
    actor: q.actor,
    action: q.action,
    from: q.from ? beijingMidnight(q.from).toISOString() : undefined,
    to: q.to ? new Date(beijingMidnight(q.to).getTime() + 24 * 60 * 60 * 1000).toISOString() : undefined,
  };
}

const actorLabel = (actor: string) => A.actors[actor] ?? actor;

function detailText(e: AuditEntry): string {
  const parts: string[] = [];
  if (e.operator) parts.push(A.operator(e.operator));
  const d = e.detail;
  if (e.action === 'login-failed' && typeof d.reason === 'string') parts.push(A.reasons[d.reason] ?? d.reason);
  if (e.action === 'export') {
    if (typeof d.count === 'number') parts.push(A.exported(d.count));
    for (const key of ['district', 'level', 'status', 'from', 'to'] as const) {
      const v = d[key];
      if (typeof v === 'string' && v) parts.push(`${CONSOLE.registrations[`${key}Label` as 'districtLabel'] ?? key} ${key === 'status' ? (CONSOLE.registrations.status[v] ?? v) : v}`);
    }
  }
  if (e.action === 'review' && typeof d.decision === 'string') {
    const label = (CONSOLE.registrations.review as Record<string, unknown>)[d.decision];
    parts.push(typeof label === 'string' ? label : d.decision);
    if (d.notified === true) parts.push(A.notified);
  }
  return parts.join('；');
}

export function renderAuditBody(p: { query: AuditQuery; entries: AuditEntry[]; actors: string[]; error?: string }): SafeHtml {
  const q = p.query;
  const opt = (value: string, label: string, selected: string | undefined) =>
    html`<option value="${value}"${value === (selected ?? '') ? raw(' selected') : ''}>${label}</option>`;
  const filters = html`<form method="get" action="/audit" class="filters card" id="audit-filters">
<label>${A.actorLabel}<select name="actor">${opt('', A.any, q.actor)}${p.actors.map((a) => opt(a, actorLabel(a), q.actor))}</select></label>
<label>${A.actionLabel}<select name="action">${opt('', A.any, q.action)}${AUDIT_ACTIONS.map((a) => opt(a, A.actions[a] ?? a, q.action))}</select></label>
<label>${A.fromLabel}<input type="date" name="from" value="${q.from ?? ''}"></label>
<label>${A.toLabel}<input type="date" name="to" value="${q.to ?? ''}"></label>
<button type="submit">${A.submit}</button><a class="button secondary" href="/audit">${A.reset}</a>
</form>`;
  const C = A.columns;
  const rows = p.entries.map(
    (e) => html`<tr data-action="${e.action}" data-actor="${e.actor}"><td data-label="${C.at}" class="nowrap">${showTime(e.at)}</td><td data-label="${C.actor}">${actorLabel(e.actor)}</td><td data-label="${C.action}">${A.actions[e.action] ?? e.action}</td><td data-label="${C.target}" class="nowrap">${e.target ?? ''}</td><td data-label="${C.detail}">${detailText(e)}</td></tr>`,
  );
  return html`<p class="muted">${A.intro}</p>
${filters}
${p.error ? html`<div class="card error" role="alert">${p.error}</div>` : ''}
<p class="muted" id="audit-count">${A.count(p.entries.length)}</p>
${p.entries.length ? html`<div class="table-wrap"><table id="audit" class="stack"><thead><tr><th>${C.at}</th><th>${C.actor}</th><th>${C.action}</th><th>${C.target}</th><th>${C.detail}</th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p class="muted">${A.none}</p>`}`;
}
