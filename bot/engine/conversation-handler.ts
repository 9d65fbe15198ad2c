/**
 * Runs turns for the channels: one queue per conversation (messages of one
 * conversation are handled in order, different conversations concurrently),
 * the session loaded before and saved after every turn (a crash loses at most
 * the message in hand), the turn's effects applied, and one catch per message
 * that logs and answers politely. Never throws.
 */
import type { Logger } from '../log.js';
import { NEW_REFERENCE, type RegistrationRecord } from '../registration/types.js';
import type { ReviewDecision } from '../staff/review-types.js';
import { registrationSnapshot } from '../store/store-types.js';
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

/**
 * The persistence the handler needs (bot/store implements it, on SQLite or
 * PostgreSQL). Everything is async: what the turn reads is loaded before the
 * pure turn, what it writes is committed after it.
 */
export interface HandlerStore {
  getSession(conversationId: string): Promise<unknown>;
  /** The resident's own registrations, oldest first: the turn's RegistrationLookup is a snapshot of them. */
  listOwn(userId: string): Promise<RegistrationRecord[]>;
  /** Staff's current decision on one of them (shown in 查询我的报名). */
  reviewOf?(reference: string): Promise<ReviewDecision | undefined>;
  /**
   * Apply the turn's effects and save its session in one transaction; returns
   * the reference given to each saved registration, in effect order.
   */
  commitTurn(commit: { conversationId: string; userId: string; session: Session; effects: readonly Effect[]; now: Date }): Promise<{
    saved: Array<{ reference: string }>;
  }>;
}

/** The turn's view of the resident's registrations, loaded before the turn (the form's step function never calls the store). */
export async function loadRegistrations(store: Pick<HandlerStore, 'listOwn' | 'reviewOf'>, userId: string): Promise<Ports['registrations']> {
  const own = await store.listOwn(userId);
  const reviews = new Map<string, ReviewDecision>();
  if (store.reviewOf) {
    for (const r of own) {
      const review = await store.reviewOf(r.reference);
      if (review) reviews.set(r.reference, review);
    }
  }
  return registrationSnapshot(userId, own, reviews);
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
      const session = reviveSession(await store.getSession(message.conversationId));
      const registrations = await loadRegistrations(store, message.userId);
      const result = await turn({ message, session }, { ...ports, registrations });
      const now = ports.now();
      // Nothing is said before it is stored: the replies go out only after the commit succeeded.
      const committed = await store.commitTurn({
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
