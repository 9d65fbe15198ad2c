/**
 * 报名: the registrations table (masked by default), its filters and export
 * links, and the one-record full view shown after an explicit, logged reveal.
 */
import { CONSOLE } from '../../../prompts/console.js';
import { LevelSchema } from '../../../knowledge/facts/schema.js';
import { html, raw, type SafeHtml } from './html.js';
import type { MaskedRegistration, RegistrationFilter } from './registrations-query.js';
import { orNone, showTime } from './labels.js';

const C = CONSOLE.registrations;
const COLUMNS = ['reference', 'name', 'gender', 'idNumber', 'education', 'title', 'employer', 'district', 'phone', 'level', 'status', 'createdAt'] as const;

/** Export formats offered, in button order. */
export const EXPORT_FORMATS = ['xlsx', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The filter as a query string (only non-personal fields exist in it). */
export function filterQueryString(f: RegistrationFilter): string {
  const params = new URLSearchParams();
  for (const key of ['district', 'level', 'status', 'from', 'to'] as const) {
    const v = f[key];
    if (v) params.set(key, v);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** A cell as staff read it: status in words, times in Beijing time, no 职称 as 无. */
function cell(r: MaskedRegistration, key: (typeof COLUMNS)[number] | 'updatedAt'): string {
  if (key === 'status') return C.status[r.status] ?? r.status;
  if (key === 'createdAt' || key === 'updatedAt') return showTime(r[key]);
  if (key === 'title') return orNone(r.title);
  return String(r[key] ?? '');
}

/** Columns whose values must not break inside (times, numbers); the rest wrap. */
const NOWRAP = new Set<string>(['reference', 'name', 'idNumber', 'phone', 'createdAt', 'updatedAt', 'status', 'level', 'gender']);
const cellClass = (key: string) => (NOWRAP.has(key) ? raw(' class="nowrap"') : '');

export interface RegistrationsPageInput {
  filter: RegistrationFilter;
  rows: MaskedRegistration[];
  /** District names for the filter (from the form's facts and the data). */
  districts: string[];
  csrf: string;
  error?: string;
}

/** The list page body. */
export function renderRegistrationsBody(p: RegistrationsPageInput): SafeHtml {
  const f = p.filter;
  const opt = (value: string, label: string, selected: string | undefined) =>
    html`<option value="${value}"${value === (selected ?? '') ? raw(' selected') : ''}>${label}</option>`;
  const filters = html`<form method="get" action="/registrations" class="filters card" id="registration-filters">
<label>${C.districtLabel}<select name="district">${opt('', C.any, f.district)}${p.districts.map((d) => opt(d, d, f.district))}</select></label>
<label>${C.levelLabel}<select name="level">${opt('', C.any, f.level)}${LevelSchema.options.map((l) => opt(l, l, f.level))}</select></label>
<label>${C.statusLabel}<select name="status">${opt('', C.any, f.status)}${Object.entries(C.status).map(([k, v]) => opt(k, v, f.status))}</select></label>
<label>${C.fromLabel}<input type="date" name="from" value="${f.from ?? ''}"></label>
<label>${C.toLabel}<input type="date" name="to" value="${f.to ?? ''}"></label>
<button type="submit">${C.submit}</button><a class="button secondary" href="/registrations">${C.reset}</a>
</form>`;
  const qs = filterQueryString(f);
  const exports = html`<div class="actions" id="exports"><span>${C.export}：</span>${EXPORT_FORMATS.map(
    (fmt) => html`<a class="button secondary" id="export-${fmt}" href="/registrations/export.${fmt}${qs}" download>${C.exportAs(fmt)}</a>`,
  )}</div>`;
  const head = html`<tr>${COLUMNS.map((k) => html`<th>${C.columns[k]}</th>`)}<th>${C.columns.actions}</th></tr>`;
  // Each cell carries its header as data-label: on a narrow screen a row becomes a card of label/value lines.
  const rows = p.rows.map(
    (r) => html`<tr data-reference="${r.reference}">${COLUMNS.map((k) => html`<td data-label="${C.columns[k]}"${cellClass(k)}>${cell(r, k)}</td>`)}
<td data-label="${C.columns.actions}" class="row-actions"><form method="post" action="/registrations/${encodeURIComponent(r.reference)}/reveal" class="reveal">
<input type="hidden" name="_csrf" value="${p.csrf}">
<input name="staff" required maxlength="40" placeholder="${C.staffPlaceholder}" aria-label="${C.staffLabel}">
<button type="submit" class="secondary">${C.reveal}</button></form></td></tr>`,
  );
  return html`<p class="muted">${C.intro}</p>
${filters}
${p.error ? html`<div class="card error" role="alert">${p.error}</div>` : ''}
${exports}
<p class="muted" id="registration-count">${C.count(p.rows.length)}</p>
${p.rows.length ? html`<div class="table-wrap"><table id="registrations" class="stack"><thead>${head}</thead><tbody>${rows}</tbody></table></div>` : html`<p class="muted">${C.none}</p>`}`;
}

/** The one-record full view after a reveal. */
export function renderRevealBody(r: MaskedRegistration, notice: { staff: string; at: string }): SafeHtml {
  const keys = [...COLUMNS, 'updatedAt'] as const;
  return html`<div class="card warn" role="note">${C.revealedNotice(notice.staff, notice.at)}</div>
<div class="table-wrap"><table id="revealed"><tbody>${keys.map(
    (k) => html`<tr><th>${C.columns[k]}</th><td>${cell(r, k)}</td></tr>`,
  )}</tbody></table></div>
<p><a class="button secondary" href="/registrations">${C.back}</a></p>`;
}
