/**
 * The WeChat channel, the only part of dte-bot that imports wechaty.
 * Exports, one by one:
 */
export { createWechatChannel, DEFAULT_WECHAT_TUNING } from './wechat-channel.js';
export type { WechatChannel, WechatChannelOptions, WechatStatus, WechatTuning } from './wechat-channel.js';
export { puppetSpecFrom } from './puppet-options.js';
export type { PuppetSpec, WechatConfig } from './puppet-options.js';
export { splitMessage } from './split-message.js';
export { createMessagePlugin } from './message-plugin.js';
export type { MessagePluginDeps } from './message-plugin.js';
export { createFriendshipPlugin } from './friendship-plugin.js';
export type { FriendshipPluginDeps } from './friendship-plugin.js';
export { qrcodeUrl, renderQrcodeForTerminal } from './qrcode.js';
