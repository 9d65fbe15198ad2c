/**
 * Runs turns for the channels: one queue per conversation (messages of one
 * conversation are handled in order, different conversations concurrently),
 * the session loaded before and saved after every turn (a crash loses at most
 * the message in hand), the turn's effects applied, and one catch per message
 * that logs and answers politely. Never throws.
 */
import type { Logger } from '../log.js';
import { NEW_REFERENCE } from '../registration/types.js';
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
  /**
   * Apply the turn's effects and save its session in one transaction; returns
   * the reference given to each saved registration, in effect order.
   */
  commitTurn(commit: { conversationId: string; userId: string; session: Session; effects: readonly Effect[]; now: Date }): {
    saved: Array<{ reference: string }>;
  };
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

/** The replies with the reference the store assigned in place of NEW_REFERENCE. */
export function withReferences(replies: readonly string[], saved: ReadonlyArray<{ reference: string }>): string[] {
  const reference = saved[0]?.reference;
  return reference ? replies.map((r) => r.split(NEW_REFERENCE).join(reference)) : [...replies];
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

  const run = async (message: InboundMessage): Promise<{ replies: string[]; trace?: Trace }> => {
    try {
      const session = reviveSession(store.getSession(message.conversationId));
      const result = await turn({ message, session }, ports);
      const now = ports.now();
      // Nothing is said before it is stored: the replies go out only after the commit succeeded.
      const committed = store.commitTurn({
        conversationId: message.conversationId,
        userId: message.userId,
        session: { ...result.session, lastSeen: now.toISOString() },
        effects: result.effects,
        now,
      });
      logEffects(result.effects, committed.saved, message);
      // A taught answer's hit count is bookkeeping, not the resident's data: recorded after the commit, never failing the turn.
      for (const e of result.effects) if (e.kind === 'taught-hit') void ports.taught?.recordHit?.(e.id).catch((error: unknown) => logger.warn('taught hit not recorded', { id: e.id, error }));
      return { replies: withReferences(result.replies, committed.saved), trace: result.trace };
    } catch (error) {
      logger.error('turn failed', { conversation: message.conversationId, channel: message.channel, error });
      return { replies: [SYSTEM_ERROR_REPLY] };
    }
  };

  const logEffects = (effects: readonly Effect[], saved: ReadonlyArray<{ reference: string }>, message: InboundMessage) => {
    let i = 0;
    for (const e of effects) {
      if (e.kind === 'save-registration') {
        logger.info('registration saved', { reference: saved[i++]?.reference, status: e.record.status, conversation: message.conversationId });
      } else if (e.kind === 'delete-personal-data') {
        logger.info('personal data deleted', { conversation: message.conversationId });
      }
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
