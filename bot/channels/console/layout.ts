/**
 * The page shell every console page shares: navigation, a small stylesheet
 * and optional inline script, both carrying the request's CSP nonce (no
 * inline style attributes anywhere, so the CSP can forbid them).
 */
import { CONSOLE } from '../../../prompts/console.js';
import { html, raw, type SafeHtml } from './html.js';

export type NavKey = 'ask' | 'facts' | 'registrations' | 'gaps' | 'chat' | 'status' | 'audit';

const NAV: Array<{ key: NavKey; href: string }> = [
  { key: 'ask', href: '/' },
  { key: 'facts', href: '/facts' },
  { key: 'registrations', href: '/registrations' },
  { key: 'gaps', href: '/gaps' },
  { key: 'chat', href: '/chat' },
  { key: 'status', href: '/status' },
  { key: 'audit', href: '/audit' },
];

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
header{background:#12355b;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header .brand{font-weight:600;margin-right:.5rem}
header nav{display:flex;flex-wrap:wrap;gap:.25rem}
header nav a{color:#dce8f5;text-decoration:none;padding:.2rem .6rem;border-radius:4px}
header nav a.active,header nav a:hover{background:#1f4f82;color:#fff}
header form{margin:0 0 0 auto}
header form.logout{display:flex;gap:.5rem;align-items:center}
header .who{color:#dce8f5;font-size:.9em}
.tag.warn{background:#ffe7a3}
.card.dup{border-color:#d1242f;background:#fff1f0}
form.review{display:flex;flex-direction:column;gap:.5rem;max-width:36rem}
form.review .choices{display:flex;flex-wrap:wrap;gap:.5rem 1rem}
form.review .choices label{flex-direction:row;gap:.3rem;align-items:center}
main{max-width:1240px;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.25rem 0 .75rem}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
.card{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
.muted{color:#59636e;font-size:.9em}
.error{background:#fff1f0;border-color:#f5c2c0;color:#86181d}
.ok{background:#effaf2;border-color:#b7e4c4}
.warn{background:#fff8e6;border-color:#f0d48a}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
label{display:flex;flex-direction:column;font-size:.9em;gap:.15rem}
input,select,textarea,button{font:inherit}
input,select,textarea{padding:.3rem .45rem;border:1px solid #b8c0c8;border-radius:4px;background:#fff}
textarea{width:100%;min-height:4.5rem}
button,.button{background:#12355b;color:#fff;border:0;border-radius:4px;padding:.35rem .8rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#e7ecf1;color:#12355b}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d8dee4;padding:.3rem .45rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#eef2f6;white-space:nowrap}
table.stack th,table.stack td{font-size:.9em}
.nowrap,button,.button{white-space:nowrap}
code{overflow-wrap:anywhere}
dl.kv dd{min-width:0;overflow-wrap:anywhere}
form.reveal{display:flex;flex-direction:column;gap:.25rem;margin:0}
form.reveal input{width:100%;min-width:6.5rem}
ul.clauses{margin:.25rem 0;padding-left:1.25rem}
details.tech{margin-top:.5rem}
details.tech summary{cursor:pointer;color:#59636e;font-size:.9em}
ul.tool-list{margin:.25rem 0;padding-left:1.25rem}
pre{white-space:pre-wrap;word-break:break-word;background:#f3f5f7;padding:.5rem;border-radius:4px;margin:.25rem 0;font-size:.9em}
pre.answer{background:#fff;font-size:1em;font-family:inherit}
blockquote{margin:.25rem 0;padding:.25rem .75rem;border-left:4px solid #7aa7d6;background:#f3f8fd}
mark{background:#ffe58f;padding:0 1px}
.tag{display:inline-block;background:#e7ecf1;border-radius:3px;padding:0 .35rem;margin-right:.25rem;font-size:.85em}
.tag.bad{background:#ffd8d6}
.tag.good{background:#d3f2dc}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem;margin:.25rem 0}
dl.kv dt{color:#59636e}
dl.kv dd{margin:0}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.inline{display:inline-flex;gap:.25rem;align-items:center;margin:0}
.inline input{width:7rem}
#log{display:flex;flex-direction:column;gap:.5rem;min-height:12rem;max-height:60vh;overflow-y:auto;background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:.75rem}
.msg{max-width:85%;padding:.45rem .7rem;border-radius:8px;white-space:pre-wrap;word-break:break-word}
.msg.user{align-self:flex-end;background:#95ec69}
.msg.bot{align-self:flex-start;background:#f0f2f5}
#chat-form{display:flex;gap:.5rem;margin-top:.5rem}
#chat-form input{flex:1}
img.qr{max-width:240px;border:1px solid #d8dee4}
@media (max-width:640px){main{padding:.5rem}th,td{font-size:.85em}}
@media (max-width:900px){
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack{background:transparent}
table.stack tr{background:#fff;border:1px solid #d8dee4;border-radius:6px;margin:0 0 .6rem;padding:.35rem .6rem}
table.stack td{border:0;position:relative;padding:.15rem 0 .15rem 7.5em;min-height:1.6em}
table.stack td::before{content:attr(data-label);position:absolute;left:0;top:.15rem;width:7em;color:#59636e;white-space:normal}
table.stack td.nowrap{white-space:normal;overflow-wrap:anywhere}
table.stack td:empty{display:none}
table.stack form.reveal{flex-direction:row;flex-wrap:wrap}
table.stack form.reveal input{width:auto;flex:1 1 7rem}
}
`;

export interface LayoutInput {
  title: string;
  active?: NavKey;
  /** CSP nonce of this request (style and script elements carry it). */
  nonce: string;
  /** CSRF token of this browser session, exposed to scripts through a meta tag. */
  csrf?: string;
  /** Show the logout button (only when the user logged in). */
  canLogout?: boolean;
  /** Who is logged in, shown beside the logout button. */
  who?: string;
  /** Show 审计 in the navigation (not for district accounts). */
  showAudit?: boolean;
  body: SafeHtml;
  /** Inline script (trusted constant code; data goes through jsonForScript). */
  script?: SafeHtml;
}

/** A full HTML document around a page body. */
export function renderLayout(input: LayoutInput): string {
  const nav = NAV.filter((n) => n.key !== 'audit' || input.showAudit !== false).map(
    (n) => html`<a href="${n.href}"${n.key === input.active ? raw(' class="active" aria-current="page"') : ''}>${CONSOLE.nav[n.key]}</a>`,
  );
  const logout = input.canLogout
    ? html`<form method="post" action="/logout" class="logout">${input.who ? html`<span class="who" id="who">${input.who}</span>` : ''}<input type="hidden" name="_csrf" value="${input.csrf ?? ''}"><button class="secondary" type="submit">${CONSOLE.nav.logout}</button></form>`
    : '';
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${input.csrf ? html`<meta name="csrf-token" content="${input.csrf}">` : ''}
<title>${input.title} · ${CONSOLE.appName}</title>
<style nonce="${input.nonce}">${raw(CSS)}</style>
</head>
<body>
<header><span class="brand">${CONSOLE.appName}</span>${input.active ? html`<nav>${nav}</nav>` : ''}${logout}</header>
<main>
<h1>${input.title}</h1>
${input.body}
</main>
${input.script ? html`<script nonce="${input.nonce}">${input.script}</script>` : ''}
</body>
</html>`.value;
}
