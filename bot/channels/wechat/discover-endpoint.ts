/**
 * Wechaty's token discovery, done here instead of in the puppet: GET
 * https://<authority>/v0/hosties/<token> answers `{ host, port }`. The
 * puppet's own resolver (wechaty-token's `wechaty://` scheme) calls a gRPC
 * resolver callback that @grpc/grpc-js 1.14 no longer has and dies with
 * `TypeError: The "callback" argument must be of type function`
 * (wechaty/puppet-supports#772), so a hosted token without an endpoint never
 * connects. Resolving first and passing `host:port` as the endpoint avoids
 * that code path; TLS and the server name are unchanged.
 */
import { get } from 'node:https';
import type { ConnectionError } from './connection-error.js';

/** The puppet's default discovery host. */
export const DEFAULT_AUTHORITY = 'api.chatie.io';

export type DiscoveryResult = { ok: true; endpoint: string } | { ok: false; error: ConnectionError };

/** Fetches a URL's status and body (injected in tests). */
export type HttpsGet = (url: string, timeoutMs: number) => Promise<{ status: number; body: string }>;

const httpsGet: HttpsGet = (url, timeoutMs) =>
  new Promise((resolve, reject) => {
    const req = get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 10_000) body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });

/** The gateway's `host:port` for a token, or why it could not be found. */
export async function discoverEndpoint(
  token: string,
  authority: string = DEFAULT_AUTHORITY,
  fetchUrl: HttpsGet = httpsGet,
  timeoutMs = 10_000,
): Promise<DiscoveryResult> {
  const url = `https://${authority}/v0/hosties/${encodeURIComponent(token)}`;
  let answer: { status: number; body: string };
  try {
    answer = await fetchUrl(url, timeoutMs);
  } catch (error) {
    return { ok: false, error: { kind: 'unreachable', detail: `service discovery at ${authority}: ${(error as Error).message}` } };
  }
  if (answer.status >= 400 && answer.status < 500) {
    return { ok: false, error: { kind: 'token-unknown', detail: `service discovery at ${authority}: HTTP ${answer.status}` } };
  }
  if (answer.status < 200 || answer.status >= 300) {
    return { ok: false, error: { kind: 'unreachable', detail: `service discovery at ${authority}: HTTP ${answer.status}` } };
  }
  try {
    const parsed = JSON.parse(answer.body) as { host?: unknown; ip?: unknown; port?: unknown };
    const host = typeof parsed.host === 'string' && parsed.host ? parsed.host : typeof parsed.ip === 'string' ? parsed.ip : '';
    const port = Number(parsed.port);
    // A token that is registered but offline comes back as 0.0.0.0:0.
    if (host && host !== '0.0.0.0' && Number.isInteger(port) && port > 0) return { ok: true, endpoint: `${host}:${port}` };
  } catch {
    // fall through: not an address
  }
  return { ok: false, error: { kind: 'token-unknown', detail: `service discovery at ${authority}: no address for this token` } };
}
