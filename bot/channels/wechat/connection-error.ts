/**
 * What went wrong with the puppet, as a kind an operator can act on. The
 * puppet's errors are gRPC statuses and free text; this is the one place
 * that reads them. The Chinese sentence for each kind is in
 * prompts/wechat-connection.ts.
 */
import type { PuppetConfigProblem } from './puppet-options.js';

export type ConnectionErrorKind =
  /** WECHATY_PUPPET_SERVICE_TOKEN unset with puppet-service. */
  | 'token-missing'
  /** A bare UUID: the puppet needs `insecure_` (or another SNI) before it. */
  | 'token-needs-prefix'
  /** The gateway answered UNAUTHENTICATED: the token is not its token. */
  | 'token-rejected'
  /** Discovery found no service for this token (unknown or expired token, or the discovery host is unreachable). */
  | 'token-unknown'
  /** Nothing answers at the endpoint (refused, no route, DNS, timeout). */
  | 'unreachable'
  /** TLS handshake failed: TLS on one side only, wrong CA or server name. */
  | 'tls'
  | 'ca-cert-unreadable'
  /** WECHATY_PUPPET names a package that is not installed. */
  | 'puppet-missing'
  /** The account was logged out (by the phone, or by WeChat). */
  | 'logged-out'
  /** No heartbeat from the puppet for too long. */
  | 'no-heartbeat'
  | 'other';

export interface ConnectionError {
  kind: ConnectionErrorKind;
  /** The puppet's own words, for the log file (never shown as the main line). */
  detail: string;
}

/** Kinds that another attempt with the same configuration cannot fix. */
const NEEDS_OPERATOR: ReadonlySet<ConnectionErrorKind> = new Set([
  'token-missing',
  'token-needs-prefix',
  'token-rejected',
  'ca-cert-unreadable',
  'puppet-missing',
]);

/** False when retrying is pointless until the operator changes the configuration. */
export function retryable(kind: ConnectionErrorKind): boolean {
  return !NEEDS_OPERATOR.has(kind);
}

/**
 * A specific error outranks a vague one of the same attempt: the puppet
 * follows a refused token with a "Timeout after 5000 ms" of its own.
 */
export function moreSpecific(a: ConnectionError | undefined, b: ConnectionError): ConnectionError {
  if (!a) return b;
  return a.kind === 'other' && b.kind !== 'other' ? b : a;
}

function textOf(error: unknown): { text: string; code?: number } {
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; details?: unknown; code?: unknown; cause?: unknown };
    const parts: string[] = [];
    // GError repeats the message in `details` (often as "Error: <message>\n<stack>"): keep what is new.
    for (const part of [e.message, e.details, e.cause !== undefined && e.cause !== error ? textOf(e.cause).text : undefined]) {
      if (typeof part !== 'string' || part === '') continue;
      const body = part.replace(/^\w*Error: /, '');
      if (!parts.some((p) => p.includes(body.split('\n')[0]!))) parts.push(part);
    }
    return { text: parts.join(' | '), code: typeof e.code === 'number' ? e.code : undefined };
  }
  return { text: String(error) };
}

/** GRPC status codes the puppet reports. */
const GRPC_UNAVAILABLE = 14;
const GRPC_UNAUTHENTICATED = 16;
const GRPC_DEADLINE_EXCEEDED = 4;

/** The kind of an error the puppet or Wechaty emitted. */
export function classifyConnectionError(error: unknown): ConnectionError {
  const { text, code } = textOf(error);
  const detail = text.split('\n')[0]!.slice(0, 500);
  const is = (re: RegExp) => re.test(text);
  let kind: ConnectionErrorKind = 'other';
  if (is(/requires a SNI as prefix of the token/i)) kind = 'token-needs-prefix';
  else if (is(/WECHATY_PUPPET_SERVICE_TOKEN not found/i)) kind = 'token-missing';
  else if (code === GRPC_UNAUTHENTICATED || is(/UNAUTHENTICATED|Invalid Wechaty TOKEN|No Authorization found|Invalid authorization/i)) kind = 'token-rejected';
  else if (is(/Cannot find (module|package)|ERR_MODULE_NOT_FOUND|not installed/i)) kind = 'puppet-missing';
  else if (is(/SSL|TLS|certificate|handshake|self[- ]signed|altname|wrong version number/i)) kind = 'tls';
  // Discovery reports both an unknown token and an unreachable discovery host as "does not exist".
  else if (is(/service discovery|resolution failed/i) && is(/does not exist/i)) kind = 'token-unknown';
  else if (code === GRPC_UNAVAILABLE || is(/UNAVAILABLE|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|No connection established/i)) kind = 'unreachable';
  else if (code === GRPC_DEADLINE_EXCEEDED || is(/Timeout after \d+ ?ms/i)) kind = 'other';
  return { kind, detail };
}

/** A configuration problem found before connecting, as a connection error. */
export function fromConfigProblem(problem: PuppetConfigProblem): ConnectionError {
  switch (problem.kind) {
    case 'token-missing':
      return { kind: 'token-missing', detail: 'WECHATY_PUPPET_SERVICE_TOKEN is not set' };
    case 'token-needs-prefix':
      return { kind: 'token-needs-prefix', detail: 'the token has no SNI prefix and no TLS server name is set' };
    case 'ca-cert-unreadable':
      return { kind: 'ca-cert-unreadable', detail: `${problem.path}: ${problem.reason}` };
  }
}
