/**
 * The console's routes: each reads validated input (zod at the boundary),
 * asks the App or the store, and renders a page or JSON. Failures a user can
 * cause become 4xx pages or `{ error }` JSON, never exceptions.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CONSOLE } from '../../../prompts/console.js';
import { beijingDate } from '../../../tools/beijing-date.js';
import { maskPersonalData } from '../../mask.js';
import type { Logger } from '../../log.js';
import type { RegistrationRecord } from '../../registration/types.js';
import type { ConsoleApp, WechatStatusLike } from './console-app.js';
import type { PageSender } from './console-server.js';
import { AskInputSchema, ASK_SCRIPT, renderAskBody } from './ask-page.js';
import { deadlineStates, filterFacts, findConflicts, FactsQuerySchema } from './facts-query.js';
import { renderFactsBody } from './facts-page.js';
import {
  findByReference,
  findRegistrations,
  maskRegistration,
  ReferenceSchema,
  RegistrationFilterSchema,
  type RegistrationFilter,
} from './registrations-query.js';
import { EXPORT_FORMATS, renderRegistrationsBody, renderRevealBody, type ExportFormat } from './registrations-page.js';
import { groupGaps } from './gaps.js';
import { renderGapsBody } from './gaps-page.js';
import { CHAT_SCRIPT, renderChatBody } from './chat-page.js';
import { renderStatusBody, type ConsoleStatus } from './status-page.js';
import { loginQrDataUrl, loginQrValue } from './login-qr.js';
import { connectionDetails } from '../wechat/connection-state.js';
import { showTime } from './labels.js';
import { CHAT_COOKIE, randomId, serializeCookie } from './security.js';

/** Turns records into an export file (bot/registration/export-registrations.ts has this shape). */
export type ExportFn = (records: readonly RegistrationRecord[], format: ExportFormat) => Promise<{ mimeType: string; data: Buffer }>;

export interface RouteDeps {
  app: ConsoleApp;
  logger: Logger;
  sendPage: PageSender;
  fail: (reply: FastifyReply, req: FastifyRequest, status: number, message: string) => FastifyReply;
  wechatStatus?: () => WechatStatusLike;
  exportRegistrations: ExportFn;
  /** True when the clock is fixed by DTE_NOW (shown on the status page). */
  clockFixed: boolean;
}

const ChatInputSchema = z.object({ text: z.string().trim().min(1, CONSOLE.errors.emptyMessage).max(1000) });
const RevealInputSchema = z.object({ staff: z.string({ error: CONSOLE.errors.staffRequired }).trim().min(1, CONSOLE.errors.staffRequired).max(40) });
const CHAT_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A short, non-reversible tag of the browser session for audit lines. */
function sessionTag(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex').slice(0, 12);
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid input';
}

/** Register every page and API route. */
export function registerConsoleRoutes(fastify: FastifyInstance, deps: RouteDeps): void {
  const { app, logger, sendPage, fail } = deps;
  const now = () => app.ports.now();
  const today = () => beijingDate(now());

  // 问答 -------------------------------------------------------------------
  fastify.get('/', async (req, reply) =>
    sendPage(reply, req, { title: CONSOLE.ask.title, active: 'ask', body: renderAskBody({ form: { now: today() }, csrf: req.consoleCtx.csrf }) }),
  );

  fastify.post('/', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = {
      q: typeof body.q === 'string' ? body.q : '',
      now: typeof body.now === 'string' && body.now ? body.now : today(),
      region: typeof body.region === 'string' ? body.region : '',
    };
    const parsed = AskInputSchema.safeParse(body);
    const csrf = req.consoleCtx.csrf;
    if (!parsed.success) {
      return sendPage(reply, req, { title: CONSOLE.ask.title, active: 'ask', status: 400, body: renderAskBody({ form, csrf, error: firstIssue(parsed.error) }) });
    }
    const result = await app.ask(parsed.data.q, { now: parsed.data.now, region: parsed.data.region, log: false });
    return sendPage(reply, req, { title: CONSOLE.ask.title, active: 'ask', body: renderAskBody({ form, csrf, result, facts: app.facts.all() }), script: ASK_SCRIPT });
  });

  fastify.post('/api/ask', async (req, reply) => {
    const parsed = AskInputSchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: firstIssue(parsed.error) });
    const r = await app.ask(parsed.data.q, { now: parsed.data.now, region: parsed.data.region, log: false });
    return { question: r.question, answer: r.answer, sources: r.sources, tools: r.tools, trace: r.trace };
  });

  // 事实 -------------------------------------------------------------------
  const factsData = (query: unknown) => {
    const parsed = FactsQuerySchema.safeParse(query ?? {});
    const q = parsed.success ? parsed.data : {};
    const all = app.facts.all();
    return { query: q, all, shown: filterFacts(all, q), conflicts: findConflicts(all), deadlines: deadlineStates(all, today()), error: parsed.success ? undefined : firstIssue(parsed.error) };
  };

  fastify.get('/facts', async (req, reply) => {
    const d = factsData(req.query);
    return sendPage(reply, req, {
      title: CONSOLE.facts.title,
      active: 'facts',
      body: renderFactsBody({ ...d, version: app.facts.version, today: today(), documents: app.ports.documents }),
    });
  });

  fastify.get('/api/facts', async (req) => {
    const d = factsData(req.query);
    return {
      version: app.facts.version,
      today: today(),
      count: d.shown.length,
      total: d.all.length,
      facts: d.shown,
      conflicts: d.conflicts.map((c) => c.facts.map((f) => f.id)),
      deadlines: d.deadlines.map((x) => ({ id: x.fact.id, label: x.fact.label, region: x.fact.region, closes: x.fact.closes, state: x.state, days: x.days })),
    };
  });

  // 报名 -------------------------------------------------------------------
  const districtOptions = (rows: RegistrationRecord[]) => {
    const fromFacts = app.facts.all().flatMap((f) => (f.kind === 'form-field' && f.field === 'district' ? (f.options ?? []) : []));
    return [...new Set([...fromFacts, ...rows.map((r) => r.district)])];
  };

  const parseFilter = (query: unknown): { ok: true; value: RegistrationFilter } | { ok: false; error: string } => {
    const parsed = RegistrationFilterSchema.safeParse(query ?? {});
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: firstIssue(parsed.error) };
  };

  fastify.get('/registrations', async (req, reply) => {
    const f = parseFilter(req.query);
    const filter = f.ok ? f.value : {};
    const rows = findRegistrations(app.store, filter);
    return sendPage(reply, req, {
      title: CONSOLE.registrations.title,
      active: 'registrations',
      status: f.ok ? 200 : 400,
      body: renderRegistrationsBody({
        filter,
        rows: rows.map(maskRegistration),
        districts: districtOptions(app.store.listRegistrations({})),
        csrf: req.consoleCtx.csrf,
        error: f.ok ? undefined : CONSOLE.errors.badRequest(f.error),
      }),
    });
  });

  fastify.get('/api/registrations', async (req, reply) => {
    const f = parseFilter(req.query);
    if (!f.ok) return reply.code(400).send({ error: f.error });
    const rows = findRegistrations(app.store, f.value).map(maskRegistration);
    return { count: rows.length, masked: true, registrations: rows };
  });

  fastify.post<{ Params: { reference: string } }>('/registrations/:reference/reveal', async (req, reply) => {
    const ref = ReferenceSchema.safeParse(req.params.reference);
    const record = ref.success ? findByReference(app.store, ref.data) : undefined;
    if (!record) return fail(reply, req, 404, CONSOLE.errors.registrationNotFound(ref.success ? ref.data : ''));
    const input = RevealInputSchema.safeParse(req.body ?? {});
    if (!input.success) return fail(reply, req, 400, firstIssue(input.error));
    const at = now().toISOString();
    // The audit line names who and when, never the data revealed.
    logger.info('registration revealed', { reference: record.reference, staff: maskPersonalData(input.data.staff), session: sessionTag(req.consoleCtx.sessionId), ip: req.ip, at });
    const { userId: _userId, ...full } = record;
    return sendPage(reply, req, {
      title: CONSOLE.registrations.revealedTitle(record.reference),
      active: 'registrations',
      body: renderRevealBody(full, { staff: input.data.staff, at: showTime(at) }),
    });
  });

  fastify.get<{ Params: { format: string } }>('/registrations/export.:format', async (req, reply) => {
    const format = EXPORT_FORMATS.find((x) => x === req.params.format);
    if (!format) return fail(reply, req, 400, CONSOLE.errors.badFormat);
    const f = parseFilter(req.query);
    if (!f.ok) return fail(reply, req, 400, CONSOLE.errors.badRequest(f.error));
    const rows = findRegistrations(app.store, f.value);
    const file = await deps.exportRegistrations(rows, format);
    logger.info('registrations exported', { format, count: rows.length, filter: f.value, session: sessionTag(req.consoleCtx.sessionId), ip: req.ip, at: now().toISOString() });
    const name = `registrations-${today()}.${format}`;
    return reply
      .type(file.mimeType)
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(file.data);
  });

  // 缺口 -------------------------------------------------------------------
  const gaps = () => groupGaps(app.store.listQuestions());

  fastify.get('/gaps', async (req, reply) =>
    sendPage(reply, req, { title: CONSOLE.gaps.title, active: 'gaps', body: renderGapsBody(gaps()) }),
  );
  fastify.get('/api/gaps', async () => {
    const groups = gaps();
    return { count: groups.length, groups };
  });

  // 模拟聊天 ----------------------------------------------------------------
  const chatId = (req: FastifyRequest, reply: FastifyReply, fresh = false): string => {
    const existing = req.consoleCtx.cookies[CHAT_COOKIE];
    if (!fresh && existing && CHAT_ID.test(existing)) return existing;
    const id = randomId();
    // Keep the session cookie the onRequest hook may have set alongside.
    const prior = reply.getHeader('set-cookie');
    const list = prior === undefined ? [] : Array.isArray(prior) ? prior.map(String) : [String(prior)];
    reply.header('set-cookie', [...list, serializeCookie(CHAT_COOKIE, id)]);
    return id;
  };

  fastify.get('/chat', async (req, reply) => {
    chatId(req, reply);
    return sendPage(reply, req, { title: CONSOLE.chat.title, active: 'chat', body: renderChatBody(), script: CHAT_SCRIPT });
  });

  fastify.post('/api/chat', async (req, reply) => {
    const parsed = ChatInputSchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: firstIssue(parsed.error) });
    const id = chatId(req, reply);
    const r = await app.handler.handle({
      conversationId: `console:${id}`,
      userId: `console:${id}`,
      text: parsed.data.text,
      chat: 'private',
      channel: 'console',
    });
    return { replies: r.replies, route: r.trace?.route };
  });

  fastify.post('/api/chat/reset', async (req, reply) => {
    chatId(req, reply, true);
    return { ok: true };
  });

  // 状态 -------------------------------------------------------------------
  const status = async (): Promise<ConsoleStatus> => {
    const w = deps.wechatStatus?.();
    // The QR value is drawn here; Wechaty's wechaty.js.org link is never passed on.
    const qrValue = w?.state === 'waiting-scan' ? loginQrValue(w) : undefined;
    const loginQr = qrValue ? await loginQrDataUrl(qrValue) : undefined;
    return {
      wechat: w
        ? { connected: true, state: w.state, user: w.user, lastHeartbeat: w.lastHeartbeat, startedAt: w.startedAt, loginQr, connection: connectionDetails(w) }
        : { connected: false },
      indexVersion: app.kb.version(),
      factsVersion: app.facts.version,
      counts: {
        facts: app.facts.all().length,
        chunks: app.kb.chunks().length,
        registrations: app.store.listRegistrations({}).length,
        questions: app.store.listQuestions().length,
      },
      serverTime: now().toISOString(),
      clockFixed: deps.clockFixed,
    };
  };

  fastify.get('/status', async (req, reply) =>
    sendPage(reply, req, { title: CONSOLE.status.title, active: 'status', body: renderStatusBody(await status()) }),
  );
  fastify.get('/api/status', async () => status());
}
