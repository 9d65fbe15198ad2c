/**
 * Friend requests: accepted automatically when configured (and, when a
 * keyword is set, only if the request's hello contains it), then welcomed
 * with example questions. Acceptance goes through the send queue because
 * bursts of acceptances are what gets personal accounts restricted.
 */
import type { Friendship, Wechaty } from 'wechaty';
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
}

/** A Wechaty plugin `(bot) => uninstall` listening to `friendship`. */
export function createFriendshipPlugin(deps: FriendshipPluginDeps): (bot: Wechaty) => () => void {
  const { logger } = deps;

  const onFriendship = async (friendship: Friendship): Promise<void> => {
    try {
      if (friendship.type() !== types.Friendship.Receive) return;
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
      const contact = friendship.contact();
      for (const chunk of splitMessage(wechatPrompts.friendWelcome, deps.maxMessageChars)) {
        await deps.sendQueue.push('friend-welcome', () => contact.say(chunk));
      }
    } catch (error) {
      logger.error('wechat friend request failed', { error });
    }
  };

  return (bot) => {
    bot.on('friendship', onFriendship);
    return () => {
      bot.off('friendship', onFriendship);
    };
  };
}
