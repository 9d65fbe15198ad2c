/**
 * 缺口: grouped questions the bot could not answer well (already masked by
 * groupGaps), each with a link to teach the bot its answer; the taught
 * answers with their use counts, stale ones flagged; and the teach page
 * (a search over the facts and the notices' chunks, ids only — no free text).
 */
import { CONSOLE } from '../../../prompts/console.js';
import type { Fact } from '../../../knowledge/facts/schema.js';
import type { Chunk } from '../../../knowledge/types.js';
import { renderFact } from '../../engine/answer/render-fact.js';
import type { TaughtAnswer } from '../../store/taught-store.js';
import { html, raw, type SafeHtml } from './html.js';
import type { GapGroup } from './gaps.js';
import { routeLabel, showTime } from './labels.js';

const C = CONSOLE.gaps;

/** A taught answer as 缺口 lists it. */
export interface TaughtRow {
  answer: TaughtAnswer;
  /** What it names, in words (fact lines, the passage's place, the contact). */
  summary: string[];
  /** Ids it names that are gone (then it is not served). */
  missing: string[];
}

const teachHref = (g: GapGroup) =>
  `/gaps/teach?${new URLSearchParams([['question', g.representative], ...g.variants.filter((v) => v.text !== g.representative).map((v) => ['also', v.text])]).toString()}`;

/** The gaps page body. */
export function renderGapsBody(groups: GapGroup[], taught: readonly TaughtRow[] = [], input: { csrf?: string; notice?: string } = {}): SafeHtml {
  const notice = input.notice ? html`<div class="card good" role="status" id="gaps-notice">${input.notice}</div>` : '';
  const gapsHtml = !groups.length
    ? html`<p class="muted" id="no-gaps">${C.none}</p>`
    : html`<p class="muted">${C.total(groups.length, groups.reduce((n, g) => n + g.count, 0))}</p>
<div class="table-wrap"><table id="gaps" class="stack"><thead><tr><th>${C.question}</th><th>${C.count}</th><th>${C.lastSeen}</th><th>${C.unanswered}</th><th>${C.minConfidence}</th><th>${C.routes}</th><th>${C.variants}</th><th></th></tr></thead>
<tbody>${groups.map(
        (g) => html`<tr class="gap"><td data-label="${C.question}">${g.representative}</td><td data-label="${C.count}">${g.count}</td><td data-label="${C.lastSeen}" class="nowrap">${showTime(g.lastSeen)}</td><td data-label="${C.unanswered}" class="unanswered">${g.unanswered}</td><td data-label="${C.minConfidence}">${g.minConfidence.toFixed(2)}</td>
<td data-label="${C.routes}">${[...new Set(g.routes.map(routeLabel))].map((r) => html`<span class="tag">${r}</span>`)}</td>
<td data-label="${C.variants}">${g.variants.length > 1 ? html`<ul>${g.variants.map((v) => html`<li>${v.text} ×${v.count}</li>`)}</ul>` : ''}</td>
<td><a class="teach-link" href="${teachHref(g)}">${C.teachAction}</a></td></tr>`,
      )}</tbody></table></div>`;
  return html`<p class="muted">${C.intro}</p>${notice}${gapsHtml}${renderTaught(taught, input.csrf ?? '')}`;
}

function renderTaught(rows: readonly TaughtRow[], csrf: string): SafeHtml {
  const T = C.taught;
  if (!rows.length) return html`<section class="card" id="taught"><h2>${T.title}</h2><p class="muted">${T.none}</p></section>`;
  return html`<section class="card" id="taught"><h2>${T.title}</h2>
<div class="table-wrap"><table class="stack"><thead><tr><th>${T.phrasings}</th><th>${T.answer}</th><th>${T.hits}</th><th>${T.lastUsed}</th><th>${T.by}</th><th></th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr class="taught${r.missing.length ? ' stale' : ''}" data-id="${r.answer.id}"><td data-label="${T.phrasings}"><ul>${r.answer.phrasings.map((p) => html`<li>${p}</li>`)}</ul></td>
<td data-label="${T.answer}"><span class="tag">${T.kinds[r.answer.target.kind] ?? ''}</span>${r.summary.map((s) => html`<div>${s}</div>`)}${r.missing.length ? html`<div class="error stale-flag">${T.stale(r.missing.join('、'))}</div>` : ''}</td>
<td data-label="${T.hits}" class="hits">${r.answer.hits}</td><td data-label="${T.lastUsed}" class="nowrap">${r.answer.lastHitAt ? showTime(r.answer.lastHitAt) : T.never}</td><td data-label="${T.by}">${r.answer.createdBy}</td>
<td><form method="post" action="/gaps/taught/${r.answer.id}/untaught"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="secondary">${T.untaught}</button></form></td></tr>`,
  )}</tbody></table></div></section>`;
}

export interface TeachPageInput {
  question: string;
  also: string[];
  search: string;
  facts: readonly Fact[];
  chunks: readonly Chunk[];
  contacts: readonly Fact[];
  csrf: string;
  error?: string;
  titleOf: (doc: string) => string;
}

/** The teach page: the question, a search box over facts and chunks, and the choices (ids only). */
export function renderTeachBody(p: TeachPageInput): SafeHtml {
  const T = C.teach;
  const hidden = html`<input type="hidden" name="question" value="${p.question}">${p.also.map((a) => html`<input type="hidden" name="also" value="${a}">`)}`;
  const facts = p.facts.length
    ? html`<ul class="choices" id="fact-choices">${p.facts.map(
        (f) => html`<li><label><input type="checkbox" name="f:${f.id}" value="1"> ${renderFact(f)} <span class="muted">《${p.titleOf(f.doc)}》${f.section}</span></label></li>`,
      )}</ul>`
    : html`<p class="muted">${T.noMatches}</p>`;
  const chunks = p.chunks.length
    ? html`<ul class="choices" id="chunk-choices">${p.chunks.map(
        (c) => html`<li><label><input type="radio" name="chunk" value="${c.id}"> <span class="muted">《${p.titleOf(c.doc)}》${c.section}</span> ${c.text.length > 120 ? c.text.slice(0, 120) + '…' : c.text}</label></li>`,
      )}</ul>`
    : html`<p class="muted">${T.noMatches}</p>`;
  const contacts = p.contacts.map((f) => html`<option value="${f.id}">${renderFact(f)}</option>`);
  return html`<p class="muted">${T.intro}</p>
${p.error ? html`<div class="card error" role="alert">${p.error}</div>` : ''}
<section class="card"><dl class="kv"><dt>${T.question}</dt><dd id="teach-question">${p.question}</dd>
${p.also.length ? html`<dt>${T.variants}</dt><dd>${p.also.join('；')}</dd>` : ''}</dl>
<form method="get" action="/gaps/teach" class="filters actions" id="teach-search">${hidden}
<label>${T.search}<input type="search" name="q" value="${p.search}" placeholder="${T.searchPlaceholder}"></label><button type="submit">${T.searchSubmit}</button></form></section>
<form method="post" action="/gaps/teach${p.also.length ? `?${new URLSearchParams(p.also.map((a) => ['also', a])).toString()}` : ''}" class="card" id="teach-form"><input type="hidden" name="_csrf" value="${p.csrf}">${hidden}
<h2>${T.facts}</h2>${facts}
<h2>${T.passages}</h2>${chunks}
<label>${T.notCovered}<select name="contact"><option value="">${T.notCoveredNone}</option>${contacts}</select></label>
<div class="actions"><button type="submit">${T.submit}</button> <a href="/gaps">${T.cancel}</a></div>
</form>${raw('')}`;
}
