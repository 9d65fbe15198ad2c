/**
 * How the production puppet is named and configured from config values.
 * Tests inject a PuppetMock instead and never reach this.
 */
import type { Config } from '../../config.js';

/** The config values the WeChat channel reads. */
export type WechatConfig = Pick<
  Config,
  | 'WECHATY_PUPPET'
  | 'WECHATY_PUPPET_SERVICE_TOKEN'
  | 'WECHATY_PUPPET_SERVICE_ENDPOINT'
  | 'WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT'
  | 'DTE_BOT_NAME'
  | 'DTE_ROOM_ALLOWLIST'
  | 'DTE_FRIEND_AUTO_ACCEPT'
  | 'DTE_FRIEND_KEYWORD'
  | 'DTE_USER_RATE_PER_MINUTE'
  | 'DTE_SEND_INTERVAL_MS'
  | 'DTE_MAX_MESSAGE_CHARS'
>;

export interface PuppetSpec {
  /** npm name of the puppet, resolved by Wechaty with a dynamic import. */
  name: string;
  options: {
    token?: string;
    endpoint?: string;
    tls?: { disable: true };
  };
}

/**
 * The puppet to create by name: `WECHATY_PUPPET` with `token` and `endpoint`
 * when set; for `wechaty-puppet-service`, TLS disabled only when
 * WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT is true (old token gateways).
 */
export function puppetSpecFrom(config: WechatConfig): PuppetSpec {
  const options: PuppetSpec['options'] = {};
  if (config.WECHATY_PUPPET_SERVICE_TOKEN) options.token = config.WECHATY_PUPPET_SERVICE_TOKEN;
  if (config.WECHATY_PUPPET_SERVICE_ENDPOINT) options.endpoint = config.WECHATY_PUPPET_SERVICE_ENDPOINT;
  if (config.WECHATY_PUPPET === 'wechaty-puppet-service' && config.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT) {
    options.tls = { disable: true };
  }
  return { name: config.WECHATY_PUPPET, options };
}
