/**
 * The composition root of `npm start`: read the config once, log to daily
 * files (the terminal gets only plain Chinese lines and, without WeChat, the
 * chat itself), build the app, start the staff console (a busy port stops
 * everything with a message naming DTE_CONSOLE_PORT), then connect WeChat
 * when it is configured, mirroring its connection status to a file for
 * `dte status`. A stop signal drains the send queue before the puppet stops.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from './config.js';
import { createApp, PROJECT_ROOT } from './app.js';
import { createFileLogger } from './log.js';
import { START } from '../prompts/start.js';
// wechaty (~100 MB of modules) is imported only when WeChat is configured: see the dynamic import below.
import { wechatConfigured } from './channels/wechat/puppet-options.js';
import type { WechatChannel } from './channels/wechat/mod.js';
import { createConsoleServer } from './channels/console/console-server.js';

const say = (line: string) => void process.stdout.write(line + '\n');
const resolve = (p: string) => (path.isAbsolute(p) ? p : path.resolve(PROJECT_ROOT, p));

async function main(): Promise<void> {
  const parsed = loadConfig();
  if (!parsed.ok) {
    process.stderr.write(START.badConfig(parsed.message) + '\n');
    process.exitCode = 2;
    return;
  }
  const config = parsed.config;
  const logger = createFileLogger({
    level: config.DTE_LOG_LEVEL,
    dir: resolve(config.DTE_LOG_DIR),
    retainDays: config.DTE_LOG_DAYS,
    tee: config.DTE_LOG_STDERR ? (line) => void process.stderr.write(line + '\n') : undefined,
  });
  say(START.logFile(path.relative(process.cwd(), logger.file()) || logger.file()));

  const indexExisted = existsSync(path.join(resolve(config.DTE_INDEX_DIR), 'manifest.json'));
  const app = await createApp(config, { logger });
  const chunks = app.kb.chunks().length;
  if (!app.index.rebuilt) say(START.indexLoaded(chunks));
  else say(indexExisted ? START.indexRebuilt(chunks) : START.indexBuiltFirst(chunks));
  if (app.index.rebuilt && !app.index.saved) say(START.indexNotSaved);

  const stops: Array<() => Promise<void>> = [];
  let wechat: WechatChannel | undefined;
  // Staff decisions and their notifications: stamped with the real clock (never DTE_NOW), shared by the console and WeChat.
  const realNow = () => new Date();
  const audit = app.store.auditStore({ now: realNow });
  const reviews = app.store.reviewStore({ now: realNow });

  // The console first: a busy port ends the start before WeChat connects.
  if (config.DTE_CONSOLE) {
    const server = createConsoleServer({ app, config, logger, realNow, audit, reviews, wechatStatus: wechatConfigured(config) ? () => wechat!.status() : undefined });
    try {
      say(START.consoleAt(await server.listen()));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      logger.error('console could not listen', { host: config.DTE_CONSOLE_HOST, port: config.DTE_CONSOLE_PORT, error });
      if (code === 'EADDRINUSE') process.stderr.write(START.portInUse(config.DTE_CONSOLE_PORT, config.DTE_CONSOLE_HOST) + '\n');
      else if (code === 'EACCES') process.stderr.write(START.portDenied(config.DTE_CONSOLE_PORT) + '\n');
      else process.stderr.write(START.crashed((error as Error).message) + '\n');
      await server.close().catch(() => {});
      await app.close();
      logger.close();
      process.exit(1);
    }
    stops.push(() => server.close());
  }

  const statusFile = resolve(config.DTE_STATUS_FILE);
  if (wechatConfigured(config)) {
    const { createWechatChannel } = await import('./channels/wechat/mod.js');
    const channel = createWechatChannel({ config, handler: app.handler, logger, notify: say, statusFile, outbox: reviews.outbox });
    wechat = channel;
    stops.push(() => channel.stop());
    await channel.start();
  } else {
    // A status left by an earlier run would make `dte status` report a connection that is not there.
    rmSync(statusFile, { force: true });
    say(START.wechatNotConnected(Boolean(process.stdin.isTTY)));
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    if (wechat) say(START.stopping);
    // WeChat stops first (its send queue drains), then the console.
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        logger.error('stop failed', { error });
      }
    }
    await app.close();
    say(START.stopped);
    logger.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  // A terminal user without WeChat can talk to the bot right here.
  if (!wechat && process.stdin.isTTY) {
    say(START.terminalChat);
    const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: START.prompt });
    rl.prompt();
    rl.on('line', async (line) => {
      if (line.trim()) {
        const r = await app.handler.handle({ conversationId: 'terminal', userId: 'terminal', text: line, chat: 'private', channel: 'cli' });
        say(r.replies.join('\n\n'));
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
