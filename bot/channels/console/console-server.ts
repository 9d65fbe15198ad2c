/**
 * The staff console: a small fastify 5 server the assistant serves itself
 * (127.0.0.1:8080 by default). Server-rendered pages (问答, 事实, 报名, 缺口,
 * 模拟聊天, 状态, 审计) and JSON APIs under /api over the same App as WeChat.
 *
 * Who may come in (access.ts), decided per request:
 *   - staff accounts exist (`dte staff add`): a name and password, checked
 *     against scrypt hashes; district accounts see only their district;
 *   - else DTE_CONSOLE_TOKEN set: that token, as `Authorization: Bearer` or
 *     through the login form;
 *   - else nobody needs to log in (loopback only: listen() refuses otherwise).
 * A login starts a server-side session (a row of console_sessions; the cookie
 * holds a random token whose hash is the key): logout deletes the row, so a
 * copied cookie stops working. Login attempts are throttled per client
 * address (@fastify/rate-limit). Every login, failed or throttled attempt,
 * logout, reveal, export and review decision is an audit row (real time).
 *
 * Also: loopback-only Host check when bound to loopback; every POST from a
 * browser carries the session's CSRF token (signed with the console secret:
 * DTE_CONSOLE_SECRET or one generated and kept in the database) and a
 * same-host Origin; CSP with a per-request nonce; cookies HttpOnly,
 * SameSite=Strict, and Secure behind HTTPS.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { CONSOLE } from '../../../prompts/console.js';
import type { ConsoleApp, WechatStatusLike } from './console-app.js';
import { html } from './html.js';
import { renderLayout, type NavKey } from './layout.js';
import type { SafeHtml } from './html.js';
import { renderLoginBody } from './login-page.js';
import {
  AUTH_COOKIE,
  SESSION_COOKIE,
  csrfTokenFor,
  isLoopbackHost,
  hostAllowed,
  originAllowed,
  parseCookies,
  randomId,
  safeEqual,
  securityHeaders,
  serializeCookie,
} from './security.js';
import { registerConsoleRoutes, type ExportFn } from './console-routes.js';
import { actorOf, type Principal } from './access.js';
import { CONSOLE_TOKEN_MIN } from '../../config.js';

/**
 * The default registration export, loaded on the first export: its XLSX writer (exceljs, ~25 MB of
 * modules and memory) is needed by no other page, so a console nobody exports from never loads it.
 */
const exportOnDemand: ExportFn = async (records, format) =>
  (await import('../../registration/export-registrations.js')).exportRegistrations(records, format);
import type { StaffStore } from '../../store/staff-store.js';
import type { AuditStore } from '../../store/audit-store.js';
import type { ReviewStore } from '../../store/review-store.js';

/** Per-request state the hooks compute and the routes read. */
export interface RequestContext {
  nonce: string;
  /** Browser session id (cookie); keys the CSRF token. */
  sessionId: string;
  csrf: string;
  cookies: Record<string, string>;
  /** How the request proved itself: none needed (no login configured), bearer header, or login session cookie. */
  auth: 'open' | 'bearer' | 'cookie';
  /** Who it is (access.ts decides what they may see). */
  principal: Principal;
  /** The login session's token (from the cookie), to end it on logout. */
  loginToken?: string;
  /** A short, non-reversible tag of the login (or browser) session for audit rows. */
  sessionTag: string;
  /** Cookies get the Secure attribute (HTTPS). */
  secureCookies: boolean;
  /** The login mode when the request arrived (read from the database once per request). */
  mode: 'accounts' | 'token' | 'open';
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleCtx: RequestContext;
  }
}

export interface ConsoleServerOptions {
  app: ConsoleApp;
  config: Pick<Config, 'DTE_CONSOLE_HOST' | 'DTE_CONSOLE_PORT' | 'DTE_CONSOLE_TOKEN' | 'DTE_NOW'> &
    Partial<Pick<Config, 'DTE_CONSOLE_SECRET' | 'DTE_CONSOLE_SECURE_COOKIES' | 'DTE_CONSOLE_TRUST_PROXY'>>;
  logger: Logger;
  /** Live WeChat state; absent when WeChat is not configured. */
  wechatStatus?: () => WechatStatusLike;
  /** Registration export (defaults to bot/registration/export-registrations.ts). */
  exportRegistrations?: ExportFn;
  /** The real clock of audit rows, sessions and decisions (never DTE_NOW); tests inject one. */
  realNow?: () => Date;
  /** The console's stores; by default built on the App's database. */
  staff?: StaffStore;
  audit?: AuditStore;
  reviews?: ReviewStore;
  /** Login attempts allowed per client address per window (default 10 per 15 minutes). */
  loginLimit?: { max: number; timeWindowMs: number };
  /** How long a login lasts (default 12 hours). */
  sessionTtlMs?: number;
}

/** The console cannot start as configured (the message says what to set). */
export class ConsoleStartError extends Error {
  override name = 'ConsoleStartError';
}

export interface ConsoleServer {
  /** Start listening on the configured host and port; resolves to the console's URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
  fastify: FastifyInstance;
}

const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;
const LOGIN_TOKEN = /^[A-Za-z0-9_-]{32,64}$/;
const MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_LOGIN_LIMIT = { max: 10, timeWindowMs: 15 * 60_000 };
const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60_000;

const tagOf = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 12);

/** Everything a page needs from the hooks to render itself. */
export interface PageSender {
  (reply: FastifyReply, req: FastifyRequest, page: { title: string; active?: NavKey; body: SafeHtml; script?: SafeHtml; status?: number }): FastifyReply;
}

/** Build the console (not yet listening). */
export function createConsoleServer(options: ConsoleServerOptions): ConsoleServer {
  const { app, config } = options;
  const logger = options.logger.child({ channel: 'console' });
  const token = config.DTE_CONSOLE_TOKEN;
  // The config schema refuses a short token; this guards callers that build a config by hand.
  if (token !== undefined && token.length < CONSOLE_TOKEN_MIN) throw new ConsoleStartError(CONSOLE.login.tokenTooShort(CONSOLE_TOKEN_MIN));
  const realNow = options.realNow ?? (() => new Date());
  const staff = options.staff ?? app.store.staffStore({ now: realNow });
  const audit = options.audit ?? app.store.auditStore({ now: realNow });
  const reviews = options.reviews ?? app.store.reviewStore({ now: realNow });
  // Read (or generated) once, at the first request: every console process on one database signs with the same secret.
  let secret: Buffer | undefined;
  const getSecret = async () => (secret ??= await staff.secret(config.DTE_CONSOLE_SECRET));
  const loginLimit = options.loginLimit ?? DEFAULT_LOGIN_LIMIT;
  const sessionTtlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const trustProxy = config.DTE_CONSOLE_TRUST_PROXY === true;
  const fastify = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES, trustProxy });
  /** Accounts replace the shared token as soon as one exists (checked per request: `dte staff add` works on a running console). */
  const mode = async (): Promise<'accounts' | 'token' | 'open'> => ((await staff.hasAccounts()) ? 'accounts' : token ? 'token' : 'open');

  fastify.decorateRequest('consoleCtx', null as unknown as RequestContext);
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  const sendPage: PageSender = (reply, req, page) => {
    const ctx = req.consoleCtx;
    return reply
      .code(page.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        renderLayout({
          title: page.title,
          active: page.active,
          nonce: ctx.nonce,
          csrf: ctx.csrf,
          canLogout: ctx.auth === 'cookie',
          who: ctx.principal.kind === 'account' ? CONSOLE.login.who(ctx.principal.account.username, ctx.principal.account.district) : undefined,
          showAudit: ctx.principal.kind !== 'account' || ctx.principal.account.role === 'city',
          body: page.body,
          script: page.script,
        }),
      );
  };

  const wantsJson = (req: FastifyRequest) => req.url.startsWith('/api/');

  const fail = (reply: FastifyReply, req: FastifyRequest, status: number, message: string) =>
    wantsJson(req)
      ? reply.code(status).send({ error: message })
      : sendPage(reply, req, { title: CONSOLE.errorTitle, body: html`<div class="card error" role="alert">${message}</div>`, status });

  const showLogin = (reply: FastifyReply, req: FastifyRequest, problem: 'wrong' | 'throttled' | undefined, status = 401) => {
    const path = req.url.split('?')[0] ?? '/';
    const next = req.method === 'GET' && path !== '/login' ? req.url : '/';
    const m = req.consoleCtx.mode;
    return sendPage(reply, req, { title: CONSOLE.login.title, body: renderLoginBody({ next, problem, mode: m === 'accounts' ? 'accounts' : 'token' }), status });
  };

  fastify.addHook('onRequest', async (req, reply) => {
    const nonce = randomBytes(16).toString('base64');
    reply.headers(securityHeaders(nonce));
    const secureCookies = config.DTE_CONSOLE_SECURE_COOKIES === true || (trustProxy && req.protocol === 'https');
    const cookies = parseCookies(req.headers.cookie);
    let sessionId = cookies[SESSION_COOKIE];
    if (!sessionId || !SESSION_ID.test(sessionId)) {
      sessionId = randomId();
      reply.header('set-cookie', serializeCookie(SESSION_COOKIE, sessionId, { secure: secureCookies }));
    }
    req.consoleCtx = {
      nonce,
      sessionId,
      csrf: csrfTokenFor(await getSecret(), sessionId),
      cookies,
      auth: 'open',
      principal: { kind: 'open' },
      sessionTag: tagOf(sessionId),
      secureCookies,
      mode: await mode(),
    };

    if (!hostAllowed(req.headers.host, config.DTE_CONSOLE_HOST)) {
      logger.warn('refused request for a non-loopback host', { host: req.headers.host, path: req.url.split('?')[0] });
      return fail(reply, req, 421, CONSOLE.errors.host);
    }
    const m = req.consoleCtx.mode;
    if (m === 'open') return;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (m === 'token' && bearer !== undefined && safeEqual(bearer, token!)) {
      req.consoleCtx.auth = 'bearer';
      req.consoleCtx.principal = { kind: 'token' };
      req.consoleCtx.sessionTag = 'bearer';
      return;
    }
    const cookie = cookies[AUTH_COOKIE];
    const owner = cookie && LOGIN_TOKEN.test(cookie) ? await staff.sessionOwner(cookie) : undefined;
    // A session of the shared token does not survive the switch to accounts, nor the other way round.
    if (owner && (m === 'accounts') === (owner.kind === 'account')) {
      req.consoleCtx.auth = 'cookie';
      req.consoleCtx.principal = owner.kind === 'account' ? { kind: 'account', account: owner.account } : { kind: 'token' };
      req.consoleCtx.loginToken = cookie;
      req.consoleCtx.sessionTag = tagOf(cookie!);
      return;
    }
    const path = req.url.split('?')[0];
    if (path === '/login') return;
    if (wantsJson(req)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: m === 'accounts' ? CONSOLE.login.apiUnauthorizedAccounts : CONSOLE.login.apiUnauthorized });
    }
    return showLogin(reply, req, undefined);
  });

  // CSRF: a browser POST must carry this session's token and, if it says where it comes from, come from here.
  // Bearer requests are exempt: a browser never adds that header across sites.
  fastify.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST' || req.consoleCtx.auth === 'bearer') return;
    const path = req.url.split('?')[0];
    const origin = req.headers.origin;
    if (!originAllowed(origin, req.headers.host)) {
      logger.warn('refused cross-origin post', { path });
      return fail(reply, req, 403, CONSOLE.errors.csrf);
    }
    if (path === '/login') return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const sent = (req.headers['x-csrf-token'] as string | undefined) ?? (typeof body._csrf === 'string' ? body._csrf : undefined);
    if (!sent || !safeEqual(sent, req.consoleCtx.csrf)) {
      logger.warn('refused post without a valid csrf token', { path });
      return fail(reply, req, 403, CONSOLE.errors.csrf);
    }
  });

  fastify.get('/login', async (req, reply) => {
    if (req.consoleCtx.mode === 'open' || req.consoleCtx.auth !== 'open') return reply.redirect('/', 303);
    return showLogin(reply, req, undefined, 200);
  });

  /** Keep the browser-session cookie the onRequest hook may have set alongside a new one. */
  const addCookie = (reply: FastifyReply, cookie: string) => {
    const prior = reply.getHeader('set-cookie');
    const list = prior === undefined ? [] : Array.isArray(prior) ? prior.map(String) : [String(prior)];
    reply.header('set-cookie', [...list, cookie]);
  };

  // Login in its own scope, so the throttle applies to it alone.
  fastify.register(async (scope) => {
    await scope.register(rateLimit, { global: false });
    scope.post(
      '/login',
      {
        config: {
          rateLimit: {
            max: loginLimit.max,
            timeWindow: loginLimit.timeWindowMs,
            onExceeded: (req: FastifyRequest) => {
              logger.warn('console login throttled', { ip: req.ip });
              void audit.record({ actor: '?', action: 'login-throttled', session: req.consoleCtx?.sessionTag }).catch((error: unknown) => logger.error('audit write failed', { error }));
            },
            errorResponseBuilder: (_req: FastifyRequest, context: { after: string; ttl: number }) => ({
              statusCode: 429,
              throttled: true,
              message: CONSOLE.login.throttled(Math.max(1, Math.ceil(context.ttl / 60_000))),
            }),
          },
        },
      },
      async (req, reply) => {
        const m = req.consoleCtx.mode;
        if (m === 'open') return reply.redirect('/', 303);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const nextRaw = typeof body.next === 'string' ? body.next : '/';
        const next = nextRaw.startsWith('/') && !nextRaw.startsWith('//') && !nextRaw.startsWith('/\\') ? nextRaw : '/';
        let staffId: number | undefined;
        let actor: string;
        if (m === 'accounts') {
          const username = typeof body.username === 'string' ? body.username.trim() : '';
          const password = typeof body.password === 'string' ? body.password : '';
          const r = username && password ? await staff.verifyLogin(username, password) : ({ ok: false, reason: 'unknown-account' } as const);
          if (!r.ok) {
            // An unknown name is not written down: it may be a password typed in the wrong box.
            const who = r.ok === false && 'account' in r && r.account ? r.account.username : '?';
            logger.warn('console login failed', { ip: req.ip, reason: r.reason });
            await audit.record({ actor: who, action: 'login-failed', detail: { reason: r.reason }, session: req.consoleCtx.sessionTag });
            return showLogin(reply, req, 'wrong');
          }
          staffId = r.account.id;
          actor = r.account.username;
        } else {
          const given = typeof body.token === 'string' ? body.token.trim() : '';
          if (!given || !safeEqual(given, token!)) {
            logger.warn('console login failed', { ip: req.ip });
            await audit.record({ actor: '?', action: 'login-failed', detail: { reason: 'wrong-token' }, session: req.consoleCtx.sessionTag });
            return showLogin(reply, req, 'wrong');
          }
          actor = 'token';
        }
        const loginToken = await staff.createSession({ staffId }, sessionTtlMs);
        logger.info('console login', { ip: req.ip, actor });
        await audit.record({ actor, action: 'login', session: tagOf(loginToken) });
        addCookie(reply, serializeCookie(AUTH_COOKIE, loginToken, { secure: req.consoleCtx.secureCookies }));
        return reply.redirect(next, 303);
      },
    );
  });

  fastify.post('/logout', async (req, reply) => {
    const ctx = req.consoleCtx;
    if (ctx.loginToken) {
      await staff.revokeSession(ctx.loginToken);
      await audit.record({ actor: actorOf(ctx.principal), action: 'logout', session: ctx.sessionTag });
    }
    addCookie(reply, serializeCookie(AUTH_COOKIE, '', { maxAgeSeconds: 0, secure: ctx.secureCookies }));
    return reply.redirect('/login', 303);
  });

  registerConsoleRoutes(fastify, {
    app,
    logger,
    sendPage,
    fail,
    wechatStatus: options.wechatStatus,
    exportRegistrations: options.exportRegistrations ?? exportOnDemand,
    clockFixed: Boolean(config.DTE_NOW),
    audit,
    reviews,
  });

  fastify.setNotFoundHandler((req, reply) => fail(reply, req, 404, CONSOLE.errors.notFound));
  fastify.setErrorHandler((error, req, reply) => {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 429 && (error as { throttled?: boolean }).throttled) {
      return sendPage(reply, req, { title: CONSOLE.login.title, body: renderLoginBody({ next: '/', problem: 'throttled', message: (error as Error).message, mode: req.consoleCtx?.mode === 'accounts' ? 'accounts' : 'token' }), status: 429 });
    }
    if (status && status >= 400 && status < 500) {
      return fail(reply, req, status, CONSOLE.errors.badRequest(error instanceof Error ? error.message : String(error)));
    }
    logger.error('console request failed', { path: req.url.split('?')[0], error });
    return fail(reply, req, 500, CONSOLE.errors.internal);
  });

  return {
    fastify,
    async listen() {
      const m = await mode();
      if (!isLoopbackHost(config.DTE_CONSOLE_HOST) && m === 'open') throw new ConsoleStartError(CONSOLE.login.needsLogin(config.DTE_CONSOLE_HOST));
      if (token && m === 'accounts') logger.warn('DTE_CONSOLE_TOKEN is ignored: staff accounts exist');
      const address = await fastify.listen({ host: config.DTE_CONSOLE_HOST, port: config.DTE_CONSOLE_PORT });
      logger.info('console listening', { url: address, login: m });
      return address;
    },
    async close() {
      await fastify.close();
    },
  };
}
