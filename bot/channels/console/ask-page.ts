/**
 * 问答: type a question as a resident would, pick the "as of" date and an
 * optional region, and see the answer, the clauses it rests on (matched
 * words highlighted), the tool calls and the trace, with a copy button.
 */
import { z } from 'zod';
import { CONSOLE } from '../../../prompts/console.js';
import { RegionSchema } from '../../../knowledge/facts/schema.js';
import { NowSchema } from '../../config.js';
import { html, raw, type SafeHtml } from './html.js';
import { highlightQuote } from './highlight.js';
import type { AskResultLike } from './console-app.js';
import type { Fact } from '../../../knowledge/facts/schema.js';
import type { ToolCall } from '../../engine/types.js';
import { withDecidingClauses, type ClauseSource } from './clause-view.js';
import { modeLabel, routeLabel, toolLabel } from './labels.js';

const A = CONSOLE.ask;

/** Longest question the console accepts (a WeChat message is shorter). */
export const MAX_QUESTION_CHARS = 500;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A calendar day that exists (Date would silently roll 2026-02-30 over into March). */
function isRealDay(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) return true;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Body of POST / and POST /api/ask. `now` is a date (Beijing midnight) or an ISO time. */
export const AskInputSchema = z.object({
  q: z
    .string({ error: CONSOLE.errors.emptyQuestion })
    .trim()
    .min(1, CONSOLE.errors.emptyQuestion)
    .max(MAX_QUESTION_CHARS, CONSOLE.errors.questionTooLong(MAX_QUESTION_CHARS)),
  now: z.preprocess(
    blankToUndefined,
    z.string({ error: CONSOLE.errors.badDate }).refine(isRealDay, CONSOLE.errors.badDate).pipe(NowSchema).optional(),
  ),
  region: z.preprocess(blankToUndefined, z.enum(RegionSchema.options, { error: CONSOLE.errors.badRegion }).optional()),
});
export type AskInput = z.infer<typeof AskInputSchema>;

export interface AskPageInput {
  /** Raw form values to refill the form. */
  form: { q?: string; now: string; region?: string };
  csrf: string;
  result?: AskResultLike;
  error?: string;
  /** The facts table, to show the clauses under an eligibility fact's stem. */
  facts?: readonly Fact[];
  /** The question was sent to 缺口. */
  sentToGaps?: boolean;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined';
}

/** The ask page body. */
export function renderAskBody(input: AskPageInput): SafeHtml {
  const { form, result } = input;
  const regions = RegionSchema.options.map(
    (r) => html`<option value="${r}"${r === form.region ? raw(' selected') : ''}>${r}</option>`,
  );
  const formHtml = html`<p class="muted">${CONSOLE.ask.intro}</p>
<form method="post" action="/" class="card" id="ask-form">
<input type="hidden" name="_csrf" value="${input.csrf}">
<label>${CONSOLE.ask.questionLabel}<textarea name="q" required maxlength="${MAX_QUESTION_CHARS}" placeholder="${CONSOLE.ask.questionPlaceholder}">${form.q ?? ''}</textarea></label>
<div class="filters actions">
<label>${CONSOLE.ask.nowLabel}<input type="date" name="now" value="${form.now}"></label>
<label>${CONSOLE.ask.regionLabel}<select name="region"><option value="">${CONSOLE.ask.regionAny}</option>${regions}</select></label>
<button type="submit">${CONSOLE.ask.submit}</button>
</div>
<label class="check"><input type="checkbox" name="gap" id="send-to-gaps"> ${CONSOLE.ask.sendToGaps}</label>
</form>`;
  if (input.error) return html`${formHtml}<div class="card error" role="alert">${input.error}</div>`;
  if (!result) return formHtml;

  const sources = withDecidingClauses(result.sources, result.tools, input.facts ?? []);
  const sourcesHtml = sources.length
    ? sources.map((s) => renderSource(s, result.question))
    : html`<p class="muted">${A.noSources}</p>`;
  const tools = result.tools.length
    ? html`<ul class="tool-list">${result.tools.map((t) => html`<li class="tool">${renderToolSummary(t)}</li>`)}</ul>
<details class="tech" id="tools-tech"><summary>${A.techDetails}</summary>${result.tools.map(
        (t) => html`<div class="tool-raw"><code>${t.name}</code>
<div class="muted">${A.toolInput}</div><pre>${json(t.input)}</pre>
<div class="muted">${A.toolOutput}</div><pre>${json(t.output)}</pre></div>`,
      )}</details>`
    : html`<p class="muted">${A.noTools}</p>`;
  const t = result.trace;
  return html`${formHtml}
<section class="card" id="answer-card">
<div class="actions"><h2>${A.answer}</h2><span class="muted">${A.asOf(form.now)}</span>
<button type="button" class="secondary" id="copy-answer" data-copied="${A.copied}" data-failed="${A.copyFailed}">${A.copy}</button></div>
<pre class="answer" id="answer">${result.answer}</pre>
${input.sentToGaps ? html`<p class="muted" id="sent-to-gaps">${A.sentToGaps}</p>` : ''}
</section>
<section class="card" id="sources"><h2>${A.sources}</h2>${sourcesHtml}</section>
<section class="card" id="tools"><h2>${A.tools}</h2>${tools}</section>
<section class="card" id="trace"><h2>${A.trace}</h2>
<dl class="kv"><dt>${A.route}</dt><dd id="trace-route">${routeLabel(t.route)}</dd>
<dt>${A.confidence}</dt><dd>${t.confidence.toFixed(2)}</dd>
<dt>${A.mode}</dt><dd id="trace-mode">${modeLabel(t.mode)}</dd></dl>
<details class="tech" id="trace-tech"><summary>${A.techDetails}</summary>
<dl class="kv"><dt>${A.rawRoute}</dt><dd><code>${t.route}</code> · <code>${t.mode}</code></dd>
${t.understood ? html`<dt>${A.understood}</dt><dd><pre>${json(t.understood)}</pre></dd>` : ''}
${factIds(result.tools).length ? html`<dt>${A.factIds}</dt><dd>${factIds(result.tools).map((id) => html`<code>${id}</code> `)}</dd>` : ''}
${t.notes?.length ? html`<dt>${A.notes}</dt><dd>${t.notes.join('；')}</dd>` : ''}</dl>
</details>
</section>`;
}

/** One cited source: title, section, the quote with matched words marked, and the deciding clauses of an eligibility fact. */
function renderSource(s: ClauseSource, question: string): SafeHtml {
  const clauses = s.clauses?.length
    ? html`<div class="muted">${s.decided ? A.clausesDecided : A.clausesAll}</div><ul class="clauses">${s.clauses.map(
        (c) => html`<li><blockquote class="clause">${highlightQuote(c.quote, question)}</blockquote></li>`,
      )}</ul>`
    : '';
  return html`<div class="source"><div><strong>${s.title}</strong> <span class="muted">${s.section}</span></div>
<blockquote>${highlightQuote(s.quote, question)}</blockquote>${clauses}${s.excludedBy ? html`<p class="muted">${A.excludedBy(s.excludedBy)}</p>` : ''}</div>`;
}

/** A tool call in words: its Chinese name, the region/level/occupation it ran for, and an eligibility decision. */
function renderToolSummary(t: ToolCall): SafeHtml {
  const input = (typeof t.input === 'object' && t.input !== null ? t.input : {}) as Record<string, unknown>;
  const tags = Object.entries(CONSOLE.toolInputs)
    .filter(([k]) => typeof input[k] === 'string' && input[k] !== '')
    .map(([k, label]) => html`<span class="tag">${label} ${String(input[k])}</span>`);
  const output = (typeof t.output === 'object' && t.output !== null ? t.output : {}) as Record<string, unknown>;
  const decision = typeof output.decision === 'string' ? CONSOLE.decisions[output.decision] : undefined;
  return html`<strong>${toolLabel(t.name)}</strong> ${tags}${decision ? html` → <span class="tag good">${decision}</span>` : ''}`;
}

/** Fact ids the tool calls name (for 技术细节 only). */
function factIds(tools: readonly ToolCall[]): string[] {
  const ids = new Set<string>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'factId' || k === 'id') && typeof x === 'string' && /^[a-z0-9]+(-[a-z0-9]+)+$/.test(x)) ids.add(x);
      else visit(x, depth + 1);
    }
  };
  tools.forEach((t) => visit(t.output, 0));
  return [...ids];
}

/** Copies the answer; messages come from data attributes so the script holds no Chinese text. */
export const ASK_SCRIPT = raw(`
(function(){
  var b=document.getElementById('copy-answer'); if(!b) return;
  var label=b.textContent;
  b.addEventListener('click', function(){
    var text=document.getElementById('answer').textContent;
    var done=function(){ b.textContent=b.dataset.copied; setTimeout(function(){ b.textContent=label; },1500); };
    var fail=function(){ b.textContent=b.dataset.failed; };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fail);
    else { var r=document.createRange(); r.selectNodeContents(document.getElementById('answer'));
      var s=window.getSelection(); s.removeAllRanges(); s.addRange(r);
      try { document.execCommand('copy') ? done() : fail(); } catch(e){ fail(); } }
  });
})();
`);
