/**
 * 事实: the facts table, searchable, each fact with its quote and document;
 * the known conflicts and the deadlines (passed ones flagged) per the
 * console's clock.
 */
import { CONSOLE } from '../../../prompts/console.js';
import { RegionSchema, type DocumentMeta, type Fact } from '../../../knowledge/facts/schema.js';
import { EXPORT_HEADERS } from '../../../prompts/registration.js';
import { html, raw, type SafeHtml } from './html.js';
import type { Conflict, DeadlineState, FactsQuery } from './facts-query.js';

const BASE_KEYS = new Set(['id', 'kind', 'doc', 'section', 'quote', 'region', 'topics', 'conflictsWith', 'note']);

function docTitle(docs: readonly DocumentMeta[], id: string): string {
  return docs.find((d) => d.id === id)?.shortTitle ?? id;
}

/** A clause list ({ label, quote, all }) shows as the clauses' own words. */
function isClauseList(value: unknown): value is Array<{ quote: string }> {
  return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && typeof (v as { quote?: unknown }).quote === 'string');
}

function renderValue(key: string, value: unknown): SafeHtml {
  if (typeof value === 'boolean') return html`${value ? CONSOLE.yes : CONSOLE.no}`;
  if (key === 'field' && typeof value === 'string') return html`${(EXPORT_HEADERS as Record<string, string>)[value] ?? value}`;
  if (typeof value === 'string' && CONSOLE.factValues[`${key}:${value}`]) return html`${CONSOLE.factValues[`${key}:${value}`]}`;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return html`${value.join('、')}`;
  if (isClauseList(value)) return html`<ul class="clauses">${value.map((c) => html`<li>${c.quote}</li>`)}</ul>`;
  if (value !== null && typeof value === 'object') return html`<pre>${JSON.stringify(value, null, 2)}</pre>`;
  return html`${String(value)}`;
}

/** A fact named for staff: its kind, region and source (ids are technical details). */
function factName(f: Fact, docs: readonly DocumentMeta[]): string {
  return `${CONSOLE.factKinds[f.kind] ?? f.kind} · ${f.region} · ${docTitle(docs, f.doc)} ${f.section}`;
}

/** One fact as a card: kind-specific fields, then quote and source; id and operator note behind 技术细节. */
export function renderFact(f: Fact, docs: readonly DocumentMeta[], all: readonly Fact[] = []): SafeHtml {
  const fields = Object.entries(f)
    .filter(([k, v]) => !BASE_KEYS.has(k) && v !== undefined)
    .map(([k, v]) => html`<dt>${CONSOLE.factFields[k] ?? k}</dt><dd>${renderValue(k, v)}</dd>`);
  const conflicting = (f.conflictsWith ?? []).map((id) => ({ id, fact: all.find((x) => x.id === id) }));
  return html`<article class="card fact" id="fact-${f.id}">
<div><span class="tag">${CONSOLE.factKinds[f.kind] ?? f.kind}</span><span class="tag">${f.region}</span></div>
<dl class="kv">${fields}
<dt>${CONSOLE.facts.topics}</dt><dd>${f.topics.map((t) => CONSOLE.routes[t] ?? t).join('、')}</dd>
${conflicting.length ? html`<dt>${CONSOLE.facts.conflictsWithLabel}</dt><dd>${conflicting.map((c) => html`<a href="#fact-${c.id}">${c.fact ? factName(c.fact, docs) : CONSOLE.routeOther}</a> `)}</dd>` : ''}
</dl>
<blockquote>${f.quote}</blockquote>
<div class="muted">${CONSOLE.facts.source}：${docTitle(docs, f.doc)} · ${f.section}</div>
<details class="tech"><summary>${CONSOLE.ask.techDetails}</summary><dl class="kv"><dt>${CONSOLE.facts.id}</dt><dd><code>${f.id}</code></dd>
${f.note ? html`<dt>${CONSOLE.facts.note}</dt><dd>${f.note}</dd>` : ''}</dl></details>
</article>`;
}

export interface FactsPageInput {
  query: FactsQuery;
  all: readonly Fact[];
  shown: readonly Fact[];
  version: string;
  conflicts: Conflict[];
  deadlines: DeadlineState[];
  today: string;
  documents: readonly DocumentMeta[];
}

/** The facts page body. */
export function renderFactsBody(p: FactsPageInput): SafeHtml {
  const kinds = [...new Set(p.all.map((f) => f.kind))];
  const opt = (value: string, label: string, selected: string | undefined) =>
    html`<option value="${value}"${value === selected ? raw(' selected') : ''}>${label}</option>`;
  const filters = html`<form method="get" action="/facts" class="filters card">
<label>${CONSOLE.facts.searchLabel}<input type="search" name="q" value="${p.query.q ?? ''}" placeholder="${CONSOLE.facts.searchPlaceholder}"></label>
<label>${CONSOLE.facts.kindLabel}<select name="kind">${opt('', CONSOLE.facts.any, p.query.kind ?? '')}${kinds.map((k) => opt(k, CONSOLE.factKinds[k] ?? k, p.query.kind))}</select></label>
<label>${CONSOLE.facts.regionLabel}<select name="region">${opt('', CONSOLE.facts.any, p.query.region ?? '')}${RegionSchema.options.map((r) => opt(r, r, p.query.region))}</select></label>
<button type="submit">${CONSOLE.facts.submit}</button><a class="button secondary" href="/facts">${CONSOLE.facts.reset}</a>
</form>`;

  const conflicts = p.conflicts.length
    ? p.conflicts.map(
        (c) => html`<div class="card warn conflict">${c.facts.map(
          (f) => html`<div><a href="#fact-${f.id}" class="tag">${CONSOLE.factKinds[f.kind] ?? f.kind}</a> <span class="tag">${f.region}</span> ${'statement' in f ? f.statement : ''}<blockquote>${f.quote}</blockquote><div class="muted">${docTitle(p.documents, f.doc)} · ${f.section}</div></div>`,
        )}</div>`,
      )
    : html`<p class="muted">${CONSOLE.facts.noConflicts}</p>`;

  const deadlines = p.deadlines.length
    ? html`<div class="table-wrap"><table id="deadlines" class="stack"><thead><tr><th>${CONSOLE.factFields.label}</th><th>${CONSOLE.facts.regionLabel}</th><th>${CONSOLE.factFields.closes}</th><th>${CONSOLE.facts.stateLabel}</th><th>${CONSOLE.facts.source}</th></tr></thead><tbody>
${p.deadlines.map(
  (d) => html`<tr class="deadline-${d.state}"><td data-label="${CONSOLE.factFields.label}">${d.fact.label}</td><td data-label="${CONSOLE.facts.regionLabel}">${d.fact.region}</td><td data-label="${CONSOLE.factFields.closes}" class="nowrap">${d.fact.closes}</td>
<td data-label="${CONSOLE.facts.stateLabel}"><span class="tag ${d.state === 'passed' ? 'bad' : 'good'}">${d.state === 'passed' ? CONSOLE.facts.passed(d.days) : d.state === 'today' ? CONSOLE.facts.today : CONSOLE.facts.remaining(d.days)}</span></td>
<td data-label="${CONSOLE.facts.source}">${docTitle(p.documents, d.fact.doc)} · ${d.fact.section}</td></tr>`,
)}</tbody></table></div>`
    : html`<p class="muted">${CONSOLE.facts.noDeadlines}</p>`;

  return html`<p class="muted">${CONSOLE.facts.intro(p.version, p.all.length)}</p>
${filters}
<section id="conflicts"><h2>${CONSOLE.facts.conflicts}</h2><p class="muted">${CONSOLE.facts.conflictsIntro}</p>${conflicts}</section>
<section id="deadline-section"><h2>${CONSOLE.facts.deadlines}</h2><p class="muted">${CONSOLE.facts.deadlinesIntro(p.today)}</p>${deadlines}</section>
<section id="facts"><h2>${CONSOLE.facts.title}</h2><p class="muted">${CONSOLE.facts.shown(p.shown.length, p.all.length)}</p>
${p.shown.length ? p.shown.map((f) => renderFact(f, p.documents, p.all)) : html`<p class="muted">${CONSOLE.facts.none}</p>`}</section>`;
}
