/**
 * The console's small security kit: cookies, constant-time comparison,
 * CSRF tokens bound to a browser session, the Host check that keeps a
 * loopback console from being reached through DNS rebinding, and the
 * response headers (CSP with a per-request nonce).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Browser session id (random, not personal data); also keys CSRF tokens. */
export const SESSION_COOKIE = 'dte_console_sid';
/** The login session: a random token whose hash is a row of console_sessions (bot/store/staff-store.ts). */
export const AUTH_COOKIE = 'dte_console_auth';
/** Chat simulator conversation id (separate so "new chat" does not log out). */
export const CHAT_COOKIE = 'dte_console_chat';

/** Random URL-safe id. */
export function randomId(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/** Cookie header -> name/value map (first value wins, malformed pairs ignored). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

/** Set-Cookie value: always HttpOnly, SameSite=Strict, Path=/; Secure when the console is reached over HTTPS. maxAge 0 deletes. */
export function serializeCookie(name: string, value: string, opts: { maxAgeSeconds?: number; secure?: boolean } = {}): string {
  let s = `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict`;
  if (opts.secure) s += '; Secure';
  if (opts.maxAgeSeconds !== undefined) s += `; Max-Age=${opts.maxAgeSeconds}`;
  return s;
}

/** HMAC-SHA256 of `data` under `secret`, base64url. */
export function sign(secret: Buffer, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

/** Compare two strings without leaking where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const ka = createHmac('sha256', 'cmp').update(a).digest();
  const kb = createHmac('sha256', 'cmp').update(b).digest();
  return timingSafeEqual(ka, kb) && a.length === b.length;
}

/** The CSRF token of one browser session. */
export function csrfTokenFor(secret: Buffer, sessionId: string): string {
  return sign(secret, `csrf:${sessionId}`);
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True for the host names config treats as loopback. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase());
}

/** Host header without the port ("[::1]:8080" -> "[::1]", "localhost:80" -> "localhost"). */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : h;
  }
  const colon = h.lastIndexOf(':');
  return colon > 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

/**
 * A console bound to loopback answers only requests addressed to a loopback
 * name: a page on another site that rebinds its DNS to 127.0.0.1 sends its own
 * Host and is refused. Non-loopback binds require a token instead.
 */
export function hostAllowed(hostHeader: string | undefined, bindHost: string): boolean {
  if (!isLoopbackHost(bindHost)) return true;
  if (!hostHeader) return false;
  return isLoopbackHost(hostName(hostHeader));
}

/**
 * True when an Origin header names this same host, or says nothing: absent,
 * or "null", which Chromium sends on form posts from a page whose policy is
 * no-referrer (ours). The CSRF token is the real guard; this refuses posts
 * that openly come from another site.
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined || origin === 'null') return true;
  if (!hostHeader) return false;
  try {
    return new URL(origin).host.toLowerCase() === hostHeader.toLowerCase();
  } catch {
    return false;
  }
}

/** Security headers of every response; `nonce` authorises this page's inline style and script. */
export function securityHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'self'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      // data: for the locally drawn login QR; no remote images (the console works on an intranet).
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
  };
}
