/** The login page shown (with 401) whenever a login is configured and missing, wrong or expired. */
import { CONSOLE } from '../../../prompts/console.js';
import { html, type SafeHtml } from './html.js';

/**
 * Login form body; `next` is a same-site path to return to. `mode` says what
 * is asked: a staff account's name and password, or the shared token.
 */
export function renderLoginBody(p: { next: string; problem?: 'wrong' | 'throttled'; message?: string; mode: 'accounts' | 'token' }): SafeHtml {
  const L = CONSOLE.login;
  const problem = p.problem === 'wrong' ? (p.mode === 'accounts' ? L.wrongAccount : L.wrong) : p.problem === 'throttled' ? (p.message ?? L.throttled(15)) : undefined;
  const fields =
    p.mode === 'accounts'
      ? html`<label>${L.usernameLabel}<input name="username" required autocomplete="username" autofocus maxlength="32"></label>
<label>${L.passwordLabel}<input type="password" name="password" required autocomplete="current-password" maxlength="200"></label>`
      : html`<label>${L.tokenLabel}<input type="password" name="token" required autocomplete="current-password" autofocus></label>`;
  return html`<p>${p.mode === 'accounts' ? L.introAccounts : L.intro}</p>
${problem ? html`<div class="card error" role="alert" id="login-problem">${problem}</div>` : ''}
<form method="post" action="/login" class="card" id="login-form">
<input type="hidden" name="next" value="${p.next}">
${fields}
<p><button type="submit">${L.submit}</button></p>
</form>`;
}
