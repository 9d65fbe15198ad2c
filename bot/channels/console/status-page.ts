/** 状态: WeChat connection, versions, counts and the console's clock. */
import { CONSOLE } from '../../../prompts/console.js';
import { html, type SafeHtml } from './html.js';
import { showTime } from './labels.js';
import type { ConnectionDetails } from '../wechat/connection-state.js';
import { connectionLabels as CL } from '../../../prompts/wechat-connection.js';

const C = CONSOLE.status;

/** Everything /status and /api/status report. */
export interface ConsoleStatus {
  wechat:
    | { connected: false }
    | {
        connected: true;
        state: string;
        user?: string;
        lastHeartbeat?: string;
        startedAt?: string;
        /** While waiting for a scan: the login QR code drawn locally, as a data: URL. */
        loginQr?: string;
        /** Last error, retries, account id, last message, queue lengths (bot/channels/wechat/connection-state.ts). */
        connection?: ConnectionDetails;
      };
  indexVersion: string;
  factsVersion: string;
  counts: { facts: number; chunks: number; registrations: number; questions: number };
  /** ISO time per the console's clock. */
  serverTime: string;
  /** True when the clock is fixed by DTE_NOW. */
  clockFixed: boolean;
}

/** The WeChat channel's connection details as rows of the 微信连接 list. */
function renderConnection(d: ConnectionDetails | undefined): SafeHtml | '' {
  if (!d) return '';
  return html`${d.accountId ? html`<dt>${CL.account} ID</dt><dd><code>${d.accountId}</code></dd>` : ''}
${d.lastError ? html`<dt>${CL.lastError}</dt><dd id="wechat-last-error">${d.lastError.message}（${showTime(d.lastError.at)}）</dd>` : ''}
${d.retryCount !== undefined ? html`<dt>${CL.retryCount}</dt><dd id="wechat-retries">${d.retryCount}</dd>` : ''}
${d.nextRetryAt ? html`<dt>${CL.nextRetryAt}</dt><dd id="wechat-next-retry">${showTime(d.nextRetryAt)}</dd>` : ''}
${d.lastMessageAt ? html`<dt>${CL.lastMessageAt}</dt><dd>${showTime(d.lastMessageAt)}</dd>` : ''}
${d.sendQueue !== undefined ? html`<dt>${CL.sendQueue}</dt><dd id="wechat-send-queue">${d.sendQueue}</dd>` : ''}
${d.conversationQueue !== undefined ? html`<dt>${CL.conversationQueue}</dt><dd id="wechat-conversation-queue">${d.conversationQueue}</dd>` : ''}`;
}

/** The status page body. */
export function renderStatusBody(s: ConsoleStatus): SafeHtml {
  const w = s.wechat;
  const wechat = w.connected
    ? html`<dl class="kv" id="wechat-status"><dt>${C.state}</dt><dd><span class="tag ${w.state === 'logged-in' ? 'good' : 'bad'}">${C.states[w.state] ?? C.stateOther}</span></dd>
${w.user ? html`<dt>${C.user}</dt><dd>${w.user}</dd>` : ''}
${w.lastHeartbeat ? html`<dt>${C.lastHeartbeat}</dt><dd>${showTime(w.lastHeartbeat)}</dd>` : ''}
${w.startedAt ? html`<dt>${C.startedAt}</dt><dd>${showTime(w.startedAt)}</dd>` : ''}
${renderConnection(w.connection)}
</dl>
${w.state === 'waiting-scan'
  ? w.loginQr && w.loginQr.startsWith('data:image/svg+xml;base64,')
    ? html`<div id="qrcode"><p>${C.qrcodeHint}</p><img class="qr" alt="${C.qrcode}" src="${w.loginQr}"></div>`
    : html`<div id="qrcode"><p class="muted">${C.qrcodeUnavailable}</p></div>`
  : ''}`
    : html`<div id="wechat-status"><p><span class="tag bad">${C.notConnected}</span></p><p class="muted">${C.howToConnect}</p></div>`;
  return html`<section class="card"><h2>${C.wechat}</h2>${wechat}</section>
<section class="card"><h2>${C.versions}</h2><dl class="kv"><dt>${C.indexVersion}</dt><dd><code>${s.indexVersion}</code></dd><dt>${C.factsVersion}</dt><dd><code>${s.factsVersion}</code></dd></dl></section>
<section class="card"><h2>${C.counts}</h2><dl class="kv" id="counts"><dt>${C.facts}</dt><dd>${s.counts.facts}</dd><dt>${C.chunks}</dt><dd>${s.counts.chunks}</dd><dt>${C.registrations}</dt><dd>${s.counts.registrations}</dd><dt>${C.questions}</dt><dd>${s.counts.questions}</dd></dl></section>
<section class="card"><h2>${C.serverTime}</h2><p id="server-time">${showTime(s.serverTime)}${C.timeZone}</p><p class="muted">${s.clockFixed ? C.clockFixed(showTime(s.serverTime)) : C.clockReal}</p></section>`;
}
