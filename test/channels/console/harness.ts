/**
 * Shared set-up of the console tests: a real App over a temp database and
 * index (clock fixed at 2026-03-01), a log sink to read audit lines, and a
 * tiny cookie jar for fastify.inject.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { createApp, type App } from '../../../bot/app.js';
import { parseConfig, type Config } from '../../../bot/config.js';
import { createLogger } from '../../../bot/log.js';
import type { RegistrationRecord } from '../../../bot/registration/types.js';

export interface TestApp {
  app: App;
  config: Config;
  dir: string;
  cleanup(): Promise<void>;
}

/** A real App (offline) in a fresh temp dir; extra env entries are merged into the config. */
export async function makeTestApp(extra: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dte-console-'));
  const parsed = parseConfig({
    DTE_DB: path.join(dir, 'dte.sqlite'),
    DTE_INDEX_DIR: path.join(dir, 'index'),
    DTE_LOG_LEVEL: 'silent',
    DTE_NOW: '2026-03-01',
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const app = await createApp(parsed.config);
  return {
    app,
    config: parsed.config,
    dir,
    async cleanup() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A logger whose JSON lines are kept for assertions. */
export function captureLogger() {
  const lines: string[] = [];
  return { logger: createLogger('info', (l) => lines.push(l)), lines };
}

/** Cookies from Set-Cookie headers, merged into a jar (name -> value). */
export function absorbCookies(jar: Map<string, string>, res: LightMyRequestResponse): void {
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const c of list) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = decodeURIComponent(pair!.slice(eq + 1));
    if (/Max-Age=0/i.test(c)) jar.delete(name);
    else jar.set(name, value);
  }
}

export function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
}

/** The CSRF token a page exposes in its meta tag. */
export function csrfOf(page: string): string {
  const m = /<meta name="csrf-token" content="([^"]+)">/.exec(page);
  if (!m) throw new Error('no csrf meta tag in page');
  return m[1]!;
}

/** A complete registration record for seeding the store. */
export function registration(over: Partial<RegistrationRecord> = {}): RegistrationRecord {
  return {
    reference: 'ZZ26-000901',
    userId: 'wechat:u1',
    name: '张三丰',
    gender: '男',
    idNumber: '370402199001011234',
    education: '本科 计算机科学与技术',
    title: '',
    employer: '枣庄示例科技有限公司',
    district: '滕州市',
    phone: '13912345678',
    level: '初级',
    status: 'submitted',
    createdAt: '2026-02-20T02:00:00.000Z',
    updatedAt: '2026-02-20T02:00:00.000Z',
    ...over,
  };
}
