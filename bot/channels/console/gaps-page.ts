/** 缺口: grouped questions the bot could not answer well (already masked by groupGaps). */
import { CONSOLE } from '../../../prompts/console.js';
import { html, type SafeHtml } from './html.js';
import type { GapGroup } from './gaps.js';
import { routeLabel, showTime } from './labels.js';

const C = CONSOLE.gaps;

/** The gaps page body. */
export function renderGapsBody(groups: GapGroup[]): SafeHtml {
  if (!groups.length) return html`<p class="muted">${C.intro}</p><p class="muted" id="no-gaps">${C.none}</p>`;
  const total = groups.reduce((n, g) => n + g.count, 0);
  return html`<p class="muted">${C.intro}</p><p class="muted">${C.total(groups.length, total)}</p>
<div class="table-wrap"><table id="gaps" class="stack"><thead><tr><th>${C.question}</th><th>${C.count}</th><th>${C.lastSeen}</th><th>${C.unanswered}</th><th>${C.minConfidence}</th><th>${C.routes}</th><th>${C.variants}</th></tr></thead>
<tbody>${groups.map(
    (g) => html`<tr class="gap"><td data-label="${C.question}">${g.representative}</td><td data-label="${C.count}">${g.count}</td><td data-label="${C.lastSeen}" class="nowrap">${showTime(g.lastSeen)}</td><td data-label="${C.unanswered}">${g.unanswered}</td><td data-label="${C.minConfidence}">${g.minConfidence.toFixed(2)}</td>
<td data-label="${C.routes}">${[...new Set(g.routes.map(routeLabel))].map((r) => html`<span class="tag">${r}</span>`)}</td>
<td data-label="${C.variants}">${g.variants.length > 1 ? html`<ul>${g.variants.map((v) => html`<li>${v.text} ×${v.count}</li>`)}</ul>` : ''}</td></tr>`,
  )}</tbody></table></div>`;
}
