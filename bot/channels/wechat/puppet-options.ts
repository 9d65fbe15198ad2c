/**
 * How the production puppet is named and configured from config values.
 * Every puppet-service setting is passed explicitly, so the puppet's own
 * `process.env` look-ups never decide anything. Tests inject a PuppetMock,
 * or run the real puppet-service client against a local PuppetServer.
 */
import type { Config } from '../../config.js';

/** The config values the WeChat channel reads. */
export type WechatConfig = Pick<
  Config,
  | 'WECHATY_PUPPET'
  | 'WECHATY_PUPPET_SERVICE_TOKEN'
  | 'WECHATY_PUPPET_SERVICE_ENDPOINT'
  | 'WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT'
  | 'WECHATY_PUPPET_SERVICE_AUTHORITY'
  | 'WECHATY_PUPPET_SERVICE_TLS_CA_CERT'
  | 'WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME'
  | 'DTE_BOT_NAME'
  | 'DTE_ROOM_ALLOWLIST'
  | 'DTE_FRIEND_AUTO_ACCEPT'
  | 'DTE_FRIEND_KEYWORD'
  | 'DTE_USER_RATE_PER_MINUTE'
  | 'DTE_SEND_INTERVAL_MS'
  | 'DTE_MAX_MESSAGE_CHARS'
>;

export const PUPPET_SERVICE = 'wechaty-puppet-service';
export const PUPPET_WECHAT4U = 'wechaty-puppet-wechat4u';

/** The options wechaty-puppet-service 1.x reads (PuppetServiceOptions). */
export interface PuppetServiceOptions {
  token: string;
  endpoint?: string;
  authority?: string;
  tls: { disable: boolean; caCert?: string; serverName?: string };
}

export type PuppetSpec =
  | { name: typeof PUPPET_SERVICE; options: PuppetServiceOptions }
  /** Any other installed puppet, created by name with no options (wechat4u needs none). */
  | { name: string; options: Record<string, never> };

/** Why the configuration cannot work, found before anything connects. */
export type PuppetConfigProblem =
  | { kind: 'token-missing' }
  /** puppet-service takes the TLS server name from the token's prefix (`insecure_<uuid>`). */
  | { kind: 'token-needs-prefix'; token: string }
  | { kind: 'ca-cert-unreadable'; path: string; reason: string };

export type PuppetSpecResult = { ok: true; spec: PuppetSpec } | { ok: false; problem: PuppetConfigProblem };

/** True when `npm start` should start the WeChat channel at all. */
export function wechatConfigured(config: Pick<Config, 'WECHATY_PUPPET' | 'WECHATY_PUPPET_SERVICE_TOKEN'>): boolean {
  return config.WECHATY_PUPPET !== PUPPET_SERVICE || Boolean(config.WECHATY_PUPPET_SERVICE_TOKEN);
}

/** The SNI puppet-service derives from a token: what precedes its last `_`, lower-cased. */
export function tokenServerName(token: string): string | undefined {
  const i = token.lastIndexOf('_');
  return i > 0 ? token.slice(0, i).toLowerCase() : undefined;
}

/**
 * PEM text as given (`\n` escapes turned into newlines, as the puppet does),
 * or the content of the file a non-PEM value names.
 */
export function resolveCaCert(
  value: string,
  readFile: (path: string) => string,
): { ok: true; pem: string } | { ok: false; problem: PuppetConfigProblem } {
  if (value.includes('-----BEGIN')) return { ok: true, pem: value.replace(/\\n/g, '\n') };
  try {
    return { ok: true, pem: readFile(value) };
  } catch (error) {
    return { ok: false, problem: { kind: 'ca-cert-unreadable', path: value, reason: (error as Error).message } };
  }
}

/**
 * The puppet to create by name. For `wechaty-puppet-service`: the token, the
 * endpoint (or the discovery authority), TLS on unless
 * WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT, with the CA certificate and
 * server name when set. A configuration the puppet would refuse (no token, a
 * bare UUID without a server name) is a problem value, not a start.
 */
export function puppetSpecFrom(config: WechatConfig, readFile: (path: string) => string = () => {
  throw new Error('no file reader');
}): PuppetSpecResult {
  if (config.WECHATY_PUPPET !== PUPPET_SERVICE) return { ok: true, spec: { name: config.WECHATY_PUPPET, options: {} } };
  const token = config.WECHATY_PUPPET_SERVICE_TOKEN;
  if (!token) return { ok: false, problem: { kind: 'token-missing' } };
  // The puppet needs a server name even without TLS (it checks before connecting).
  if (!config.WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME && !tokenServerName(token)) {
    return { ok: false, problem: { kind: 'token-needs-prefix', token } };
  }
  const tls: PuppetServiceOptions['tls'] = { disable: config.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT };
  if (config.WECHATY_PUPPET_SERVICE_TLS_CA_CERT) {
    const ca = resolveCaCert(config.WECHATY_PUPPET_SERVICE_TLS_CA_CERT, readFile);
    if (!ca.ok) return ca;
    tls.caCert = ca.pem;
  }
  if (config.WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME) tls.serverName = config.WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME;
  const options: PuppetServiceOptions = { token, tls };
  if (config.WECHATY_PUPPET_SERVICE_ENDPOINT) options.endpoint = config.WECHATY_PUPPET_SERVICE_ENDPOINT;
  if (config.WECHATY_PUPPET_SERVICE_AUTHORITY) options.authority = config.WECHATY_PUPPET_SERVICE_AUTHORITY;
  return { ok: true, spec: { name: PUPPET_SERVICE, options } };
}
