/**
 * Runs turns for the channels: one queue per conversation (messages of one
 * conversation are handled in order, different conversations concurrently),
 * the session loaded before and saved after every turn (a crash loses at most
 * the message in hand), the turn's effects applied, and one catch per message
 * that logs and answers politely. Never throws.
 */
import type { Logger } from '../log.js';
import type { RegistrationRecord } from '../registration/types.js';
import { SYSTEM_ERROR_REPLY } from '../../prompts/answers.js';
import {
  newSession,
  SESSION_VERSION,
  type ConversationHandler,
  type Effect,
  type InboundMessage,
  type Ports,
  type Session,
  type Trace,
  type TurnResult,
} from './types.js';

/** The persistence the handler needs (bot/store implements it). */
export interface HandlerStore {
  getSession(conversationId: string): unknown;
  saveSession(conversationId: string, session: Session, options?: { userId?: string }): void;
  upsertRegistration(record: RegistrationRecord): unknown;
  deletePersonalData(userId: string): unknown;
  logQuestion(entry: { question: string; answered: boolean; confidence: number; route: string; time: string }): void;
}

export type TurnFn = (input: { message: InboundMessage; session: Session }, ports: Ports) => Promise<TurnResult>;

export interface ConversationHandlerOptions {
  ports: Ports;
  store: HandlerStore;
  logger: Logger;
  turn: TurnFn;
}

export interface RunningHandler extends ConversationHandler {
  /** Resolves when every message accepted so far has been handled. */
  drain(): Promise<void>;
}

/** A session from storage, or a fresh one when it is missing or of another version. */
export function reviveSession(raw: unknown): Session {
  if (raw && typeof raw === 'object' && (raw as { version?: unknown }).version === SESSION_VERSION) {
    const s = raw as Session;
    if (s.slots && typeof s.slots === 'object') return s;
  }
  return newSession();
}

export function createConversationHandler(opts: ConversationHandlerOptions): RunningHandler {
  const { ports, store, logger, turn } = opts;
  const queues = new Map<string, Promise<unknown>>();

  const applyEffects = (effects: Effect[], message: InboundMessage) => {
    for (const e of effects) {
      switch (e.kind) {
        case 'save-registration':
          store.upsertRegistration(e.record);
          logger.info('registration saved', { reference: e.record.reference, status: e.record.status, conversation: message.conversationId });
          break;
        case 'delete-personal-data':
          store.deletePersonalData(e.userId);
          logger.info('personal data deleted', { conversation: message.conversationId });
          break;
        case 'log-question':
          store.logQuestion({ question: e.question, answered: e.answered, confidence: e.confidence, route: e.route, time: ports.now().toISOString() });
          break;
      }
    }
  };

  const run = async (message: InboundMessage): Promise<{ replies: string[]; trace?: Trace }> => {
    try {
      const session = reviveSession(store.getSession(message.conversationId));
      const result = await turn({ message, session }, ports);
      applyEffects(result.effects, message);
      store.saveSession(message.conversationId, { ...result.session, lastSeen: ports.now().toISOString() }, { userId: message.userId });
      return { replies: result.replies, trace: result.trace };
    } catch (error) {
      logger.error('turn failed', { conversation: message.conversationId, channel: message.channel, error });
      return { replies: [SYSTEM_ERROR_REPLY] };
    }
  };

  return {
    handle(message) {
      const previous = queues.get(message.conversationId) ?? Promise.resolve();
      const next = previous.then(() => run(message));
      const tail = next.catch(() => undefined);
      queues.set(message.conversationId, tail);
      void tail.then(() => {
        if (queues.get(message.conversationId) === tail) queues.delete(message.conversationId);
      });
      return next;
    },
    async drain() {
      while (queues.size > 0) await Promise.all([...queues.values()]);
    },
  };
}
