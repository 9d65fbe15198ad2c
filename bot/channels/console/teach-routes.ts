/**
 * 缺口 and teaching the bot: the gaps (with questions staff sent from 问答),
 * the taught answers with their hit counts (stale ones flagged), the teach
 * page (facts or one notice chunk chosen by id from a search, or "not
 * covered, ask X" with X a contact fact), untaught, and their JSON APIs.
 * Every teach and untaught is an audit row; the engine's snapshot is
 * refreshed after each, so the next resident's question gets the answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CONSOLE } from '../../../prompts/console.js';
import type { Fact } from '../../../knowledge/facts/schema.js';
import type { Chunk } from '../../../knowledge/types.js';
import { matchKey } from '../../../knowledge/text/match-key.js';
import { renderFact } from '../../engine/answer/render-fact.js';
import { missingIds } from '../../engine/answer/taught-index.js';
import type { TaughtAnswer, TaughtTarget } from '../../store/taught-store.js';
import type { AuditStore } from '../../store/audit-store.js';
import type { Logger } from '../../log.js';
import type { TaughtService } from '../../taught-answers.js';
import type { ConsoleApp } from './console-app.js';
import type { PageSender } from './console-server.js';
import { actorOf } from './access.js';
import { filterFacts } from './facts-query.js';
import { groupGaps } from './gaps.js';
import { renderGapsBody, renderTeachBody, type TaughtRow } from './gaps-page.js';

const G = CONSOLE.gaps;
/** Most search results shown per kind on the teach page. */
const MAX_RESULTS = 30;

export interface TeachRouteDeps {
  app: ConsoleApp & { taught?: TaughtService };
  logger: Logger;
  sendPage: PageSender;
  fail: (reply: FastifyReply, req: FastifyRequest, status: number, message: string) => FastifyReply;
  audit: AuditStore;
}

const TeachQuerySchema = z.object({
  question: z.string().trim().min(1).max(500),
  also: z.union([z.string(), z.array(z.string())]).optional(),
  q: z.string().trim().max(100).optional(),
});

const TeachApiSchema = z.object({
  question: z.string().trim().min(1).max(500),
  also: z.array(z.string().trim().min(1).max(500)).max(19).optional(),
  factIds: z.array(z.string().min(1).max(120)).max(8).optional(),
  chunkId: z.string().min(1).max(200).optional(),
  contactFactId: z.string().min(1).max(120).optional(),
});
type TeachRequest = z.infer<typeof TeachApiSchema>;

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The form body as a teach request: checkboxes `f:<fact id>`, radio `chunk`, select `contact`. */
function fromForm(body: Record<string, unknown>, query: Record<string, unknown>): unknown {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  // Repeated form fields collapse to one in the body parser: the variants ride along in the query string too.
  const also = [...new Set([...list(body.also as string | undefined), ...list(query.also as string | string[] | undefined)])].filter(Boolean);
  return {
    question: body.question,
    also,
    factIds: Object.keys(body).filter((k) => k.startsWith('f:') && body[k]).map((k) => k.slice(2)),
    chunkId: str(body.chunk),
    contactFactId: str(body.contact),
  };
}

export function registerTeachRoutes(fastify: FastifyInstance, deps: TeachRouteDeps): void {
  const { app, sendPage, fail, logger } = deps;
  const chunks = () => app.kb.chunks() as readonly Chunk[];
  const titleOf = (doc: string) => app.ports.documents.find((d) => d.id === doc)?.shortTitle ?? doc;
  const byId = (id: string): Fact | undefined => app.facts.all().find((f) => f.id === id);
  const factsLike = { byId } as unknown as Parameters<typeof missingIds>[1];

  const summaryOf = (a: TaughtAnswer): string[] => {
    const t = a.target;
    if (t.kind === 'passage') {
      const c = chunks().find((x) => x.id === t.chunkId);
      return c ? [`《${titleOf(c.doc)}》${c.section}`] : [];
    }
    const ids = t.kind === 'facts' ? t.factIds : [t.contactFactId];
    return ids.flatMap((id) => {
      const f = byId(id);
      return f ? [renderFact(f)] : [];
    });
  };

  const taughtRows = async (): Promise<TaughtRow[]> => {
    if (!app.taught) return [];
    const chunkIds = new Set(chunks().map((c) => c.id));
    return (await app.taught.store.list()).map((answer: TaughtAnswer) => ({ answer, summary: summaryOf(answer), missing: missingIds(answer, factsLike, chunkIds) }));
  };

  const gaps = async () => groupGaps(await app.store.listQuestions(), undefined, app.taught ? await app.taught.store.flagged() : undefined);

  fastify.get('/gaps', async (req, reply) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const notice = typeof q.taught === 'string' && /^\d+$/.test(q.taught) ? G.teach.saved(q.taught) : q.untaught === '1' ? G.taught.untaughtDone : undefined;
    return sendPage(reply, req, { title: G.title, active: 'gaps', body: renderGapsBody(await gaps(), await taughtRows(), { csrf: req.consoleCtx.csrf, notice }) });
  });

  fastify.get('/api/gaps', async () => {
    const groups = await gaps();
    const taught = (await taughtRows()).map((r) => ({ ...r.answer, stale: r.missing.length > 0, missing: r.missing }));
    return { count: groups.length, groups, taught };
  });

  /** Check a teach request against the facts table and the chunks; the target, or what is wrong. */
  const targetOf = (r: TeachRequest): { ok: true; target: TaughtTarget } | { ok: false; error: string } => {
    const chosen = [r.factIds?.length ? 1 : 0, r.chunkId ? 1 : 0, r.contactFactId ? 1 : 0].reduce((a, b) => a + b, 0);
    if (chosen !== 1) return { ok: false, error: G.teach.chooseOne };
    if (r.factIds?.length) {
      const unknown = r.factIds.find((id) => !byId(id));
      return unknown ? { ok: false, error: G.teach.unknownFact(unknown) } : { ok: true, target: { kind: 'facts', factIds: r.factIds } };
    }
    if (r.chunkId) return chunks().some((c) => c.id === r.chunkId) ? { ok: true, target: { kind: 'passage', chunkId: r.chunkId } } : { ok: false, error: G.teach.unknownChunk(r.chunkId) };
    const contact = byId(r.contactFactId!);
    if (!contact) return { ok: false, error: G.teach.unknownFact(r.contactFactId!) };
    return contact.kind === 'contact' ? { ok: true, target: { kind: 'not-covered', contactFactId: contact.id } } : { ok: false, error: G.teach.notContact(contact.id) };
  };

  const teach = async (req: FastifyRequest, raw: unknown): Promise<{ ok: true; answer: TaughtAnswer } | { ok: false; status: number; error: string; request?: TeachRequest }> => {
    if (!app.taught) return { ok: false, status: 503, error: CONSOLE.errors.internal };
    const parsed = TeachApiSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, status: 400, error: parsed.error.issues[0]?.path[0] === 'question' ? G.teach.noQuestion : G.teach.chooseOne };
    const target = targetOf(parsed.data);
    if (!target.ok) return { ok: false, status: 400, error: target.error, request: parsed.data };
    const actor = actorOf(req.consoleCtx.principal);
    const answer = await app.taught.store.teach({ target: target.target, phrasings: [parsed.data.question, ...(parsed.data.also ?? [])], actor });
    await app.taught.refresh();
    const t = answer.target;
    // Ids and counts only: the question text stays out of the audit log.
    await deps.audit.record({
      actor,
      action: 'teach',
      target: `taught:${answer.id}`,
      session: req.consoleCtx.sessionTag,
      detail: { kind: t.kind, ids: t.kind === 'facts' ? t.factIds.join(',') : t.kind === 'passage' ? t.chunkId : t.contactFactId, phrasings: answer.phrasings.length },
    });
    logger.info('taught answer saved', { id: answer.id, kind: t.kind, actor });
    return { ok: true, answer };
  };

  const teachPage = (req: FastifyRequest, reply: FastifyReply, input: { question: string; also: string[]; search: string; error?: string; status?: number }) => {
    const needle = input.search ? matchKey(input.search).toLowerCase() : '';
    const all = app.facts.all();
    const facts = needle ? filterFacts(all, { q: input.search }).slice(0, MAX_RESULTS) : [];
    const found = needle ? chunks().filter((c) => matchKey(c.text).toLowerCase().includes(needle) || matchKey(c.section).toLowerCase().includes(needle)).slice(0, MAX_RESULTS) : [];
    return sendPage(reply, req, {
      title: G.teach.title,
      active: 'gaps',
      status: input.status,
      body: renderTeachBody({ ...input, facts, chunks: found, contacts: all.filter((f) => f.kind === 'contact'), csrf: req.consoleCtx.csrf, titleOf }),
    });
  };

  fastify.get('/gaps/teach', async (req, reply) => {
    const parsed = TeachQuerySchema.safeParse(req.query ?? {});
    if (!parsed.success) return fail(reply, req, 400, G.teach.noQuestion);
    return teachPage(req, reply, { question: parsed.data.question, also: list(parsed.data.also), search: parsed.data.q ?? '' });
  });

  fastify.post('/gaps/teach', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const r = await teach(req, fromForm(body, (req.query ?? {}) as Record<string, unknown>));
    if (!r.ok) {
      const question = typeof body.question === 'string' ? body.question : '';
      if (!question) return fail(reply, req, r.status, r.error);
      return teachPage(req, reply, { question, also: list(body.also as string | undefined), search: '', error: r.error, status: r.status });
    }
    return reply.redirect(`/gaps?taught=${r.answer.id}`, 303);
  });

  fastify.post('/api/gaps/teach', async (req, reply) => {
    const r = await teach(req, req.body ?? {});
    if (!r.ok) return reply.code(r.status).send({ error: r.error });
    return { taught: r.answer };
  });

  const untaught = async (req: FastifyRequest, id: string): Promise<boolean> => {
    if (!app.taught) return false;
    const actor = actorOf(req.consoleCtx.principal);
    if (!(await app.taught.store.retire(id, actor))) return false;
    await app.taught.refresh();
    await deps.audit.record({ actor, action: 'untaught', target: `taught:${id}`, session: req.consoleCtx.sessionTag });
    logger.info('taught answer retired', { id, actor });
    return true;
  };

  fastify.post<{ Params: { id: string } }>('/gaps/taught/:id/untaught', async (req, reply) =>
    (await untaught(req, req.params.id)) ? reply.redirect('/gaps?untaught=1', 303) : fail(reply, req, 404, G.taught.notFound),
  );
  fastify.post<{ Params: { id: string } }>('/api/gaps/taught/:id/untaught', async (req, reply) =>
    (await untaught(req, req.params.id)) ? { ok: true } : reply.code(404).send({ error: G.taught.notFound }),
  );
}

/** Send a question asked on 问答 to 缺口: logged like a resident's, and flagged so it shows whatever its confidence. */
export async function sendToGaps(
  app: ConsoleApp & { taught?: TaughtService },
  audit: AuditStore,
  req: FastifyRequest,
  result: { question: string; trace: { route: string; confidence: number } },
): Promise<void> {
  const actor = actorOf(req.consoleCtx.principal);
  const answered = !['unknown', 'out-of-scope', 'none', 'error'].includes(result.trace.route);
  await (app.store as unknown as { logQuestion(e: object): unknown }).logQuestion({
    question: result.question,
    answered,
    confidence: result.trace.confidence,
    route: result.trace.route,
    time: app.ports.now().toISOString(),
  });
  await app.taught?.store.flagQuestion(result.question, actor);
  await audit.record({ actor, action: 'gap-flag', session: req.consoleCtx.sessionTag, detail: { route: result.trace.route } });
}
