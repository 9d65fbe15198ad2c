/**
 * The staff console: a small fastify 5 server the assistant serves itself
 * (127.0.0.1:8080 by default). Server-rendered pages (问答, 事实, 报名, 缺口,
 * 模拟聊天, 状态) and JSON APIs under /api over the same App as WeChat.
 *
 * Security: loopback-only Host check when bound to loopback; when
 * DTE_CONSOLE_TOKEN is set every request needs `Authorization: Bearer
 * <token>` or the HttpOnly SameSite=Strict cookie set by the login form
 * (otherwise 401 and the login page); every POST from a browser carries the
 * session's CSRF token and a same-host Origin; CSP with a per-request nonce.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
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
  authCookieValue,
  csrfTokenFor,
  hostAllowed,
  originAllowed,
  parseCookies,
  randomId,
  safeEqual,
  securityHeaders,
  serializeCookie,
} from './security.js';
import { registerConsoleRoutes, type ExportFn } from './console-routes.js';
import { exportRegistrations } from '../../registration/export-registrations.js';

/** Per-request state the hooks compute and the routes read. */
export interface RequestContext {
  nonce: string;
  /** Browser session id (cookie); keys the CSRF token. */
  sessionId: string;
  csrf: string;
  cookies: Record<string, string>;
  /** How the request proved itself: none needed (no token), bearer header, or login cookie. */
  auth: 'open' | 'bearer' | 'cookie';
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleCtx: RequestContext;
  }
}

export interface ConsoleServerOptions {
  app: ConsoleApp;
  config: Pick<Config, 'DTE_CONSOLE_HOST' | 'DTE_CONSOLE_PORT' | 'DTE_CONSOLE_TOKEN' | 'DTE_NOW'>;
  logger: Logger;
  /** Live WeChat state; absent when WeChat is not configured. */
  wechatStatus?: () => WechatStatusLike;
  /** Registration export (defaults to bot/registration/export-registrations.ts). */
  exportRegistrations?: ExportFn;
}

export interface ConsoleServer {
  /** Start listening on the configured host and port; resolves to the console's URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
  fastify: FastifyInstance;
}

const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_BODY_BYTES = 64 * 1024;

/** Everything a page needs from the hooks to render itself. */
export interface PageSender {
  (reply: FastifyReply, req: FastifyRequest, page: { title: string; active?: NavKey; body: SafeHtml; script?: SafeHtml; status?: number }): FastifyReply;
}

/** Build the console (not yet listening). */
export function createConsoleServer(options: ConsoleServerOptions): ConsoleServer {
  const { app, config } = options;
  const logger = options.logger.child({ channel: 'console' });
  const token = config.DTE_CONSOLE_TOKEN;
  const secret = randomBytes(32);
  const fastify = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES, trustProxy: false });

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
          canLogout: Boolean(token) && ctx.auth === 'cookie',
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

  const showLogin = (reply: FastifyReply, req: FastifyRequest, wrong: boolean, status = 401) => {
    const path = req.url.split('?')[0] ?? '/';
    const next = req.method === 'GET' && path !== '/login' ? req.url : '/';
    return sendPage(reply, req, { title: CONSOLE.login.title, body: renderLoginBody({ next, wrong }), status });
  };

  fastify.addHook('onRequest', async (req, reply) => {
    const nonce = randomBytes(16).toString('base64');
    reply.headers(securityHeaders(nonce));
    const cookies = parseCookies(req.headers.cookie);
    let sessionId = cookies[SESSION_COOKIE];
    if (!sessionId || !SESSION_ID.test(sessionId)) {
      sessionId = randomId();
      reply.header('set-cookie', serializeCookie(SESSION_COOKIE, sessionId));
    }
    req.consoleCtx = { nonce, sessionId, csrf: csrfTokenFor(secret, sessionId), cookies, auth: 'open' };

    if (!hostAllowed(req.headers.host, config.DTE_CONSOLE_HOST)) {
      logger.warn('refused request for a non-loopback host', { host: req.headers.host, path: req.url.split('?')[0] });
      return fail(reply, req, 421, CONSOLE.errors.host);
    }
    if (!token) return;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (bearer !== undefined && safeEqual(bearer, token)) {
      req.consoleCtx.auth = 'bearer';
      return;
    }
    const cookie = cookies[AUTH_COOKIE];
    if (cookie && safeEqual(cookie, authCookieValue(secret, token))) {
      req.consoleCtx.auth = 'cookie';
      return;
    }
    const path = req.url.split('?')[0];
    if (path === '/login') return;
    if (wantsJson(req)) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: CONSOLE.login.apiUnauthorized });
    return showLogin(reply, req, false);
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
    if (!token || req.consoleCtx.auth !== 'open') return reply.redirect('/', 303);
    return showLogin(reply, req, false, 200);
  });

  fastify.post('/login', async (req, reply) => {
    if (!token) return reply.redirect('/', 303);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const given = typeof body.token === 'string' ? body.token.trim() : '';
    const nextRaw = typeof body.next === 'string' ? body.next : '/';
    const next = nextRaw.startsWith('/') && !nextRaw.startsWith('//') && !nextRaw.startsWith('/\\') ? nextRaw : '/';
    if (!given || !safeEqual(given, token)) {
      logger.warn('console login failed', { ip: req.ip });
      return showLogin(reply, req, true);
    }
    logger.info('console login', { ip: req.ip });
    return reply.header('set-cookie', serializeCookie(AUTH_COOKIE, authCookieValue(secret, token))).redirect(next, 303);
  });

  fastify.post('/logout', async (_req, reply) => {
    return reply.header('set-cookie', serializeCookie(AUTH_COOKIE, '', { maxAgeSeconds: 0 })).redirect('/login', 303);
  });

  registerConsoleRoutes(fastify, {
    app,
    logger,
    sendPage,
    fail,
    wechatStatus: options.wechatStatus,
    exportRegistrations: options.exportRegistrations ?? exportRegistrations,
    clockFixed: Boolean(config.DTE_NOW),
  });

  fastify.setNotFoundHandler((req, reply) => fail(reply, req, 404, CONSOLE.errors.notFound));
  fastify.setErrorHandler((error, req, reply) => {
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return fail(reply, req, status, CONSOLE.errors.badRequest(error instanceof Error ? error.message : String(error)));
    }
    logger.error('console request failed', { path: req.url.split('?')[0], error });
    return fail(reply, req, 500, CONSOLE.errors.internal);
  });

  return {
    fastify,
    async listen() {
      const address = await fastify.listen({ host: config.DTE_CONSOLE_HOST, port: config.DTE_CONSOLE_PORT });
      logger.info('console listening', { url: address, token: Boolean(token) });
      return address;
    },
    async close() {
      await fastify.close();
    },
  };
}
