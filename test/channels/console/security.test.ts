import { describe, expect, it } from 'vitest';
import { hostAllowed, hostName, originAllowed, parseCookies, safeEqual, serializeCookie } from '../../../bot/channels/console/security.js';

describe('console security helpers', () => {
  it('parses cookies and ignores malformed pairs', () => {
    expect(parseCookies('a=1; b=x%20y; junk; =z; a=2')).toEqual({ a: '1', b: 'x y' });
  });

  it('sets cookies HttpOnly and SameSite=Strict', () => {
    expect(serializeCookie('s', 'v')).toBe('s=v; Path=/; HttpOnly; SameSite=Strict');
    expect(serializeCookie('s', '', { maxAgeSeconds: 0 })).toContain('Max-Age=0');
  });

  it('compares secrets by value', () => {
    expect(safeEqual('token-1', 'token-1')).toBe(true);
    expect(safeEqual('token-1', 'token-2')).toBe(false);
    expect(safeEqual('t', 'tt')).toBe(false);
  });

  it('strips ports from Host headers, including IPv6 literals', () => {
    expect(hostName('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(hostName('[::1]:8080')).toBe('[::1]');
    expect(hostName('localhost')).toBe('localhost');
  });

  it('answers a loopback-bound console only under loopback names (no DNS rebinding)', () => {
    expect(hostAllowed('127.0.0.1:8080', '127.0.0.1')).toBe(true);
    expect(hostAllowed('localhost:8080', '127.0.0.1')).toBe(true);
    expect(hostAllowed('evil.example:8080', '127.0.0.1')).toBe(false);
    expect(hostAllowed(undefined, '127.0.0.1')).toBe(false);
    expect(hostAllowed('console.example', '0.0.0.0')).toBe(true);
  });

  it('accepts a missing or opaque ("null", sent under no-referrer) Origin or one naming this host, and refuses others', () => {
    expect(originAllowed(undefined, '127.0.0.1:8080')).toBe(true);
    expect(originAllowed('null', '127.0.0.1:8080')).toBe(true);
    expect(originAllowed('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
    expect(originAllowed('http://evil.example', '127.0.0.1:8080')).toBe(false);
    expect(originAllowed('https://127.0.0.1.evil.example', '127.0.0.1:8080')).toBe(false);
  });
});
