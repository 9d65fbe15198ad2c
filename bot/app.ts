/**
 * Wires the concrete parts together from a parsed Config: facts, knowledge
 * base, store, clock, optional LLM, the turn engine and the conversation
 * handler. Used by the composition roots (bot/main.ts, the dte command) and
 * by the eval and the benchmark. Reads no environment of its own.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { clockFrom } from './config.js';
import { createLogger, type Logger } from './log.js';
import { loadCheckedFacts } from '../knowledge/facts/check-facts.js';
import { checkExampleData } from '../knowledge/language/examples-schema.js';
import { defaultProfileLanguage } from '../knowledge/language/profile-schema.js';
import { useProfileLanguage } from './registration/profile-language.js';
import { prepareExampleIndexes } from './engine/understand/nearest.js';
import { embeddingsFromConfig, openKnowledgeBase } from '../knowledge/knowledge-base.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Region } from '../knowledge/facts/schema.js';
import { FactsTable } from '../tools/facts-table.js';
import { isPostgresUrl, openStore, registrationSnapshot, type Store } from './store/store.js';
import { lazyRegistrationSnapshot, type SqliteStore } from './store/sqlite-store.js';
import { createConversationHandler, loadRegistrations, type RunningHandler } from './engine/conversation-handler.js';
import { handleTurn } from './engine/handle-turn.js';
import { newSession, type Ports, type SourceRef, type ToolCall, type Trace } from './engine/types.js';
import { llmConfigured } from './engine/llm/chat-model.js';
import { SYSTEM_ERROR_REPLY } from '../prompts/answers.js';
import { START } from '../prompts/start.js';
import { openTaughtAnswers, type TaughtService } from './taught-answers.js';

/** The project root (where knowledge/ lives), independent of the working directory. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AskResult {
  question: string;
  answer: string;
  sources: SourceRef[];
  tools: ToolCall[];
  trace: Trace;
}

export interface App {
  config: Config;
  facts: FactsTable;
  kb: KnowledgeBase;
  store: Store;
  ports: Ports;
  handler: RunningHandler;
  logger: Logger;
  /** Staff's taught answers (undefined on a store without them). */
  taught?: TaughtService;
  /** How the knowledge index was opened (npm start says it in plain words). */
  index: { rebuilt: boolean; saved: boolean; reason?: string };
  /**
   * One question; a fresh session unless userId is given (then follow-ups
   * keep context). `log: false` keeps it out of the question log (staff
   * trying questions in the console are not residents' gaps).
   */
  ask(question: string, opts?: { now?: Date; region?: Region; userId?: string; log?: boolean }): Promise<AskResult>;
  close(): Promise<void>;
}

/** Prefix of registration reference numbers (DTE-000001). */
export const REFERENCE_PREFIX = 'DTE';

export class AppStartError extends Error {
  override name = 'AppStartError';
}

function resolveFromRoot(p: string): string {
  return path.isAbsolute(p) || p === ':memory:' || isPostgresUrl(p) ? p : path.resolve(PROJECT_ROOT, p);
}

/**
 * `answers: false` is for commands that never answer a question (`dte registrations export`): the topic and
 * fact classifiers' example indexes (about 0.5 s) are then not built at start; a question would still build
 * them on first use.
 */
export async function createApp(config: Config, opts: { logger?: Logger; now?: () => Date; answers?: boolean } = {}): Promise<App> {
  const logger = opts.logger ?? createLogger(config.DTE_LOG_LEVEL);
  const docsDir = resolveFromRoot(config.DTE_DOCS_DIR);
  // The checks `npm test` runs over the facts and the notices, before anything is served.
  const checked = loadCheckedFacts(resolveFromRoot(config.DTE_FACTS), docsDir);
  if (!checked.ok) throw new AppStartError(START.factsRefused(checked.problems));
  logger.debug('facts and notices checked', { facts: checked.file.facts.length, notices: checked.notices.length, ms: checked.ms });
  const factsTable = new FactsTable(checked.file);
  // The residents' phrasings are data too: a bad file or an ask for a fact that does not exist refuses the start.
  const language = checkExampleData(new Set(factsTable.all().map((f) => f.id)));
  if (language.length) throw new AppStartError(START.languageRefused(language));
  // Profiles are read with the titles and levels of this facts table (DTE_FACTS), not the shipped one.
  useProfileLanguage(defaultProfileLanguage(), factsTable);
  // The example indexes of the topic and fact classifiers, built now rather than on the first message.
  if (opts.answers !== false) prepareExampleIndexes(factsTable);
  const documents = checked.documents;
  const embeddings = embeddingsFromConfig(config);
  if (!embeddings.ok) throw new AppStartError(embeddings.error);
  const opened = await openKnowledgeBase({
    docsDir,
    indexDir: resolveFromRoot(config.DTE_INDEX_DIR),
    logger,
    embeddings: embeddings.value,
  });
  if (!opened.ok) throw new AppStartError(`knowledge base unavailable: ${opened.error}`);
  const kb = opened.value.knowledgeBase;
  const store = await openStore(resolveFromRoot(config.DTE_DB), { referencePrefix: REFERENCE_PREFIX });
  const now = opts.now ?? clockFrom(config);
  // Drafts, sessions and logged questions are kept for DTE_RETENTION_DAYS: at start, then every hour.
  const purge = async () => {
    const cutoff = new Date(now().getTime() - config.DTE_RETENTION_DAYS * 24 * 60 * 60 * 1000).toISOString();
    const purged = await store.purgeBefore(cutoff);
    if (purged.sessions + purged.questions > 0) logger.info('expired conversation data deleted', { ...purged, retentionDays: config.DTE_RETENTION_DAYS });
  };
  await purge();
  const purgeTimer = setInterval(() => void purge().catch((error: unknown) => logger.error('retention purge failed', { error })), 60 * 60 * 1000);
  purgeTimer.unref();
  // Staff's taught answers (缺口): a snapshot the console refreshes after every teach.
  const taught = await openTaughtAnswers(store, { facts: factsTable, kb, logger });
  // The LLM path (LangChain messages, tools and their schemas, ~25 MB of modules) is loaded only when a model is configured.
  const llm = llmConfigured(config)
    ? (await import('./engine/llm/create-llm-port.js')).createLlmPort(config, { logger, facts: factsTable, kb, now, documents })
    : undefined;
  const ports: Ports = {
    kb,
    facts: factsTable,
    now,
    // Per turn the handler (and ask) replace this with a snapshot of the resident's own registrations.
    registrations: registrationSnapshot('', []),
    llm,
    defaultRegion: config.DTE_DEFAULT_REGION ?? factsTable.defaultRegion,
    documents,
    botName: config.DTE_BOT_NAME,
    taught: taught?.port,
  };
  const handler = createConversationHandler({ ports, store, logger, turn: handleTurn });
  const sqlite = 'sync' in store ? (store as SqliteStore).sync : undefined;

  return {
    config,
    facts: factsTable,
    kb,
    store,
    ports,
    handler,
    logger,
    taught,
    index: { rebuilt: opened.value.rebuilt, saved: opened.value.saved, reason: opened.value.reason },
    async ask(question, o = {}) {
      // On SQLite the resident's registrations are read when the turn first looks at them (the same rows,
      // read synchronously): most questions never do, and the query was a good part of what ask added to
      // the turn. Other stores read them before the turn, as the conversation handler does.
      const lazy = sqlite ? lazyRegistrationSnapshot(sqlite, o.userId ?? 'anon') : undefined;
      const registrations = lazy ?? (await loadRegistrations(store, o.userId ?? 'anon'));
      const p: Ports = { ...ports, registrations, now: o.now ? () => new Date(o.now!.getTime()) : ports.now };
      let session = newSession();
      if (o.region) session.slots.region = o.region;
      if (o.userId) {
        const stored = await store.getSession(`ask:${o.userId}`);
        if (stored) session = stored as typeof session;
      }
      let result: Awaited<ReturnType<typeof handleTurn>>;
      try {
        result = await handleTurn(
          { message: { conversationId: `ask:${o.userId ?? 'anon'}`, userId: o.userId ?? 'anon', text: question, chat: 'private', channel: 'cli' }, session },
          p,
        );
      } catch (error) {
        // A store that cannot be read fails the ask as it did when the registrations were read first.
        if (lazy?.error !== undefined) throw lazy.error;
        // One bad question never stops the caller (the dte stdin loop, the console): a polite answer instead.
        logger.error('ask failed', { error });
        const trace = { route: 'error', tools: [], sources: [], mode: 'offline' as const, confidence: 0 };
        return { question, answer: SYSTEM_ERROR_REPLY, sources: [], tools: [], trace };
      }
      if (lazy?.error !== undefined) throw lazy.error;
      const logged = o.log === false ? [] : result.effects.filter((e) => e.kind === 'log-question');
      if (o.userId) {
        // The session and the question log commit in one transaction, as a channel's turn does.
        await store.commitTurn({ conversationId: `ask:${o.userId}`, userId: o.userId, session: result.session, effects: logged, now: p.now() });
      } else {
        for (const e of logged) {
          const entry = { question: e.question, answered: e.answered, confidence: e.confidence, route: e.route, time: p.now().toISOString() };
          // SQLite writes it synchronously either way: called directly, the row is committed before the answer without a promise per row.
          if (sqlite) sqlite.logQuestion(entry);
          else await store.logQuestion(entry);
        }
      }
      for (const e of result.effects) if (e.kind === 'taught-hit') await ports.taught?.recordHit?.(e.id);
      return { question, answer: result.replies.join('\n'), sources: result.trace.sources, tools: result.trace.tools, trace: result.trace };
    },
    async close() {
      clearInterval(purgeTimer);
      await handler.drain();
      await store.close();
    },
  };
}
