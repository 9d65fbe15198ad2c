/**
 * The console's routes: each reads validated input (zod at the boundary),
 * asks the App or the store, and renders a page or JSON. Failures a user can
 * cause become 4xx pages or `{ error }` JSON, never exceptions.
 */
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
import { EXPORT_FORMATS, renderRegistrationsBody, renderReviewBody, renderRevealBody, reviewState, type ExportFormat } from './registrations-page.js';
import { actorOf, canSeeAudit, districtScope, needsOperator, scopedRegistrations } from './access.js';
import { AuditQuerySchema, auditFilterOf, renderAuditBody } from './audit-page.js';
import type { AuditStore } from '../../store/audit-store.js';
import type { ReviewStore } from '../../store/review-store.js';
import { REVIEW_DECISIONS, REVIEW_REASON_MAX } from '../../staff/review-types.js';
import { districtOptions as formDistricts } from '../../staff/districts.js';
import { registerTeachRoutes, sendToGaps } from './teach-routes.js';
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
  /** Where logins, reveals, exports and decisions are recorded (real time). */
  audit: AuditStore;
  reviews: ReviewStore;
}

const ChatInputSchema = z.object({ text: z.string().trim().min(1, CONSOLE.errors.emptyMessage).max(1000) });
const OperatorSchema = z.string({ error: CONSOLE.errors.staffRequired }).trim().min(1, CONSOLE.errors.staffRequired).max(40);
const RevealInputSchema = z.object({ staff: OperatorSchema });
const ReviewInputSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS, { error: CONSOLE.errors.badDecision }),
  reason: z.string().trim().max(REVIEW_REASON_MAX).optional(),
  staff: z.string().trim().max(40).optional(),
});
const CHAT_ID = /^[A-Za-z0-9_-]{16,64}$/;

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
    // Staff's own questions stay out of 缺口 unless they tick 发送到缺口.
    const sent = body.gap === 'on' || body.gap === '1';
    if (sent) await sendToGaps(app, deps.audit, req, result);
    return sendPage(reply, req, { title: CONSOLE.ask.title, active: 'ask', body: renderAskBody({ form, csrf, result, facts: app.facts.all(), sentToGaps: sent }), script: ASK_SCRIPT });
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
  // Every registration route reads through this: a district account's view of the store.
  const storeFor = (req: FastifyRequest) => scopedRegistrations(app.store, req.consoleCtx.principal);
  const districtOptions = (rows: RegistrationRecord[]) => [...new Set([...formDistricts(app.facts.all()), ...rows.map((r) => r.district)])];
  /** A filter naming another district than the account's own is refused, not silently emptied. */
  const outOfScope = (req: FastifyRequest, filter: RegistrationFilter): string | undefined => {
    const own = districtScope(req.consoleCtx.principal);
    return own !== undefined && filter.district !== undefined && filter.district !== own ? CONSOLE.errors.otherDistrict(own) : undefined;
  };
  const withReviews = (rows: RegistrationRecord[]) => deps.reviews.reviews(rows.map((r) => r.reference));

  const parseFilter = (query: unknown): { ok: true; value: RegistrationFilter } | { ok: false; error: string } => {
    const parsed = RegistrationFilterSchema.safeParse(query ?? {});
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: firstIssue(parsed.error) };
  };

  fastify.get('/registrations', async (req, reply) => {
    const f = parseFilter(req.query);
    const filter = f.ok ? f.value : {};
    const refused = outOfScope(req, filter);
    const principal = req.consoleCtx.principal;
    const own = districtScope(principal);
    const rows = refused ? [] : await findRegistrations(storeFor(req), filter);
    return sendPage(reply, req, {
      title: CONSOLE.registrations.title,
      active: 'registrations',
      status: refused ? 403 : f.ok ? 200 : 400,
      body: renderRegistrationsBody({
        filter: own ? { ...filter, district: own } : filter,
        rows: rows.map(maskRegistration),
        districts: own ? [own] : districtOptions(await app.store.listRegistrations({})),
        lockedDistrict: own,
        reviews: await withReviews(rows),
        needsOperator: needsOperator(principal),
        csrf: req.consoleCtx.csrf,
        error: refused ?? (f.ok ? undefined : CONSOLE.errors.badRequest(f.error)),
      }),
    });
  });

  fastify.get('/api/registrations', async (req, reply) => {
    const f = parseFilter(req.query);
    if (!f.ok) return reply.code(400).send({ error: f.error });
    const refused = outOfScope(req, f.value);
    if (refused) return reply.code(403).send({ error: refused });
    const found = await findRegistrations(storeFor(req), f.value);
    const reviews = await withReviews(found);
    const rows = found.map((r) => {
      const review = reviews.get(r.reference);
      return { ...maskRegistration(r), decision: { state: reviewState(review), ...(review?.reason ? { reason: review.reason } : {}) } };
    });
    return { count: rows.length, masked: true, registrations: rows };
  });

  /** One registration this principal may see, or undefined (another district's is "not found" too). */
  const visible = async (req: FastifyRequest, reference: string): Promise<RegistrationRecord | undefined> => {
    const ref = ReferenceSchema.safeParse(reference);
    return ref.success ? findByReference(storeFor(req), ref.data) : undefined;
  };

  const reviewPage = async (req: FastifyRequest, reply: FastifyReply, record: RegistrationRecord, extra: { saved?: { label: string; notified: boolean }; error?: string; status?: number } = {}) =>
    sendPage(reply, req, {
      title: CONSOLE.registrations.review.title(record.reference),
      active: 'registrations',
      status: extra.status,
      body: renderReviewBody({
        record: maskRegistration(record),
        review: (await deps.reviews.reviews([record.reference])).get(record.reference),
        needsOperator: needsOperator(req.consoleCtx.principal),
        csrf: req.consoleCtx.csrf,
        saved: extra.saved,
        error: extra.error,
      }),
    });

  fastify.get<{ Params: { reference: string } }>('/registrations/:reference', async (req, reply) => {
    const record = await visible(req, req.params.reference);
    if (!record) return fail(reply, req, 404, CONSOLE.errors.registrationNotFound(ReferenceSchema.safeParse(req.params.reference).success ? req.params.reference : ''));
    // After a decision the browser lands here (POST, then redirect: a reload does not decide again).
    const q = (req.query ?? {}) as Record<string, unknown>;
    const savedKind = REVIEW_DECISIONS.find((d) => d === q.saved);
    return reviewPage(req, reply, record, savedKind ? { saved: { label: CONSOLE.registrations.review[savedKind], notified: q.notified === '1' } } : {});
  });

  /** Store a decision (with its notification and audit row, in one transaction); the outcome or a user error. */
  const decide = async (req: FastifyRequest, reference: string): Promise<{ ok: true; record: RegistrationRecord; label: string; notified: boolean } | { ok: false; status: number; error: string; record?: RegistrationRecord }> => {
    const record = await visible(req, reference);
    if (!record) return { ok: false, status: 404, error: CONSOLE.errors.registrationNotFound(ReferenceSchema.safeParse(reference).success ? reference : '') };
    const input = ReviewInputSchema.safeParse(req.body ?? {});
    if (!input.success) return { ok: false, status: 400, error: firstIssue(input.error), record };
    const principal = req.consoleCtx.principal;
    let operator: string | undefined;
    if (needsOperator(principal)) {
      const op = OperatorSchema.safeParse(input.data.staff);
      if (!op.success) return { ok: false, status: 400, error: firstIssue(op.error), record };
      operator = op.data;
    }
    const r = await deps.reviews.decide({
      reference: record.reference,
      kind: input.data.decision,
      reason: input.data.reason,
      actor: actorOf(principal),
      operator,
      session: req.consoleCtx.sessionTag,
      district: districtScope(principal),
    });
    if (!r.ok) return r.error === 'reason-required' ? { ok: false, status: 400, error: CONSOLE.errors.reasonRequired, record } : { ok: false, status: 404, error: CONSOLE.errors.registrationNotFound(record.reference) };
    logger.info('registration reviewed', { reference: record.reference, decision: input.data.decision, actor: actorOf(principal), notified: r.notified });
    return { ok: true, record, label: CONSOLE.registrations.review[input.data.decision], notified: r.notified };
  };

  fastify.post<{ Params: { reference: string } }>('/registrations/:reference/review', async (req, reply) => {
    const r = await decide(req, req.params.reference);
    if (!r.ok) return r.record ? reviewPage(req, reply, r.record, { error: r.error, status: r.status }) : fail(reply, req, r.status, r.error);
    const kind = ReviewInputSchema.parse(req.body).decision;
    return reply.redirect(`/registrations/${encodeURIComponent(r.record.reference)}?saved=${kind}&notified=${r.notified ? 1 : 0}`, 303);
  });

  fastify.post<{ Params: { reference: string } }>('/api/registrations/:reference/review', async (req, reply) => {
    const r = await decide(req, req.params.reference);
    if (!r.ok) return reply.code(r.status).send({ error: r.error });
    const review = (await deps.reviews.reviews([r.record.reference])).get(r.record.reference);
    return { reference: r.record.reference, state: reviewState(review), notified: r.notified };
  });

  fastify.post<{ Params: { reference: string } }>('/registrations/:reference/reveal', async (req, reply) => {
    const ref = ReferenceSchema.safeParse(req.params.reference);
    const record = await visible(req, req.params.reference);
    if (!record) return fail(reply, req, 404, CONSOLE.errors.registrationNotFound(ref.success ? ref.data : ''));
    const principal = req.consoleCtx.principal;
    let operator: string | undefined;
    if (needsOperator(principal)) {
      const input = RevealInputSchema.safeParse(req.body ?? {});
      if (!input.success) return fail(reply, req, 400, firstIssue(input.error));
      operator = input.data.staff;
    }
    const actor = actorOf(principal);
    // The audit row names who and when (real time), never the data revealed.
    await deps.audit.record({ actor, operator, action: 'reveal', target: record.reference, session: req.consoleCtx.sessionTag });
    const at = (await deps.audit.list({ action: 'reveal', limit: 1 }))[0]?.at ?? new Date().toISOString();
    logger.info('registration revealed', { reference: record.reference, actor, staff: operator ? maskPersonalData(operator) : undefined, session: req.consoleCtx.sessionTag, ip: req.ip, at });
    const { userId: _userId, ...full } = record;
    return sendPage(reply, req, {
      title: CONSOLE.registrations.revealedTitle(record.reference),
      active: 'registrations',
      body: renderRevealBody(full, { staff: operator ?? actor, at: showTime(at) }),
    });
  });

  fastify.get<{ Params: { format: string } }>('/registrations/export.:format', async (req, reply) => {
    const format = EXPORT_FORMATS.find((x) => x === req.params.format);
    if (!format) return fail(reply, req, 400, CONSOLE.errors.badFormat);
    const f = parseFilter(req.query);
    if (!f.ok) return fail(reply, req, 400, CONSOLE.errors.badRequest(f.error));
    const refused = outOfScope(req, f.value);
    if (refused) return fail(reply, req, 403, refused);
    const rows = await findRegistrations(storeFor(req), f.value);
    const file = await deps.exportRegistrations(rows, format);
    const actor = actorOf(req.consoleCtx.principal);
    const own = districtScope(req.consoleCtx.principal);
    await deps.audit.record({ actor, action: 'export', target: format, detail: { count: rows.length, ...f.value, district: own ?? f.value.district }, session: req.consoleCtx.sessionTag });
    logger.info('registrations exported', { format, count: rows.length, filter: f.value, actor, session: req.consoleCtx.sessionTag, ip: req.ip });
    const name = `registrations-${today()}.${format}`;
    return reply
      .type(file.mimeType)
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(file.data);
  });

  // 缺口 (and teaching the bot: teach-routes.ts) ----------------------------
  registerTeachRoutes(fastify, { app, logger, sendPage, fail, audit: deps.audit });

  // 模拟聊天 ----------------------------------------------------------------
  const chatId = (req: FastifyRequest, reply: FastifyReply, fresh = false): string => {
    const existing = req.consoleCtx.cookies[CHAT_COOKIE];
    if (!fresh && existing && CHAT_ID.test(existing)) return existing;
    const id = randomId();
    // Keep the session cookie the onRequest hook may have set alongside.
    const prior = reply.getHeader('set-cookie');
    const list = prior === undefined ? [] : Array.isArray(prior) ? prior.map(String) : [String(prior)];
    reply.header('set-cookie', [...list, serializeCookie(CHAT_COOKIE, id, { secure: req.consoleCtx.secureCookies })]);
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
  const status = async (req: FastifyRequest): Promise<ConsoleStatus> => {
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
        registrations: (await storeFor(req).listRegistrations({})).length,
        questions: (await app.store.listQuestions()).length,
      },
      serverTime: now().toISOString(),
      clockFixed: deps.clockFixed,
    };
  };

  fastify.get('/status', async (req, reply) =>
    sendPage(reply, req, { title: CONSOLE.status.title, active: 'status', body: renderStatusBody(await status(req)) }),
  );
  fastify.get('/api/status', async (req) => status(req));

  // 审计 -------------------------------------------------------------------
  const auditData = async (query: unknown) => {
    const parsed = AuditQuerySchema.safeParse(query ?? {});
    const q = parsed.success ? parsed.data : {};
    return { query: q, entries: await deps.audit.list(auditFilterOf(q)), error: parsed.success ? undefined : firstIssue(parsed.error) };
  };

  fastify.get('/audit', async (req, reply) => {
    if (!canSeeAudit(req.consoleCtx.principal)) return fail(reply, req, 403, CONSOLE.errors.auditForbidden);
    const d = await auditData(req.query);
    return sendPage(reply, req, {
      title: CONSOLE.audit.title,
      active: 'audit',
      status: d.error ? 400 : 200,
      body: renderAuditBody({ ...d, actors: await deps.audit.actors(), error: d.error ? CONSOLE.errors.badRequest(d.error) : undefined }),
    });
  });

  fastify.get('/api/audit', async (req, reply) => {
    if (!canSeeAudit(req.consoleCtx.principal)) return reply.code(403).send({ error: CONSOLE.errors.auditForbidden });
    const d = await auditData(req.query);
    if (d.error) return reply.code(400).send({ error: d.error });
    return { count: d.entries.length, entries: d.entries };
  });
}
