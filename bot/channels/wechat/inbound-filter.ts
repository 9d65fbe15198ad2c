/**
 * Which inbound WeChat messages reach the engine. The synchronous checks run
 * the moment a message arrives (so order is kept); the room checks that need
 * the puppet (mention, topic) run inside the conversation's queue.
 */
import type { Message } from 'wechaty';
import { types } from 'wechaty';
import type { SeenIds } from './seen-ids.js';

/** Why a message was dropped, for debug logs and tests. */
export type DropReason =
  | 'duplicate'
  | 'self'
  | 'stale'
  | 'official'
  | 'room-not-allowed'
  | 'not-mentioned';

/** A message worth queueing, with its conversation key already computed. */
export interface Arrival {
  kind: 'arrival';
  conversationId: string;
  userId: string;
  chat: 'private' | 'group';
}

export interface ArrivalCheck {
  seen: SeenIds;
  /** The logged-in bot account: part of every conversation key, so bots sharing a store never share sessions. */
  botId: string;
  /** Messages dated before this are backlog (replayed after a (re)connect). */
  notBefore: Date;
  /** Messages older than this many ms at `now` are stale even after the start. */
  staleAfterMs: number;
  now: Date;
}

/**
 * The synchronous filters, in this order: duplicate id, own message, stale
 * (before `notBefore` or older than `staleAfterMs`), official account.
 * conversationId is `wechat:<botId>:<userId>` privately and
 * `wechat:<botId>:<roomId>:<userId>` in a room: two people in one group never
 * share a conversation, nor one resident talking to two bot accounts. The
 * talker id stays last because the store deletes a user's sessions by the
 * suffix `:<userId>` ("删除我的信息").
 */
export function checkArrival(msg: Message, check: ArrivalCheck): Arrival | { kind: 'drop'; reason: DropReason } {
  if (check.seen.checkAndAdd(msg.id)) return { kind: 'drop', reason: 'duplicate' };
  if (msg.self()) return { kind: 'drop', reason: 'self' };
  const sent = msg.date().getTime();
  if (sent < check.notBefore.getTime() || check.now.getTime() - sent > check.staleAfterMs) {
    return { kind: 'drop', reason: 'stale' };
  }
  const talker = msg.talker();
  if (talker.type() === types.Contact.Official) return { kind: 'drop', reason: 'official' };
  const room = msg.room();
  if (room) {
    return { kind: 'arrival', conversationId: conversationKey(check.botId, talker.id, room.id), userId: talker.id, chat: 'group' };
  }
  return { kind: 'arrival', conversationId: conversationKey(check.botId, talker.id), userId: talker.id, chat: 'private' };
}

/** `wechat:<botId>[:<roomId>]:<talkerId>`, the talker last. */
export function conversationKey(botId: string, talkerId: string, roomId?: string): string {
  return roomId ? `wechat:${botId}:${roomId}:${talkerId}` : `wechat:${botId}:${talkerId}`;
}

/** What to do with a message that passed every filter. */
export type Content = { kind: 'text'; text: string } | { kind: 'empty' } | { kind: 'non-text' };

/**
 * The room filters (allow-list by topic or id, must @-mention the bot), then
 * the content: text (with the @mention stripped in rooms), an empty mention,
 * or a non-text message. Wechaty only reports mentions on text messages, so a
 * non-text group message never passes: it is never answered.
 */
export async function readContent(
  msg: Message,
  roomAllowlist: readonly string[],
): Promise<Content | { kind: 'drop'; reason: DropReason }> {
  const room = msg.room();
  if (room) {
    if (roomAllowlist.length > 0 && !roomAllowlist.includes(room.id)) {
      const topic = await room.topic();
      if (!roomAllowlist.includes(topic)) return { kind: 'drop', reason: 'room-not-allowed' };
    }
    if (!(await msg.mentionSelf())) return { kind: 'drop', reason: 'not-mentioned' };
  }
  if (msg.type() !== types.Message.Text) return { kind: 'non-text' };
  const text = (room ? await msg.mentionText() : msg.text()).trim();
  return text === '' ? { kind: 'empty' } : { kind: 'text', text };
}
