/**
 * The Wechaty plugin that delivers notifications written to the outbox
 * (bot/store/review-store.ts: staff's review decisions). Every `pollMs`, while
 * the bot is logged in and accepting, it leases a few rows and sends each
 * through the channel's one send queue, so they are paced like every other
 * message and never jump ahead of answers already queued; it leases nothing
 * while that queue is busy. A contact the account cannot find, or a send
 * that fails, is reported to the outbox, which retries later or gives up.
 */
import type { Wechaty } from 'wechaty';
import type { Logger } from '../../log.js';
import type { SendQueue } from './send-queue.js';
import { splitMessage } from './split-message.js';

/** The outbox as this plugin uses it (review-store's OutboxPort fits). */
export interface OutboxLike {
  claim(channel: string, limit: number, leaseMs?: number): Promise<Array<{ id: number; userId: string; text: string }>>;
  sent(id: number): Promise<void>;
  failed(id: number, error: string): Promise<void>;
}

export interface OutboxPluginDeps {
  outbox: OutboxLike;
  sendQueue: SendQueue;
  logger: Logger;
  maxMessageChars: number;
  /** How often the outbox is looked at. */
  pollMs: number;
  /** False while stopping. */
  accepting: () => boolean;
  /** At most this many notifications are leased at a time. */
  batch?: number;
}

/** A Wechaty plugin `(bot) => uninstall`. */
export function createOutboxPlugin(deps: OutboxPluginDeps): (bot: Wechaty) => () => void {
  const { logger } = deps;
  const batch = deps.batch ?? 5;
  return (bot) => {
    let draining = false;
    const drain = async () => {
      if (draining || !deps.accepting() || !bot.isLoggedIn || deps.sendQueue.pending > 0) return;
      draining = true;
      try {
        const messages = await deps.outbox.claim('wechat', batch);
        for (const m of messages) {
          let contact;
          try {
            contact = await bot.Contact.find({ id: m.userId });
          } catch (error) {
            logger.warn('wechat outbox contact lookup failed', { outboxId: m.id, error });
          }
          if (!contact) {
            await deps.outbox.failed(m.id, 'contact not found');
            logger.warn('wechat outbox: contact not found', { outboxId: m.id });
            continue;
          }
          const chunks = splitMessage(m.text, deps.maxMessageChars);
          let ok = true;
          let why = '';
          for (const chunk of chunks) {
            const r = await deps.sendQueue.push('outbox', () => contact.say(chunk));
            if (!r.ok) {
              ok = false;
              why = r.error instanceof Error ? r.error.message : String(r.error);
              break;
            }
          }
          if (ok) {
            await deps.outbox.sent(m.id);
            logger.info('wechat outbox message sent', { outboxId: m.id });
          } else await deps.outbox.failed(m.id, why);
        }
      } catch (error) {
        logger.error('wechat outbox drain failed', { error });
      } finally {
        draining = false;
      }
    };
    const timer = setInterval(() => void drain(), deps.pollMs);
    timer.unref?.();
    return () => clearInterval(timer);
  };
}
