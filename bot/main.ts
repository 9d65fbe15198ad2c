/**
 * The composition root of `npm start`: read the config once, build the app,
 * start the staff console, and connect WeChat when a puppet token is set.
 * Without a token it says so (and how to connect) and still serves: the
 * console's chat simulator and, on a terminal, a chat prompt.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from './config.js';
import { createApp } from './app.js';
import { createLogger } from './log.js';
import { START } from '../prompts/start.js';
import { createWechatChannel } from './channels/wechat/wechat-channel.js';
import { createConsoleServer } from './channels/console/console-server.js';

async function main(): Promise<void> {
  const parsed = loadConfig();
  if (!parsed.ok) {
    process.stderr.write(START.badConfig(parsed.message) + '\n');
    process.exitCode = 2;
    return;
  }
  const config = parsed.config;
  const logger = createLogger(config.DTE_LOG_LEVEL);
  const app = await createApp(config, { logger });
  const stops: Array<() => Promise<void>> = [];

  const wechatConfigured = Boolean(config.WECHATY_PUPPET_SERVICE_TOKEN) || config.WECHATY_PUPPET !== 'wechaty-puppet-service';
  const wechat = wechatConfigured ? createWechatChannel({ config, handler: app.handler, logger }) : undefined;
  if (wechat) {
    await wechat.start();
    stops.push(() => wechat.stop());
  } else {
    process.stdout.write(START.wechatNotConnected + '\n');
  }

  if (config.DTE_CONSOLE) {
    const server = createConsoleServer({ app, config, logger, wechatStatus: wechat ? () => wechat.status() : undefined });
    const url = await server.listen();
    process.stdout.write(START.consoleAt(url) + '\n');
    stops.push(() => server.close());
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        logger.error('stop failed', { error });
      }
    }
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  // A terminal user without WeChat can talk to the bot right here.
  if (!wechat && process.stdin.isTTY) {
    process.stdout.write(START.terminalChat + '\n');
    const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: START.prompt });
    rl.prompt();
    rl.on('line', async (line) => {
      if (line.trim()) {
        const r = await app.handler.handle({ conversationId: 'terminal', userId: 'terminal', text: line, chat: 'private', channel: 'cli' });
        process.stdout.write(r.replies.join('\n\n') + '\n');
      }
      rl.prompt();
    });
    rl.on('close', () => void shutdown('stdin closed'));
  }
}

main().catch((error) => {
  process.stderr.write(START.crashed(error instanceof Error ? error.message : String(error)) + '\n');
  process.exitCode = 1;
});
