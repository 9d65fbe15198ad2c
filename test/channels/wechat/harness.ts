/**
 * A real Wechaty bot on wechaty-puppet-mock, wired to the WeChat channel,
 * with helpers to talk to it as residents and to read what it sent back.
 * Offline: the mock puppet never touches the network.
 */
import { EventEmitter } from 'node:events';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { parseConfig } from '../../../bot/config.js';
import type { ConversationHandler, InboundMessage } from '../../../bot/engine/types.js';
import { createLogger } from '../../../bot/log.js';
import {
  createWechatChannel,
  type WechatChannel,
  type WechatConfig,
  type WechatTuning,
  type OutboxLike,
} from '../../../bot/channels/wechat/mod.js';

export type ContactMock = ReturnType<mock.Mocker['createContact']>;
export type RoomMock = ReturnType<mock.Mocker['createRoom']>;
export type MessageMock = mock.MessageMock;

export interface LogRecord {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** A valid channel config from env-style strings, as the composition root would build it. */
export function wechatConfig(env: Record<string, string> = {}): WechatConfig {
  const parsed = parseConfig({ DTE_SEND_INTERVAL_MS: '0', ...env });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.config;
}

/** A handler that records what it got and echoes it back. */
export function echoHandler(
  reply: (m: InboundMessage) => string[] | Promise<string[]> = (m) => [`答：${m.text}`],
): ConversationHandler & { seen: InboundMessage[] } {
  const seen: InboundMessage[] = [];
  return {
    seen,
    async handle(message) {
      seen.push(message);
      return { replies: await reply(message) };
    },
  };
}

/** Poll `predicate` every few ms; fail after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Harness {
  mocker: mock.Mocker;
  puppet: PuppetMock;
  channel: WechatChannel;
  botUser: ContactMock;
  logs: LogRecord[];
  /** Texts the bot sent to `contact` in a private chat, in order. */
  inbox(contact: ContactMock): string[];
  /** Texts the bot sent in `room`, in order. */
  roomInbox(room: RoomMock): string[];
  /** A message from `from` to the bot, like a resident typing it. */
  say(from: ContactMock, text: string): void;
  /** Resolves once the channel logged that it dropped a message for `reason`. */
  dropped(reason: string, count?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  handler?: ConversationHandler;
  tuning?: Partial<WechatTuning>;
  clock?: () => Date;
  puppet?: PuppetMock;
  mocker?: mock.Mocker;
  login?: boolean;
  printQrcode?: (text: string) => void;
  /** The bot's own WeChat account (id and name); a generated id and DTE助手 by default. */
  botAccount?: { id?: string; name?: string };
  /** Staff's notifications to deliver (bot/store/review-store.ts's outbox). */
  outbox?: OutboxLike;
}

/** Start a channel on a fresh mock puppet and log the bot account in. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const mocker = options.mocker ?? new mock.Mocker();
  const puppet = options.puppet ?? new PuppetMock({ mocker });
  const logs: LogRecord[] = [];
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as LogRecord));
  const channel = createWechatChannel({
    config: wechatConfig(options.env),
    handler: options.handler ?? echoHandler(),
    logger,
    puppet,
    clock: options.clock,
    tuning: { persistMemory: false, heartbeatTimeoutMs: 0, ...options.tuning },
    printQrcode: options.printQrcode ?? (() => {}),
    outbox: options.outbox,
  });
  await channel.start();
  const botUser = mocker.createContact({ name: 'DTE助手', ...options.botAccount });
  if (options.login !== false) {
    mocker.login(botUser);
    await waitFor(() => channel.status().state === 'logged-in', 3000, 'login');
  }

  const sent = new Map<string, string[]>();
  const watched = new Set<string>();
  const watch = (target: ContactMock | RoomMock, key: string) => {
    if (watched.has(key)) return;
    watched.add(key);
    sent.set(key, []);
    (target as unknown as EventEmitter).on('message', (msg: MessageMock) => {
      const p = msg.payload;
      if (p.talkerId !== botUser.id) return;
      if (key.startsWith('contact:') && ('roomId' in p && p.roomId)) return;
      if (key.startsWith('contact:') && 'listenerId' in p && p.listenerId !== target.id) return;
      sent.get(key)!.push(msg.text() ?? '');
    });
  };

  return {
    mocker,
    puppet,
    channel,
    botUser,
    logs,
    inbox(contact) {
      watch(contact, `contact:${contact.id}`);
      return sent.get(`contact:${contact.id}`)!;
    },
    roomInbox(room) {
      watch(room, `room:${room.id}`);
      return sent.get(`room:${room.id}`)!;
    },
    say(from, text) {
      from.say(text).to(botUser);
    },
    async dropped(reason, count = 1) {
      await waitFor(
        () => logs.filter((l) => l.msg === 'wechat message dropped' && l.reason === reason).length >= count,
        3000,
        `a message dropped for ${reason}`,
      );
    },
    async stop() {
      await channel.stop();
    },
  };
}

export { EventEmitter };
