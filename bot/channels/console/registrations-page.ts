/**
 * 报名: the registrations table (masked by default), its filters and export
 * links, the one-record full view shown after an explicit, logged reveal, and
 * the review page (审核通过 / 退回 with a reason / 重复身份证号).
 */
import { CONSOLE } from '../../../prompts/console.js';
import { LevelSchema } from '../../../knowledge/facts/schema.js';
import { html, raw, type SafeHtml } from './html.js';
import type { MaskedRegistration, RegistrationFilter } from './registrations-query.js';
import { orNone, showTime } from './labels.js';
import type { ReviewRecord } from '../../store/review-store.js';
import { REVIEW_DECISIONS, REVIEW_REASON_MAX } from '../../staff/review-types.js';

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

/** How a registration's review reads: the decision for this version, else pending; stale once the resident changed it. */
export function reviewState(review: ReviewRecord | undefined): 'pending' | 'stale' | ReviewRecord['kind'] {
  if (!review) return 'pending';
  return review.current ? review.kind : 'stale';
}

function reviewCell(r: MaskedRegistration, review: ReviewRecord | undefined): SafeHtml {
  const state = reviewState(review);
  const cls = state === 'approved' ? 'tag good' : state === 'returned' || state === 'duplicate' ? 'tag bad' : 'tag';
  return html`<span class="${cls}" data-review="${state}">${C.review[state]}</span>${
    r.review === 'duplicate-id' ? html`<span class="tag bad dup-flag" title="${C.review.duplicateFlag}">${C.review.duplicateTag}</span>` : ''
  }`;
}

/** Columns whose values must not break inside (times, numbers); the rest wrap. */
const NOWRAP = new Set<string>(['reference', 'name', 'idNumber', 'phone', 'createdAt', 'updatedAt', 'level', 'gender']);
const cellClass = (key: string) => (NOWRAP.has(key) ? raw(' class="nowrap"') : '');

export interface RegistrationsPageInput {
  filter: RegistrationFilter;
  rows: MaskedRegistration[];
  /** District names for the filter (from the form's facts and the data). */
  districts: string[];
  /** A district account's one district: the filter is fixed to it. */
  lockedDistrict?: string;
  /** Decisions by reference. */
  reviews: Map<string, ReviewRecord>;
  /** A shared login: each reveal asks who is acting (an account already says). */
  needsOperator: boolean;
  csrf: string;
  error?: string;
}

/** The list page body. */
export function renderRegistrationsBody(p: RegistrationsPageInput): SafeHtml {
  const f = p.filter;
  const opt = (value: string, label: string, selected: string | undefined) =>
    html`<option value="${value}"${value === (selected ?? '') ? raw(' selected') : ''}>${label}</option>`;
  const filters = html`<form method="get" action="/registrations" class="filters card" id="registration-filters">
${
    p.lockedDistrict
      ? html`<label>${C.districtLabel}<select name="district" disabled>${opt(p.lockedDistrict, C.districtFixed(p.lockedDistrict), p.lockedDistrict)}</select></label>`
      : html`<label>${C.districtLabel}<select name="district">${opt('', C.any, f.district)}${p.districts.map((d) => opt(d, d, f.district))}</select></label>`
  }
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
    (r) => html`<tr data-reference="${r.reference}"${r.review === 'duplicate-id' ? raw(' class="dup"') : ''}>${COLUMNS.map((k) =>
      k === 'status'
        ? html`<td data-label="${C.columns[k]}" class="review-cell">${cell(r, k)} ${reviewCell(r, p.reviews.get(r.reference))}</td>`
        : html`<td data-label="${C.columns[k]}"${cellClass(k)}>${cell(r, k)}</td>`,
    )}
<td data-label="${C.columns.actions}" class="row-actions"><form method="post" action="/registrations/${encodeURIComponent(r.reference)}/reveal" class="reveal">
<input type="hidden" name="_csrf" value="${p.csrf}">
${p.needsOperator ? html`<input name="staff" required maxlength="40" placeholder="${C.staffPlaceholder}" aria-label="${C.staffLabel}">` : ''}
<button type="submit" class="secondary">${C.reveal}</button></form>
<a class="button secondary review-link" href="/registrations/${encodeURIComponent(r.reference)}">${C.review.open}</a></td></tr>`,
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

export interface ReviewPageInput {
  record: MaskedRegistration;
  review?: ReviewRecord;
  needsOperator: boolean;
  csrf: string;
  /** What was just saved, or what was wrong with the form. */
  saved?: { label: string; notified: boolean };
  error?: string;
}

/** One registration (masked) with its review state and the decision form. */
export function renderReviewBody(p: ReviewPageInput): SafeHtml {
  const r = p.record;
  const R = C.review;
  const state = reviewState(p.review);
  const current = p.review
    ? html`<dl class="kv" id="review-current"><dt>${R.current}</dt><dd>${reviewCell(r, p.review)}${
        p.review.reason ? html`：${p.review.reason}` : ''
      }</dd><dt></dt><dd class="muted">${R.decidedBy(p.review.decidedBy, showTime(p.review.decidedAt))}；${R.notice[p.review.notice] ?? ''}</dd></dl>`
    : html`<dl class="kv" id="review-current"><dt>${R.current}</dt><dd>${reviewCell(r, undefined)}</dd></dl>`;
  const keys = [...COLUMNS, 'updatedAt'] as const;
  return html`${p.saved ? html`<div class="card ok" role="status" id="review-saved">${R.saved(p.saved.label)}${p.saved.notified ? R.noticeQueued : ''}</div>` : ''}
${p.error ? html`<div class="card error" role="alert">${p.error}</div>` : ''}
${r.review === 'duplicate-id' ? html`<div class="card dup" role="note" id="duplicate-flag">⚠ ${R.duplicateFlag}</div>` : ''}
<div class="card" data-state="${state}">${current}</div>
<form method="post" action="/registrations/${encodeURIComponent(r.reference)}/review" class="card review" id="review-form">
<input type="hidden" name="_csrf" value="${p.csrf}">
<fieldset class="choices"><legend>${R.decisionLabel}</legend>${REVIEW_DECISIONS.map(
    (d) => html`<label><input type="radio" name="decision" value="${d}" required${p.review?.current && p.review.kind === d ? raw(' checked') : ''}>${R[d]}</label>`,
  )}</fieldset>
<label>${R.reasonLabel}<textarea name="reason" maxlength="${String(REVIEW_REASON_MAX)}"></textarea></label>
${p.needsOperator ? html`<label>${C.staffLabel}<input name="staff" required maxlength="40" placeholder="${C.staffPlaceholder}"></label>` : ''}
<p><button type="submit">${R.submit}</button></p>
</form>
<h2>${R.details}</h2>
<div class="table-wrap"><table id="review-record"><tbody>${keys.map((k) => html`<tr><th>${C.columns[k]}</th><td>${cell(r, k)}</td></tr>`)}</tbody></table></div>
<p><a class="button secondary" href="/registrations">${C.back}</a></p>`;
}
