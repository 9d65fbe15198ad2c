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
</form>`;
  if (input.error) return html`${formHtml}<div class="card error" role="alert">${input.error}</div>`;
  if (!result) return formHtml;

  const sources = result.sources.length
    ? result.sources.map(
        (s) => html`<div class="source"><div><strong>${s.title}</strong> <span class="muted">${s.section}</span></div><blockquote>${highlightQuote(s.quote, result.question)}</blockquote></div>`,
      )
    : html`<p class="muted">${CONSOLE.ask.noSources}</p>`;
  const tools = result.tools.length
    ? result.tools.map(
        (t) => html`<details open class="tool"><summary><code>${t.name}</code></summary>
<div class="muted">${CONSOLE.ask.toolInput}</div><pre>${json(t.input)}</pre>
<div class="muted">${CONSOLE.ask.toolOutput}</div><pre>${json(t.output)}</pre></details>`,
      )
    : html`<p class="muted">${CONSOLE.ask.noTools}</p>`;
  const t = result.trace;
  return html`${formHtml}
<section class="card" id="answer-card">
<div class="actions"><h2>${CONSOLE.ask.answer}</h2><span class="muted">${CONSOLE.ask.asOf(form.now)}</span>
<button type="button" class="secondary" id="copy-answer" data-copied="${CONSOLE.ask.copied}" data-failed="${CONSOLE.ask.copyFailed}">${CONSOLE.ask.copy}</button></div>
<pre class="answer" id="answer">${result.answer}</pre>
</section>
<section class="card" id="sources"><h2>${CONSOLE.ask.sources}</h2>${sources}</section>
<section class="card" id="tools"><h2>${CONSOLE.ask.tools}</h2>${tools}</section>
<section class="card" id="trace"><h2>${CONSOLE.ask.trace}</h2>
<dl class="kv"><dt>${CONSOLE.ask.route}</dt><dd><code>${t.route}</code></dd>
<dt>${CONSOLE.ask.confidence}</dt><dd>${t.confidence.toFixed(2)}</dd>
<dt>${CONSOLE.ask.mode}</dt><dd>${t.mode}</dd>
${t.notes?.length ? html`<dt>${CONSOLE.ask.notes}</dt><dd>${t.notes.join('；')}</dd>` : ''}</dl>
</section>`;
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
