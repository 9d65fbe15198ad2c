/**
 * The WeChat channel, the only part of dte-bot that imports wechaty.
 * Exports, one by one:
 */
export { createWechatChannel, DEFAULT_WECHAT_TUNING, backoffDelay } from './wechat-channel.js';
export type { WechatChannel, WechatChannelOptions, WechatStatus, WechatTuning } from './wechat-channel.js';
export { puppetSpecFrom, wechatConfigured, tokenServerName, resolveCaCert, PUPPET_SERVICE, PUPPET_WECHAT4U } from './puppet-options.js';
export type { PuppetSpec, PuppetSpecResult, PuppetConfigProblem, PuppetServiceOptions, WechatConfig } from './puppet-options.js';
export { classifyConnectionError, retryable } from './connection-error.js';
export type { ConnectionError, ConnectionErrorKind } from './connection-error.js';
export { ConnectionStatusSchema, readStatusFile, writeStatusFile } from './connection-state.js';
export type { ConnectionStatus, ConnectionStateName, StatusFileRead } from './connection-state.js';
export { conversationKey } from './inbound-filter.js';
export { splitMessage } from './split-message.js';
export { createMessagePlugin } from './message-plugin.js';
export type { MessagePluginDeps } from './message-plugin.js';
export { createFriendshipPlugin } from './friendship-plugin.js';
export { createOutboxPlugin } from './outbox-plugin.js';
export type { OutboxLike, OutboxPluginDeps } from './outbox-plugin.js';
export type { FriendshipPluginDeps } from './friendship-plugin.js';
export { qrcodeUrl, renderQrcodeForTerminal } from './qrcode.js';
