/**
 * The WeChat channel: builds a Wechaty bot on a puppet, installs the message
 * and friendship plugins, keeps the connection alive (reconnect with
 * exponential backoff, heartbeat watchdog) and reports its status to the
 * staff console. It holds no policy: the engine answers through
 * `ConversationHandler`.
 */
import { ScanStatus, WechatyBuilder } from 'wechaty';
import type { Wechaty } from 'wechaty';
import type { PuppetInterface } from 'wechaty-puppet/impls';
import type { ConversationHandler } from '../../engine/types.js';
import type { Logger } from '../../log.js';
import { createConversationQueue } from './conversation-queue.js';
import { createFriendshipPlugin } from './friendship-plugin.js';
import { createMessagePlugin } from './message-plugin.js';
import { puppetSpecFrom, type WechatConfig } from './puppet-options.js';
import { qrcodeUrl, renderQrcodeForTerminal } from './qrcode.js';
import { createRateLimiter } from './rate-limiter.js';
import { createSeenIds } from './seen-ids.js';
import { createSendQueue } from './send-queue.js';

/** What the staff console shows about the WeChat link. */
export interface WechatStatus {
  state: 'disconnected' | 'waiting-scan' | 'logged-in' | 'logged-out';
  /** Display name of the logged-in bot account. */
  user?: string;
  /** Open it to scan the login QR code (only while waiting for a scan). */
  qrcodeUrl?: string;
  /** ISO time of the last sign of life from the puppet. */
  lastHeartbeat?: string;
  /** ISO time `start()` was called. */
  startedAt: string;
}

/** Operational knobs with safe defaults; tests shorten them. */
export interface WechatTuning {
  /** A handler that has not answered by then gets the polite fallback. */
  handlerTimeoutMs: number;
  /** `stop()` waits at most this long for messages in hand. */
  stopTimeoutMs: number;
  /** No sign of life for this long restarts the puppet; 0 disables the watchdog. */
  heartbeatTimeoutMs: number;
  /** First reconnect delay, doubled after each failure up to `backoffMaxMs`. */
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Messages older than this when they arrive are not answered. */
  staleAfterMs: number;
  /** Clock difference tolerated between the puppet and us for "sent before start". */
  startSkewMs: number;
  /** How many message ids are remembered to drop duplicates. */
  seenCapacity: number;
  /** Keep Wechaty's memory card on disk (`<DTE_BOT_NAME>.memory-card.json`); off in tests. */
  persistMemory: boolean;
}

export const DEFAULT_WECHAT_TUNING: WechatTuning = {
  handlerTimeoutMs: 60_000,
  stopTimeoutMs: 10_000,
  heartbeatTimeoutMs: 180_000,
  backoffInitialMs: 1_000,
  backoffMaxMs: 300_000,
  staleAfterMs: 180_000,
  startSkewMs: 5_000,
  seenCapacity: 5_000,
  persistMemory: true,
};

export interface WechatChannelOptions {
  config: WechatConfig;
  handler: ConversationHandler;
  logger: Logger;
  /** The real-time clock (not a fixed DTE_NOW: message times come from WeChat's servers). */
  clock?: () => Date;
  /** A ready puppet instance (tests: `new PuppetMock({ mocker })`); otherwise created by name from config. */
  puppet?: PuppetInterface;
  tuning?: Partial<WechatTuning>;
  /** Where the terminal QR code is printed; defaults to stderr. */
  printQrcode?: (text: string) => void;
}

export interface WechatChannel {
  /** Starts the bot; a failed start is logged and retried with backoff, never thrown. */
  start(): Promise<void>;
  /** Stops accepting, waits (bounded) for messages in hand, then stops the puppet. */
  stop(): Promise<void>;
  /** A snapshot of the link state. */
  status(): WechatStatus;
}

/** Create the WeChat channel. Nothing connects until `start()`. */
export function createWechatChannel(options: WechatChannelOptions): WechatChannel {
  const { config, handler } = options;
  const logger = options.logger.child({ channel: 'wechat' });
  const clock = options.clock ?? (() => new Date());
  const tuning: WechatTuning = { ...DEFAULT_WECHAT_TUNING, ...options.tuning };
  const printQrcode = options.printQrcode ?? ((text: string) => void process.stderr.write(text + '\n'));

  let status: WechatStatus = { state: 'disconnected', startedAt: clock().toISOString() };
  let bot: Wechaty | undefined;
  let uninstallers: Array<() => void> = [];
  let running = false;
  let accepting = false;
  let startedAt = clock();
  let lastAlive = clock().getTime();
  let restarting = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdogTimer: ReturnType<typeof setInterval> | undefined;
  let dinged = false;

  const sendQueue = createSendQueue({
    intervalMs: config.DTE_SEND_INTERVAL_MS,
    clock,
    onError: (label, error) => logger.error('wechat send failed', { action: label, error }),
  });
  const conversations = createConversationQueue((conversationId, error) =>
    logger.error('wechat message failed', { conversationId, error }),
  );
  const limiter = createRateLimiter({ perMinute: config.DTE_USER_RATE_PER_MINUTE, clock });
  const seen = createSeenIds(tuning.seenCapacity);

  const alive = () => {
    lastAlive = clock().getTime();
    dinged = false;
    status = { ...status, lastHeartbeat: new Date(lastAlive).toISOString() };
  };

  const messagePlugin = createMessagePlugin({
    handler,
    logger,
    clock,
    conversations,
    sendQueue,
    limiter,
    seen,
    roomAllowlist: config.DTE_ROOM_ALLOWLIST,
    maxMessageChars: config.DTE_MAX_MESSAGE_CHARS,
    handlerTimeoutMs: tuning.handlerTimeoutMs,
    staleAfterMs: tuning.staleAfterMs,
    notBefore: () => new Date(startedAt.getTime() - tuning.startSkewMs),
    accepting: () => accepting,
    alive,
  });
  const friendshipPlugin = createFriendshipPlugin({
    autoAccept: config.DTE_FRIEND_AUTO_ACCEPT,
    keyword: config.DTE_FRIEND_KEYWORD,
    sendQueue,
    logger,
    maxMessageChars: config.DTE_MAX_MESSAGE_CHARS,
  });

  /** The one error funnel for Wechaty and puppet errors. */
  const reportError = (where: string, error: unknown) => logger.error(`wechat ${where} error`, { error });

  const lifecyclePlugin = (b: Wechaty): (() => void) => {
    const onScan = (qrcode: string, scanStatus: ScanStatus) => {
      alive();
      if (scanStatus === ScanStatus.Waiting || scanStatus === ScanStatus.Timeout) {
        const url = qrcodeUrl(qrcode);
        status = { ...status, state: 'waiting-scan', qrcodeUrl: url };
        delete status.user;
        logger.info('wechat waiting for QR code scan', { url });
        void renderQrcodeForTerminal(qrcode)
          .then((drawing) => drawing && printQrcode(drawing))
          .catch((error: unknown) => reportError('qrcode', error));
      } else {
        logger.info('wechat scan status', { scanStatus: ScanStatus[scanStatus] });
      }
    };
    const onLogin = (user: { name(): string }) => {
      alive();
      status = { ...status, state: 'logged-in', user: user.name() };
      delete status.qrcodeUrl;
      logger.info('wechat logged in', { user: user.name() });
    };
    const onLogout = (user: { name(): string }, reason?: string) => {
      status = { ...status, state: 'logged-out' };
      logger.warn('wechat logged out', { user: user.name(), reason });
    };
    const onHeartbeat = () => alive();
    const onError = (error: unknown) => reportError('puppet', error);
    const onRoomInvite = (invitation: { id: string }) =>
      logger.info('wechat room invitation received; not accepted automatically', { invitationId: invitation.id });
    b.on('scan', onScan);
    b.on('login', onLogin);
    b.on('logout', onLogout);
    b.on('heartbeat', onHeartbeat);
    b.on('dong', onHeartbeat);
    b.on('error', onError);
    b.on('room-invite', onRoomInvite);
    return () => {
      b.off('scan', onScan);
      b.off('login', onLogin);
      b.off('logout', onLogout);
      b.off('heartbeat', onHeartbeat);
      b.off('dong', onHeartbeat);
      b.off('error', onError);
      b.off('room-invite', onRoomInvite);
    };
  };

  const buildBot = (): Wechaty => {
    const name = tuning.persistMemory ? config.DTE_BOT_NAME : undefined;
    if (options.puppet) return WechatyBuilder.build({ name, puppet: options.puppet });
    const spec = puppetSpecFrom(config);
    // The name is resolved by Wechaty with a dynamic import; any installed puppet works.
    return WechatyBuilder.build({ name, puppet: spec.name as 'wechaty-puppet-service', puppetOptions: spec.options });
  };

  /** One start attempt; false when Wechaty or the puppet did not come up. */
  const attempt = async (b: Wechaty): Promise<boolean> => {
    try {
      await b.start();
    } catch (error) {
      reportError('start', error);
      return false;
    }
    // Wechaty swallows a failed puppet start (it emits `error`), so ask the puppet.
    try {
      return b.puppet.state.active() === true;
    } catch (error) {
      reportError('start', error);
      return false;
    }
  };

  const scheduleRetry = () => {
    failures++;
    const delay = Math.min(tuning.backoffMaxMs, tuning.backoffInitialMs * 2 ** (failures - 1));
    logger.warn('wechat reconnect scheduled', { attempt: failures, delayMs: delay });
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void restart('retry');
    }, delay);
  };

  const restart = async (reason: string): Promise<void> => {
    const b = bot;
    if (!b || !running || restarting) return;
    restarting = true;
    try {
      logger.warn('wechat restarting puppet', { reason });
      status = { ...status, state: 'disconnected' };
      delete status.qrcodeUrl;
      try {
        await b.stop();
      } catch (error) {
        reportError('stop', error);
      }
      if (!running) return;
      const ok = await attempt(b);
      if (!running) return;
      if (ok) {
        failures = 0;
        alive();
        logger.info('wechat puppet restarted');
      } else {
        scheduleRetry();
      }
    } finally {
      restarting = false;
    }
  };

  const checkHeartbeat = () => {
    if (!running || restarting || retryTimer || !bot) return;
    const quiet = clock().getTime() - lastAlive;
    if (quiet > tuning.heartbeatTimeoutMs) {
      void restart(`no heartbeat for ${quiet} ms`);
    } else if (quiet > tuning.heartbeatTimeoutMs / 2 && !dinged) {
      // Ask for a sign of life before declaring the puppet dead.
      dinged = true;
      try {
        bot.ding('dte-watchdog');
      } catch (error) {
        reportError('ding', error);
      }
    }
  };

  return {
    async start() {
      if (running) return;
      running = true;
      accepting = true;
      startedAt = clock();
      lastAlive = startedAt.getTime();
      failures = 0;
      status = { state: 'disconnected', startedAt: startedAt.toISOString() };
      const b = buildBot();
      bot = b;
      uninstallers = [lifecyclePlugin(b), messagePlugin(b), friendshipPlugin(b)];
      logger.info('wechat starting', { puppet: options.puppet ? 'injected' : config.WECHATY_PUPPET });
      const ok = await attempt(b);
      if (!running) return;
      if (ok) alive();
      else scheduleRetry();
      if (tuning.heartbeatTimeoutMs > 0) {
        const every = Math.max(10, Math.min(30_000, Math.floor(tuning.heartbeatTimeoutMs / 4)));
        watchdogTimer = setInterval(checkHeartbeat, every);
      }
    },

    async stop() {
      if (!running) return;
      accepting = false;
      if (retryTimer) clearTimeout(retryTimer);
      if (watchdogTimer) clearInterval(watchdogTimer);
      retryTimer = undefined;
      watchdogTimer = undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const drained = (async () => {
        await conversations.idle();
        await sendQueue.idle();
        return true;
      })();
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), tuning.stopTimeoutMs);
      });
      const complete = await Promise.race([drained, timedOut]);
      clearTimeout(timer);
      if (!complete) {
        logger.warn('wechat stop: messages still in hand were abandoned', {
          conversations: conversations.pending,
          sends: sendQueue.pending,
        });
      }
      running = false;
      for (const uninstall of uninstallers) uninstall();
      uninstallers = [];
      const b = bot;
      bot = undefined;
      if (b) {
        try {
          await b.stop();
        } catch (error) {
          reportError('stop', error);
        }
      }
      status = { state: 'disconnected', startedAt: status.startedAt };
      logger.info('wechat stopped');
    },

    status() {
      return { ...status };
    },
  };
}
