/**
 * The WeChat channel: builds a Wechaty bot on a puppet, installs the
 * lifecycle, message and friendship plugins with `bot.use()`, keeps the
 * connection alive (retries with capped exponential backoff, heartbeat
 * watchdog) and keeps a connection status that the console, the operator's
 * terminal and `dte status` read. Failures are classified once
 * (connection-error.ts): a configuration the puppet refuses gives one plain
 * Chinese line with the fix and no retries; a gateway that does not answer is
 * retried, and the wait is visible in the status. It holds no answering
 * policy: the engine answers through `ConversationHandler`.
 */
import { readFileSync } from 'node:fs';
import { ScanStatus, WechatyBuilder, log as wechatyLog } from 'wechaty';
import type { Wechaty } from 'wechaty';
import type { PuppetInterface } from 'wechaty-puppet/impls';
import type { ConversationHandler } from '../../engine/types.js';
import type { Logger } from '../../log.js';
import { connectionErrorLine, connectionLines } from '../../../prompts/wechat-connection.js';
import {
  classifyConnectionError,
  fromConfigProblem,
  moreSpecific,
  retryable,
  type ConnectionError,
} from './connection-error.js';
import { errorEntry, writeStatusFile, type ConnectionStatus } from './connection-state.js';
import { createConversationQueue } from './conversation-queue.js';
import { createFriendshipPlugin } from './friendship-plugin.js';
import { createMessagePlugin } from './message-plugin.js';
import { createOutboxPlugin, type OutboxLike } from './outbox-plugin.js';
import { discoverEndpoint, type HttpsGet } from './discover-endpoint.js';
import { puppetSpecFrom, type PuppetServiceOptions, type WechatConfig } from './puppet-options.js';
import { qrcodeUrl, renderQrcodeForTerminal } from './qrcode.js';
import { createRateLimiter } from './rate-limiter.js';
import { createSeenIds } from './seen-ids.js';
import { createSendQueue } from './send-queue.js';

/** What the staff console, the terminal and `dte status` show about the WeChat link. */
export type WechatStatus = ConnectionStatus;

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
  /** A new friend is welcomed this long after we accepted, if the puppet never confirms. */
  friendWelcomeFallbackMs: number;
  /** The status file is rewritten at most this often (state changes are written at once). */
  statusFileIntervalMs: number;
  /** How often the outbox (staff's notifications to residents) is looked at. */
  outboxPollMs: number;
}

export const DEFAULT_WECHAT_TUNING: WechatTuning = {
  handlerTimeoutMs: 60_000,
  stopTimeoutMs: 10_000,
  heartbeatTimeoutMs: 180_000,
  backoffInitialMs: 2_000,
  backoffMaxMs: 300_000,
  staleAfterMs: 180_000,
  startSkewMs: 5_000,
  seenCapacity: 5_000,
  persistMemory: true,
  friendWelcomeFallbackMs: 30_000,
  statusFileIntervalMs: 2_000,
  outboxPollMs: 5_000,
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
  /** One plain Chinese line per change of the link (npm start prints them); none by default. */
  notify?: (line: string) => void;
  /** Where the status is mirrored for `dte status`; none by default. */
  statusFile?: string;
  /** Reads a CA certificate file named by WECHATY_PUPPET_SERVICE_TLS_CA_CERT. */
  readFile?: (path: string) => string;
  /** The HTTPS client of token discovery (tests). */
  httpsGet?: HttpsGet;
  /** Notifications to residents (review decisions) to deliver through the send queue; none by default. */
  outbox?: OutboxLike;
}

export interface WechatChannel {
  /** Starts the bot; a failed start is reported in the status (and retried when that can help), never thrown. */
  start(): Promise<void>;
  /** Stops accepting, waits (bounded) for messages in hand and the send queue, then stops the puppet. */
  stop(): Promise<void>;
  /** A snapshot of the link, with the current queue lengths. */
  status(): WechatStatus;
}

/** Delay before retry number `attempt` (1-based): initial × 2^(attempt−1), at most max. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

/** Create the WeChat channel. Nothing connects until `start()`. */
export function createWechatChannel(options: WechatChannelOptions): WechatChannel {
  const { config, handler } = options;
  const logger = options.logger.child({ channel: 'wechat' });
  const clock = options.clock ?? (() => new Date());
  const tuning: WechatTuning = { ...DEFAULT_WECHAT_TUNING, ...options.tuning };
  const printQrcode = options.printQrcode ?? ((text: string) => void process.stderr.write(text + '\n'));
  const notify = options.notify ?? (() => {});
  const puppetName = options.puppet ? 'injected' : config.WECHATY_PUPPET;
  const lineContext = { endpoint: config.WECHATY_PUPPET_SERVICE_ENDPOINT, puppet: config.WECHATY_PUPPET };

  /** The token never reaches a log line or the status in full. */
  const token = config.WECHATY_PUPPET_SERVICE_TOKEN;
  const redact = (text: string): string =>
    token && token.length >= 6 ? text.split(token).join(`${token.slice(0, Math.min(9, token.length - 4))}…`) : text;

  let status: ConnectionStatus = {
    state: 'disconnected',
    puppet: puppetName,
    retryCount: 0,
    sendQueue: 0,
    conversationQueue: 0,
    startedAt: clock().toISOString(),
    updatedAt: clock().toISOString(),
  };
  let bot: Wechaty | undefined;
  let uninstall: (() => void) | undefined;
  let running = false;
  let accepting = false;
  let startedAt = clock();
  let lastAlive = clock().getTime();
  let restarting = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdogTimer: ReturnType<typeof setInterval> | undefined;
  let dinged = false;
  /** Errors emitted while an attempt is in progress, kept to classify the attempt. */
  let attemptError: ConnectionError | undefined;
  let attempting = false;
  /** puppet-service options when the gateway is found by token: the endpoint is filled in before each attempt. */
  let discovered: PuppetServiceOptions | undefined;

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

  const snapshot = (): ConnectionStatus => ({
    ...status,
    sendQueue: sendQueue.pending,
    conversationQueue: conversations.pending,
    updatedAt: clock().toISOString(),
  });

  // The status file: written at once on a change of state, at most every statusFileIntervalMs otherwise.
  let fileTimer: ReturnType<typeof setTimeout> | undefined;
  const writeFile = () => {
    if (fileTimer) clearTimeout(fileTimer);
    fileTimer = undefined;
    if (!options.statusFile) return;
    try {
      writeStatusFile(options.statusFile, snapshot());
    } catch (error) {
      logger.warn('wechat status file not written', { file: options.statusFile, error });
    }
  };
  const touchFile = () => {
    if (!options.statusFile || fileTimer) return;
    fileTimer = setTimeout(writeFile, tuning.statusFileIntervalMs);
    fileTimer.unref?.();
  };
  const update = (patch: Partial<ConnectionStatus>, clear: Array<keyof ConnectionStatus> = []) => {
    const before = status.state;
    status = { ...status, ...patch };
    for (const key of clear) delete status[key];
    if (status.state !== before) writeFile();
    else touchFile();
  };

  const alive = () => {
    lastAlive = clock().getTime();
    dinged = false;
    update({ lastHeartbeat: new Date(lastAlive).toISOString() });
  };

  const botId = (): string => status.account?.id ?? 'unknown';

  const messagePlugin = createMessagePlugin({
    handler,
    logger,
    clock,
    conversations,
    sendQueue,
    limiter,
    seen,
    botId,
    roomAllowlist: config.DTE_ROOM_ALLOWLIST,
    maxMessageChars: config.DTE_MAX_MESSAGE_CHARS,
    handlerTimeoutMs: tuning.handlerTimeoutMs,
    staleAfterMs: tuning.staleAfterMs,
    notBefore: () => new Date(startedAt.getTime() - tuning.startSkewMs),
    accepting: () => accepting,
    alive: () => {
      alive();
      update({ lastMessageAt: clock().toISOString() });
    },
  });
  const friendshipPlugin = createFriendshipPlugin({
    autoAccept: config.DTE_FRIEND_AUTO_ACCEPT,
    keyword: config.DTE_FRIEND_KEYWORD,
    sendQueue,
    logger,
    maxMessageChars: config.DTE_MAX_MESSAGE_CHARS,
    welcomeFallbackMs: tuning.friendWelcomeFallbackMs,
  });

  /** Record a failure in the status; the operator line is printed only when the kind changes. */
  const recordError = (error: ConnectionError) => {
    const detail = redact(error.detail);
    const message = connectionErrorLine(error.kind, lineContext);
    const changed = status.lastError?.kind !== error.kind;
    update({ lastError: errorEntry(error.kind, message, detail, clock()) });
    logger.warn('wechat connection error', { kind: error.kind, detail, repeated: !changed });
    return { message, changed };
  };

  /** The one error funnel for Wechaty and puppet errors. */
  const onPuppetError = (error: unknown) => {
    const classified = classifyConnectionError(error);
    if (attempting) {
      attemptError = moreSpecific(attemptError, classified);
      logger.debug('wechat puppet error during start', { kind: classified.kind, detail: redact(classified.detail) });
      return;
    }
    if (classified.kind === 'other') {
      logger.error('wechat puppet error', { detail: redact(classified.detail), error });
      return;
    }
    recordError(classified);
  };

  const lifecyclePlugin = (b: Wechaty): (() => void) => {
    const onScan = (qrcode: string, scanStatus: ScanStatus) => {
      alive();
      if (scanStatus === ScanStatus.Waiting || scanStatus === ScanStatus.Timeout) {
        const url = qrcodeUrl(qrcode);
        const first = status.state !== 'waiting-scan' || status.qrcodeUrl !== url;
        update({ state: 'waiting-scan', qrcodeUrl: url, qrcode }, ['account', 'user']);
        logger.info('wechat waiting for QR code scan', { url });
        if (first) notify(connectionLines.waitingScan(url));
        void renderQrcodeForTerminal(qrcode)
          .then((drawing) => drawing && printQrcode(drawing))
          .catch((error: unknown) => logger.warn('wechat qrcode not drawn', { error }));
      } else {
        logger.info('wechat scan status', { scanStatus: ScanStatus[scanStatus] });
      }
    };
    const onLogin = (user: { id: string; name(): string }) => {
      alive();
      update({ state: 'logged-in', account: { id: user.id, name: user.name() }, user: user.name() }, ['qrcodeUrl', 'qrcode']);
      logger.info('wechat logged in', { account: user.id, user: user.name() });
      notify(connectionLines.loggedIn(user.name()));
    };
    const onLogout = (user: { id: string; name(): string }, reason?: string) => {
      update({ state: 'logged-out' });
      recordError({ kind: 'logged-out', detail: reason ?? 'logout' });
      logger.warn('wechat logged out', { account: user.id, user: user.name(), reason });
      notify(connectionLines.loggedOut);
    };
    const onHeartbeat = () => alive();
    const onRoomInvite = (invitation: { id: string }) =>
      logger.info('wechat room invitation received; not accepted automatically', { invitationId: invitation.id });
    b.on('scan', onScan);
    b.on('login', onLogin);
    b.on('logout', onLogout);
    b.on('heartbeat', onHeartbeat);
    b.on('dong', onHeartbeat);
    b.on('error', onPuppetError);
    b.on('room-invite', onRoomInvite);
    return () => {
      b.off('scan', onScan);
      b.off('login', onLogin);
      b.off('logout', onLogout);
      b.off('heartbeat', onHeartbeat);
      b.off('dong', onHeartbeat);
      b.off('error', onPuppetError);
      b.off('room-invite', onRoomInvite);
    };
  };

  /** The bot on the injected puppet, or on the configured one; a configuration that cannot work is an error value. */
  const buildBot = (): { ok: true; bot: Wechaty } | { ok: false; error: ConnectionError } => {
    const name = tuning.persistMemory ? config.DTE_BOT_NAME : undefined;
    if (options.puppet) return { ok: true, bot: WechatyBuilder.build({ name, puppet: options.puppet }) };
    const spec = puppetSpecFrom(config, options.readFile ?? ((p) => readFileSync(p, 'utf8')));
    if (!spec.ok) return { ok: false, error: fromConfigProblem(spec.problem) };
    // PuppetService keeps this object and reads it on every start, so a discovered endpoint can be set in it.
    const puppetOptions = { ...spec.spec.options } as PuppetServiceOptions;
    discovered = spec.spec.name === 'wechaty-puppet-service' && !puppetOptions.endpoint ? puppetOptions : undefined;
    // The name is resolved by Wechaty with a dynamic import; any installed puppet works.
    return {
      ok: true,
      bot: WechatyBuilder.build({ name, puppet: spec.spec.name as 'wechaty-puppet-service', puppetOptions: puppetOptions as unknown as Record<string, unknown> }),
    };
  };

  /** One start attempt; the error that explains it when Wechaty or the puppet did not come up. */
  const attempt = async (b: Wechaty): Promise<ConnectionError | undefined> => {
    attempting = true;
    attemptError = undefined;
    update({ state: 'connecting' }, ['nextRetryAt']);
    try {
      if (discovered) {
        const found = await discoverEndpoint(discovered.token, discovered.authority, options.httpsGet);
        if (!found.ok) return found.error;
        logger.info('wechat gateway found by token', { endpoint: found.endpoint });
        discovered.endpoint = found.endpoint;
      }
      try {
        await b.start();
      } catch (error) {
        attemptError = moreSpecific(attemptError, classifyConnectionError(error));
      }
      // Wechaty swallows a failed puppet start (it emits `error`), so ask the puppet.
      let active = false;
      try {
        active = b.puppet.state.active() === true;
      } catch (error) {
        attemptError = moreSpecific(attemptError, classifyConnectionError(error));
      }
      return active ? undefined : (attemptError ?? { kind: 'other', detail: 'the puppet did not start' });
    } finally {
      attempting = false;
    }
  };

  /** After a failed attempt: give up (needs the operator) or schedule the next one. */
  const failed = (error: ConnectionError) => {
    const { message, changed } = recordError(error);
    if (!retryable(error.kind)) {
      update({ state: 'failed' }, ['nextRetryAt']);
      logger.error('wechat not connecting until the configuration is fixed', { kind: error.kind });
      if (changed) notify(connectionLines.failed(message));
      return;
    }
    const retryCount = status.retryCount + 1;
    const delay = backoffDelay(retryCount, tuning.backoffInitialMs, tuning.backoffMaxMs);
    const nextRetryAt = new Date(clock().getTime() + delay).toISOString();
    update({ state: 'reconnecting', retryCount, nextRetryAt });
    logger.warn('wechat reconnect scheduled', { attempt: retryCount, delayMs: delay, kind: error.kind });
    if (changed) notify(connectionLines.retry(message, Math.ceil(delay / 1000), retryCount));
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void restart('retry');
    }, delay);
  };

  /** The puppet is up; the state stays `connecting` until it reports a QR code or a login. */
  const succeeded = () => {
    alive();
    update({ retryCount: 0 }, ['nextRetryAt']);
  };

  const restart = async (reason: string): Promise<void> => {
    const b = bot;
    if (!b || !running || restarting) return;
    restarting = true;
    try {
      logger.warn('wechat restarting puppet', { reason });
      update({ state: 'connecting' }, ['qrcodeUrl', 'qrcode']);
      try {
        await b.stop();
      } catch (error) {
        logger.debug('wechat stop before restart failed', { detail: redact(classifyConnectionError(error).detail) });
      }
      if (!running) return;
      const error = await attempt(b);
      if (!running) return;
      if (error) failed(error);
      else {
        succeeded();
        logger.info('wechat puppet restarted');
      }
    } finally {
      restarting = false;
    }
  };

  const checkHeartbeat = () => {
    if (!running || restarting || retryTimer || !bot || status.state === 'failed') return;
    const quiet = clock().getTime() - lastAlive;
    if (quiet > tuning.heartbeatTimeoutMs) {
      recordError({ kind: 'no-heartbeat', detail: `no heartbeat for ${quiet} ms` });
      void restart(`no heartbeat for ${quiet} ms`);
    } else if (quiet > tuning.heartbeatTimeoutMs / 2 && !dinged) {
      // Ask for a sign of life before declaring the puppet dead.
      dinged = true;
      try {
        bot.ding('dte-watchdog');
      } catch (error) {
        logger.debug('wechat ding failed', { detail: redact(classifyConnectionError(error).detail) });
      }
    }
  };

  /** Wechaty's own logger (brolog) into ours, at debug and with the token redacted, instead of the terminal. */
  const routeWechatyLog = () => {
    wechatyLog.enableLogging((levelTitle: string, text?: string) =>
      logger.debug('wechaty', { wechatyLevel: levelTitle.trim(), text: redact(text ?? '') }),
    );
  };

  return {
    async start() {
      if (running) return;
      running = true;
      accepting = true;
      startedAt = clock();
      lastAlive = startedAt.getTime();
      status = {
        state: 'connecting',
        puppet: puppetName,
        retryCount: 0,
        sendQueue: 0,
        conversationQueue: 0,
        startedAt: startedAt.toISOString(),
        updatedAt: startedAt.toISOString(),
      };
      routeWechatyLog();
      logger.info('wechat starting', { puppet: puppetName });
      notify(connectionLines.connecting(puppetName));
      const built = buildBot();
      if (!built.ok) {
        failed(built.error);
        writeFile();
        return;
      }
      const b = built.bot;
      bot = b;
      const outboxPlugin = options.outbox
        ? createOutboxPlugin({
            outbox: options.outbox,
            sendQueue,
            logger,
            maxMessageChars: config.DTE_MAX_MESSAGE_CHARS,
            pollMs: tuning.outboxPollMs,
            accepting: () => accepting,
          })
        : undefined;
      uninstall = b.use(lifecyclePlugin, messagePlugin, friendshipPlugin, ...(outboxPlugin ? [outboxPlugin] : []));
      const error = await attempt(b);
      if (!running) return;
      if (error) failed(error);
      else succeeded();
      if (tuning.heartbeatTimeoutMs > 0) {
        const every = Math.max(10, Math.min(30_000, Math.floor(tuning.heartbeatTimeoutMs / 4)));
        watchdogTimer = setInterval(checkHeartbeat, every);
      }
      writeFile();
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
      uninstall?.();
      uninstall = undefined;
      const b = bot;
      bot = undefined;
      if (b) {
        try {
          await b.stop();
        } catch (error) {
          logger.debug('wechat stop failed', { detail: redact(classifyConnectionError(error).detail) });
        }
      }
      update({ state: 'disconnected' }, ['nextRetryAt', 'qrcodeUrl', 'qrcode']);
      writeFile();
      logger.info('wechat stopped');
      notify(connectionLines.stopped);
    },

    status: snapshot,
  };
}
