/** The login page shown (with 401) whenever a token is configured and missing or wrong. */
import { CONSOLE } from '../../../prompts/console.js';
import { html, type SafeHtml } from './html.js';

/** Login form body; `next` is a same-site path to return to. */
export function renderLoginBody(p: { next: string; wrong: boolean }): SafeHtml {
  return html`<p>${CONSOLE.login.intro}</p>
${p.wrong ? html`<div class="card error" role="alert">${CONSOLE.login.wrong}</div>` : ''}
<form method="post" action="/login" class="card" id="login-form">
<input type="hidden" name="next" value="${p.next}">
<label>${CONSOLE.login.tokenLabel}<input type="password" name="token" required autocomplete="current-password" autofocus></label>
<p><button type="submit">${CONSOLE.login.submit}</button></p>
</form>`;
}
