/**
 * The Wechaty plugin that turns inbound messages into engine turns and the
 * engine's replies into paced WeChat messages. No policy lives here: what to
 * answer is the engine's business; this file only filters, orders, limits,
 * splits and sends.
 */
import type { Contact, Message, Room, Wechaty } from 'wechaty';
import type { ConversationHandler, InboundMessage } from '../../engine/types.js';
import type { Logger } from '../../log.js';
import { wechatPrompts } from '../../../prompts/wechat.js';
import type { ConversationQueue } from './conversation-queue.js';
import { checkArrival, readContent } from './inbound-filter.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SeenIds } from './seen-ids.js';
import type { SendQueue } from './send-queue.js';
import { splitMessage } from './split-message.js';

/** Room replies start with "@name "; keep the whole message near the configured size. */
const MENTION_ALLOWANCE = 20;

export interface MessagePluginDeps {
  handler: ConversationHandler;
  logger: Logger;
  clock: () => Date;
  conversations: ConversationQueue;
  sendQueue: SendQueue;
  limiter: RateLimiter;
  seen: SeenIds;
  /** The logged-in bot account's id (conversation keys carry it). */
  botId: () => string;
  roomAllowlist: readonly string[];
  maxMessageChars: number;
  handlerTimeoutMs: number;
  staleAfterMs: number;
  /** Messages dated before this are backlog and dropped. */
  notBefore: () => Date;
  /** False while stopping: new messages are dropped, messages in hand finish. */
  accepting: () => boolean;
  /** Called for each inbound message: the puppet is evidently alive. */
  alive: () => void;
}

/** Where replies of one message go. */
interface ReplyTarget {
  talker: Contact;
  room?: Room;
}

type HandlerOutcome = { ok: true; value: string[] } | { ok: false; error: unknown };

/**
 * A Wechaty plugin `(bot) => uninstall` listening to `message`. Every inbound
 * message is handled in its conversation's queue; one that fails is logged
 * and answered with a polite fixed reply, and the bot carries on.
 */
export function createMessagePlugin(deps: MessagePluginDeps): (bot: Wechaty) => () => void {
  const { logger } = deps;

  const send = async (target: ReplyTarget, replies: readonly string[]): Promise<void> => {
    const max = target.room ? Math.max(50, deps.maxMessageChars - MENTION_ALLOWANCE) : deps.maxMessageChars;
    const chunks = replies.flatMap((r) => splitMessage(r, max));
    // All chunks are queued at once: the send queue is FIFO, so they go out in order.
    const results = chunks.map((chunk, i) =>
      deps.sendQueue.push('reply', async () => {
        if (target.room) {
          if (i === 0) await target.room.say(chunk, target.talker);
          else await target.room.say(chunk);
        } else {
          await target.talker.say(chunk);
        }
      }),
    );
    await Promise.all(results);
  };

  const callHandler = async (inbound: InboundMessage): Promise<HandlerOutcome> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<HandlerOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, error: new Error(`handler gave no answer within ${deps.handlerTimeoutMs} ms`) }),
        deps.handlerTimeoutMs,
      );
    });
    const answer = (async (): Promise<HandlerOutcome> => {
      try {
        const result = await deps.handler.handle(inbound);
        const replies = Array.isArray(result?.replies)
          ? result.replies.filter((r): r is string => typeof r === 'string' && r.trim() !== '')
          : [];
        return { ok: true, value: replies };
      } catch (error) {
        return { ok: false, error };
      }
    })();
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const handleOne = async (msg: Message, inbound: Omit<InboundMessage, 'text'>): Promise<void> => {
    const content = await readContent(msg, deps.roomAllowlist);
    if (content.kind === 'drop') {
      logger.debug('wechat message dropped', { reason: content.reason, messageId: msg.id });
      return;
    }
    const talker = msg.talker();
    const room = msg.room();
    const target: ReplyTarget = room ? { talker, room } : { talker };

    const rate = deps.limiter.check(inbound.userId);
    if (rate === 'silent') {
      logger.debug('wechat message dropped', { reason: 'rate-limited', messageId: msg.id });
      return;
    }
    if (rate === 'notice') {
      logger.info('wechat user over rate limit', { userId: inbound.userId });
      await send(target, [wechatPrompts.rateLimited]);
      return;
    }
    if (content.kind === 'non-text') {
      await send(target, [wechatPrompts.nonText]);
      return;
    }
    if (content.kind === 'empty') {
      if (inbound.chat === 'group') await send(target, [wechatPrompts.emptyMention]);
      return;
    }

    const outcome = await callHandler({ ...inbound, text: content.text });
    if (!outcome.ok) {
      logger.error('wechat handler failed', {
        conversationId: inbound.conversationId,
        messageId: msg.id,
        error: outcome.error,
      });
      await send(target, [wechatPrompts.handlerFailed]);
      return;
    }
    await send(target, outcome.value);
  };

  const onMessage = (msg: Message): void => {
    try {
      deps.alive();
      if (!deps.accepting()) {
        logger.debug('wechat message dropped', { reason: 'stopping', messageId: msg.id });
        return;
      }
      const arrival = checkArrival(msg, {
        seen: deps.seen,
        botId: botIdOf(msg, deps.botId),
        notBefore: deps.notBefore(),
        staleAfterMs: deps.staleAfterMs,
        now: deps.clock(),
      });
      if (arrival.kind === 'drop') {
        logger.debug('wechat message dropped', { reason: arrival.reason, messageId: msg.id });
        return;
      }
      const inbound = {
        conversationId: arrival.conversationId,
        userId: arrival.userId,
        chat: arrival.chat,
        channel: 'wechat' as const,
      };
      void deps.conversations.run(arrival.conversationId, () => handleOne(msg, inbound));
    } catch (error) {
      logger.error('wechat message could not be read', { messageId: safeId(msg), error });
    }
  };

  return (bot) => {
    bot.on('message', onMessage);
    return () => {
      bot.off('message', onMessage);
    };
  };
}

/** The account that received `msg`: the channel's logged-in id, else the message's own bot. */
function botIdOf(msg: Message, known: () => string): string {
  const id = known();
  if (id !== 'unknown') return id;
  try {
    return msg.wechaty.currentUser.id;
  } catch {
    return id;
  }
}

function safeId(msg: Message): string | undefined {
  try {
    return msg.id;
  } catch {
    return undefined;
  }
}
