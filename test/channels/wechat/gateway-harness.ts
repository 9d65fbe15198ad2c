/**
 * The WeChat channel as `npm start` builds it (the puppet created by name
 * from config, no injected puppet), pointed at a fake gateway, with its logs,
 * its operator lines and a resident's inbox.
 */
import type { EventEmitter } from 'node:events';
import type { mock } from 'wechaty-puppet-mock';
import { createLogger } from '../../../bot/log.js';
import { createWechatChannel, type WechatChannel, type WechatTuning } from '../../../bot/channels/wechat/mod.js';
import { echoHandler, wechatConfig, type ContactMock, type LogRecord } from './harness.js';

export interface GatewayChannel {
  channel: WechatChannel;
  logs: LogRecord[];
  /** The plain lines npm start would print. */
  lines: string[];
  stop(): Promise<void>;
}

export async function startGatewayChannel(env: Record<string, string>, tuning: Partial<WechatTuning> = {}, statusFile?: string): Promise<GatewayChannel> {
  const logs: LogRecord[] = [];
  const lines: string[] = [];
  const channel = createWechatChannel({
    config: wechatConfig(env),
    handler: echoHandler(),
    logger: createLogger('debug', (line) => logs.push(JSON.parse(line) as LogRecord)),
    tuning: { persistMemory: false, heartbeatTimeoutMs: 0, ...tuning },
    printQrcode: () => {},
    notify: (line) => lines.push(line),
    statusFile,
  });
  await channel.start();
  return { channel, logs, lines, stop: () => channel.stop() };
}

/** What `bot` sent to `contact` privately, as it arrives at the gateway's mock. */
export function inboxAt(contact: ContactMock, bot: ContactMock): string[] {
  const box: string[] = [];
  (contact as unknown as EventEmitter).on('message', (msg: mock.MessageMock) => {
    const p = msg.payload as { talkerId?: string; listenerId?: string; roomId?: string };
    if (p.talkerId === bot.id && p.listenerId === contact.id && !p.roomId) box.push(msg.text() ?? '');
  });
  return box;
}
