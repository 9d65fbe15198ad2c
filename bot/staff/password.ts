/**
 * Staff passwords, hashed with Node's built-in scrypt (no npm hashing
 * library is installed, and node:crypto is maintained with Node itself).
 * Each hash has its own random salt and names its parameters
 * (`scrypt$N$r$p$salt$hash`), so stronger parameters can be adopted later
 * without invalidating stored hashes. Verification is constant-time.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Shortest password accepted for a staff account. */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest (scrypt takes any length; this bounds the work a request can cause). */
export const PASSWORD_MAX_LENGTH = 200;

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFKC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Memory scrypt needs for these parameters, with headroom (Node's default cap is 32 MiB). */
const maxmem = (N: number, r: number) => 256 * N * r;

/** Why a password is refused for a new account, or undefined when it is acceptable. */
export function passwordProblem(password: string): 'too-short' | 'too-long' | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too-long';
  return undefined;
}

/** A new salted hash of `password` (async: scrypt runs on the thread pool, not the event loop). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = PARAMS;
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || expected.length === 0 || password.length > PASSWORD_MAX_LENGTH) return false;
  const key = await scrypt(password, salt, expected.length, { N, r, p, maxmem: maxmem(N, r) });
  return timingSafeEqual(key, expected);
}

/**
 * A hash of a random password, computed once: a login for an unknown account
 * is checked against it, so it takes as long as one for a known account.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString('base64'));
  return decoy;
}
