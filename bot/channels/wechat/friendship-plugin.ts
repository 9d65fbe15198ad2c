/**
 * Friend requests: accepted automatically when configured (and, when a
 * keyword is set, only if the request's hello contains it). The welcome with
 * example questions goes out when WeChat confirms the friendship (a Confirm
 * event: the contact can now receive messages), whoever accepted it, and
 * only once per contact. Some puppets never report the confirmation of an
 * acceptance of ours, so `welcomeFallbackMs` after accepting the welcome goes
 * out anyway. Acceptance and welcome go through the send queue because
 * bursts are what gets personal accounts restricted.
 */
import type { Contact, Friendship, Wechaty } from 'wechaty';
import { types } from 'wechaty';
import type { Logger } from '../../log.js';
import { wechatPrompts } from '../../../prompts/wechat.js';
import type { SendQueue } from './send-queue.js';
import { splitMessage } from './split-message.js';

export interface FriendshipPluginDeps {
  autoAccept: boolean;
  /** When set, the hello must contain it. */
  keyword?: string;
  sendQueue: SendQueue;
  logger: Logger;
  maxMessageChars: number;
  /** Welcome this long after our acceptance when no confirmation came; 0 = only on confirmation. */
  welcomeFallbackMs?: number;
}

/** How many welcomed contact ids are remembered (a bounded set). */
const WELCOMED_CAPACITY = 5_000;

/** A Wechaty plugin `(bot) => uninstall` listening to `friendship`. */
export function createFriendshipPlugin(deps: FriendshipPluginDeps): (bot: Wechaty) => () => void {
  const { logger } = deps;
  const welcomed = new Set<string>();
  const fallbacks = new Map<string, ReturnType<typeof setTimeout>>();

  const welcome = async (contact: Contact, why: 'confirmed' | 'no-confirmation'): Promise<void> => {
    const pending = fallbacks.get(contact.id);
    if (pending) clearTimeout(pending);
    fallbacks.delete(contact.id);
    if (welcomed.has(contact.id)) return;
    welcomed.add(contact.id);
    if (welcomed.size > WELCOMED_CAPACITY) welcomed.delete(welcomed.values().next().value!);
    logger.info('wechat new friend welcomed', { contactId: contact.id, why });
    for (const chunk of splitMessage(wechatPrompts.friendWelcome, deps.maxMessageChars)) {
      await deps.sendQueue.push('friend-welcome', () => contact.say(chunk));
    }
  };

  const onReceive = async (friendship: Friendship): Promise<void> => {
    const contactId = friendship.contact().id;
    if (!deps.autoAccept) {
      logger.info('wechat friend request left for staff', { contactId });
      return;
    }
    if (deps.keyword && !friendship.hello().includes(deps.keyword)) {
      logger.info('wechat friend request ignored: keyword missing', { contactId });
      return;
    }
    const accepted = await deps.sendQueue.push('friend-accept', () => friendship.accept());
    if (!accepted.ok) return;
    logger.info('wechat friend request accepted', { contactId });
    if (deps.welcomeFallbackMs && deps.welcomeFallbackMs > 0 && !welcomed.has(contactId)) {
      const contact = friendship.contact();
      const timer = setTimeout(() => {
        welcome(contact, 'no-confirmation').catch((error: unknown) => logger.error('wechat friend welcome failed', { error }));
      }, deps.welcomeFallbackMs);
      timer.unref?.();
      fallbacks.set(contactId, timer);
    }
  };

  const onFriendship = async (friendship: Friendship): Promise<void> => {
    try {
      const type = friendship.type();
      if (type === types.Friendship.Receive) await onReceive(friendship);
      else if (type === types.Friendship.Confirm) await welcome(friendship.contact(), 'confirmed');
    } catch (error) {
      logger.error('wechat friend request failed', { error });
    }
  };

  return (bot) => {
    bot.on('friendship', onFriendship);
    return () => {
      bot.off('friendship', onFriendship);
      for (const timer of fallbacks.values()) clearTimeout(timer);
      fallbacks.clear();
    };
  };
}
