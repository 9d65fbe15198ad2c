/**
 * 模拟聊天: a resident's view of the same engine as WeChat. The page posts
 * each message to /api/chat (CSRF token from the meta tag) and appends the
 * replies; the transcript lives only in the page.
 */
import { CONSOLE } from '../../../prompts/console.js';
import { html, raw, type SafeHtml } from './html.js';

const C = CONSOLE.chat;

/** The chat page body. */
export function renderChatBody(): SafeHtml {
  return html`<p class="muted">${C.intro}</p>
<noscript><div class="card error">${C.noscript}</div></noscript>
<div id="log" aria-live="polite" data-you="${C.you}" data-bot="${C.bot}" data-failed="${C.failed}"></div>
<form id="chat-form" autocomplete="off">
<input id="chat-input" name="text" required maxlength="1000" placeholder="${C.placeholder}" aria-label="${C.placeholder}">
<button type="submit" id="chat-send">${C.send}</button>
<button type="button" class="secondary" id="chat-reset">${C.reset}</button>
</form>`;
}

/** Constant client code; all text it shows comes from data attributes or the server's replies. */
export const CHAT_SCRIPT = raw(`
(function(){
  var log=document.getElementById('log'), form=document.getElementById('chat-form'), input=document.getElementById('chat-input');
  var csrf=document.querySelector('meta[name=csrf-token]').content;
  function add(kind, text){ var d=document.createElement('div'); d.className='msg '+kind; d.textContent=text; log.appendChild(d); log.scrollTop=log.scrollHeight; return d; }
  function post(url, body){ return fetch(url,{method:'POST',credentials:'same-origin',headers:{'content-type':'application/json','x-csrf-token':csrf},body:JSON.stringify(body)}); }
  var busy=false;
  form.addEventListener('submit', function(e){
    e.preventDefault(); var text=input.value.trim(); if(!text||busy) return;
    busy=true; add('user', text); input.value='';
    post('/api/chat',{text:text}).then(function(r){ if(!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function(data){ (data.replies||[]).forEach(function(t){ add('bot', t); }); })
      .catch(function(){ add('bot error', log.dataset.failed); })
      .finally(function(){ busy=false; input.focus(); });
  });
  document.getElementById('chat-reset').addEventListener('click', function(){
    post('/api/chat/reset',{}).then(function(){ log.textContent=''; input.focus(); });
  });
  input.focus();
})();
`);
