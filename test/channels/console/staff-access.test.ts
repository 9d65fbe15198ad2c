/**
 * Staff accounts on the console (fastify.inject over a real App): logins
 * throttled, sessions revoked on logout, a district account confined to its
 * district on every route, the audit log in real time with nothing personal.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleStartError, createConsoleServer, type ConsoleServer } from '../../../bot/channels/console/console-server.js';
import { absorbCookies, captureLogger, cookieHeader, csrfOf, makeTestApp, registration, type TestApp } from './harness.js';

/** The real clock the console is given: far from the DTE_NOW business clock (2026-03-01). */
const REAL = new Date('2026-12-02T03:04:05.000Z');
const PASSWORD = 'correct horse 9';

let t: TestApp;
let server: ConsoleServer;
const log = captureLogger();

const TENGZHOU = registration({ reference: 'ZZ26-000901', userId: 'wx-contact-1', district: '滕州市' });
const XUECHENG = registration({
  reference: 'ZZ26-000902',
  userId: 'wx-contact-2',
  name: '李四海',
  idNumber: '37040219920202002X',
  phone: '13800001111',
  district: '薛城区',
});

function session(s: ConsoleServer) {
  const jar = new Map<string, string>();
  let csrf = '';
  const headers = () => ({ cookie: cookieHeader(jar) });
  const v = {
    jar,
    get csrf() {
      return csrf;
    },
    async get(url: string) {
      const res = await s.fastify.inject({ method: 'GET', url, headers: headers() });
      absorbCookies(jar, res);
      if (res.headers['content-type']?.toString().includes('text/html') && res.body.includes('csrf-token')) csrf = csrfOf(res.body);
      return res;
    },
    async post(url: string, form: Record<string, string>) {
      const res = await s.fastify.inject({
        method: 'POST',
        url,
        headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
      });
      absorbCookies(jar, res);
      return res;
    },
    async login(username: string, password = PASSWORD) {
      await v.get('/login');
      return v.post('/login', { username, password, next: '/registrations' });
    },
  };
  return v;
}

beforeAll(async () => {
  t = await makeTestApp();
  await t.app.store.upsertRegistration(TENGZHOU);
  await t.app.store.upsertRegistration(XUECHENG);
  const staff = t.app.store.staffStore();
  expect((await staff.addStaff({ username: 'tz-wang', password: PASSWORD, role: 'district', district: '滕州市' })).ok).toBe(true);
  expect((await staff.addStaff({ username: 'city-li', password: PASSWORD, role: 'city' })).ok).toBe(true);
  server = createConsoleServer({ app: t.app, config: t.config, logger: log.logger, realNow: () => new Date(REAL) });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

describe('login', () => {
  it('asks for a name and password once accounts exist, and refuses the shared token then', async () => {
    const s = createConsoleServer({ app: t.app, config: { ...t.config, DTE_CONSOLE_TOKEN: 'a-shared-token-0123456' }, logger: log.logger, realNow: () => new Date(REAL) });
    const page = await s.fastify.inject({ method: 'GET', url: '/registrations' });
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('name="username"');
    expect(page.body).toContain('name="password"');
    const bearer = await s.fastify.inject({ method: 'GET', url: '/api/registrations', headers: { authorization: 'Bearer a-shared-token-0123456' } });
    expect(bearer.statusCode).toBe(401);
    await s.close();
  });

  it('logs in with the right password only, and marks cookies Secure when configured', async () => {
    const s = createConsoleServer({ app: t.app, config: { ...t.config, DTE_CONSOLE_SECURE_COOKIES: true }, logger: log.logger, realNow: () => new Date(REAL) });
    const v = session(s);
    expect((await v.login('tz-wang', 'wrong password')).statusCode).toBe(401);
    const ok = await v.login('tz-wang');
    expect(ok.statusCode).toBe(303);
    const cookies = ([] as string[]).concat(ok.headers['set-cookie'] as string | string[]);
    const auth = cookies.find((c) => c.startsWith('dte_console_auth='));
    expect(auth).toMatch(/HttpOnly; SameSite=Strict; Secure/);
    expect((await v.get('/registrations')).statusCode).toBe(200);
    await s.close();
  });

  it('answers 429 after too many login attempts from one address, even with the right password', async () => {
    const s = createConsoleServer({ app: t.app, config: t.config, logger: log.logger, loginLimit: { max: 5, timeWindowMs: 60_000 }, realNow: () => new Date(REAL) });
    const v = session(s);
    await v.get('/login');
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await v.post('/login', { username: 'tz-wang', password: `guess-${i}-xxxxx` })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401]);
    const throttled = await v.post('/login', { username: 'tz-wang', password: PASSWORD });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toBeDefined();
    expect(throttled.body).toContain('登录尝试过多');
    expect(throttled.headers['set-cookie']?.toString() ?? '').not.toContain('dte_console_auth=');
    await s.close();
  });

  it('ends the session on logout: a copied cookie stops working', async () => {
    const v = session(server);
    expect((await v.login('city-li')).statusCode).toBe(303);
    const copied = cookieHeader(v.jar);
    expect((await server.fastify.inject({ method: 'GET', url: '/api/registrations', headers: { cookie: copied } })).statusCode).toBe(200);
    await v.get('/registrations');
    expect((await v.post('/logout', {})).statusCode).toBe(303);
    for (const url of ['/api/registrations', '/registrations', '/registrations/export.csv', '/audit']) {
      const res = await server.fastify.inject({ method: 'GET', url, headers: { cookie: copied } });
      expect(res.statusCode, url).toBe(401);
      expect(res.body, url).not.toContain('ZZ26-0009');
    }
  });

  it('refuses a token shorter than 16 characters and an open console beyond loopback', async () => {
    expect(() => createConsoleServer({ app: t.app, config: { ...t.config, DTE_CONSOLE_TOKEN: 'short-token' }, logger: log.logger })).toThrow(ConsoleStartError);
    const t2 = await makeTestApp({ DTE_CONSOLE_HOST: '0.0.0.0', DTE_CONSOLE_PORT: '0' });
    const open = createConsoleServer({ app: t2.app, config: t2.config, logger: log.logger });
    await expect(open.listen()).rejects.toThrow(/dte staff add|DTE_CONSOLE_TOKEN/);
    await open.close();
    await t2.cleanup();
  });
});

describe('a district account', () => {
  // Another district's row, its resident's data, masked or not (a 404 may echo the reference that was asked for).
  const forbidden = [`data-reference="${XUECHENG.reference}"`, `"reference":"${XUECHENG.reference}"`, XUECHENG.name, '李**', XUECHENG.idNumber, XUECHENG.phone, '138****1111', '薛城区,'];
  const leaks = (body: string) => forbidden.filter((x) => body.includes(x));

  it('sees only its district on the list, the API, the status counts and every export', async () => {
    const v = session(server);
    await v.login('tz-wang');
    const page = await v.get('/registrations');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-reference="ZZ26-000901"');
    expect(page.body).not.toContain('ZZ26-000902');
    expect(page.body).not.toContain('薛城区');
    const api = (await v.get('/api/registrations')).json();
    expect(api.registrations.map((r: { reference: string }) => r.reference)).toEqual(['ZZ26-000901']);
    expect((await v.get('/api/status')).json().counts.registrations).toBe(1);
    const json = JSON.parse((await v.get('/registrations/export.json')).body);
    expect(JSON.stringify(json)).toContain('ZZ26-000901');
    expect(JSON.stringify(json)).not.toContain('ZZ26-000902');
    expect(leaks(JSON.stringify(json))).toEqual([]);
    const csv = (await v.get('/registrations/export.csv')).body;
    expect(csv).toContain('滕州市');
    expect(leaks(csv)).toEqual([]);
    expect(csv).not.toContain('薛城区');
    const xlsx = await server.fastify.inject({ method: 'GET', url: '/registrations/export.xlsx', headers: { cookie: cookieHeader(v.jar) } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    expect(cells).toContain('滕州市');
    expect(cells).not.toContain('薛城区');
    expect(leaks(cells)).toEqual([]);
  });

  it('is refused another district by filter (403) and by reference (404) on every route', async () => {
    const v = session(server);
    await v.login('tz-wang');
    const q = `?district=${encodeURIComponent('薛城区')}`;
    for (const url of [`/registrations${q}`, `/api/registrations${q}`, `/registrations/export.csv${q}`, `/registrations/export.json${q}`, `/registrations/export.xlsx${q}`]) {
      const res = await v.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(leaks(res.body), url).toEqual([]);
    }
    expect((await v.get('/registrations/ZZ26-000902')).statusCode).toBe(404);
    await v.get('/registrations');
    const reveal = await v.post('/registrations/ZZ26-000902/reveal', {});
    expect(reveal.statusCode).toBe(404);
    expect(leaks(reveal.body)).toEqual([]);
    expect((await v.post('/registrations/ZZ26-000902/review', { decision: 'approved' })).statusCode).toBe(404);
    const apiReview = await server.fastify.inject({
      method: 'POST',
      url: '/api/registrations/ZZ26-000902/review',
      headers: { cookie: cookieHeader(v.jar), 'content-type': 'application/json', 'x-csrf-token': v.csrf },
      payload: JSON.stringify({ decision: 'approved' }),
    });
    expect(apiReview.statusCode).toBe(404);
    expect(await t.app.store.reviewOf('ZZ26-000902')).toBeUndefined();
    expect((await v.get('/audit')).statusCode).toBe(403);
    expect((await v.get('/api/audit')).statusCode).toBe(403);
  });

  it('gets nothing of another district from any GET route the console has', async () => {
    const v = session(server);
    await v.login('tz-wang');
    // Every GET route fastify knows, read from its route tree (each level indents by 4).
    const stack: string[] = [];
    const routes = server.fastify
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .flatMap((line) => {
        const pos = line.indexOf('── ');
        const m = /^(\S*) \(([^)]+)\)/.exec(line.slice(pos + 3));
        if (pos < 0 || !m) return [];
        const depth = (pos - 1) / 4;
        stack[depth] = (depth > 0 ? stack[depth - 1]! : '') + m[1]!;
        return m[2]!.includes('GET') ? [stack[depth]!.replace(/^\/\//, '/')] : [];
      });
    expect(routes).toContain('/registrations/export.:format');
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      for (const url of new Set([route.replace(':reference', 'ZZ26-000902').replace(':format', 'json'), route.replace(':format', 'csv')])) {
        for (const query of ['', `?district=${encodeURIComponent('薛城区')}`]) {
          const res = await v.get(url + query);
          expect(leaks(res.body), url + query).toEqual([]);
        }
      }
    }
  });

  it('reviews its own district, and the resident is queued a WeChat notice', async () => {
    const v = session(server);
    await v.login('tz-wang');
    const page = await v.get('/registrations/ZZ26-000901');
    expect(page.statusCode).toBe(200);
    expect((await v.post('/registrations/ZZ26-000901/review', { decision: 'returned', reason: '' })).statusCode).toBe(400);
    const saved = await v.post('/registrations/ZZ26-000901/review', { decision: 'returned', reason: '请补充学历证明' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/registrations/ZZ26-000901?saved=returned&notified=1');
    expect((await v.get(saved.headers.location as string)).body).toContain('已记录：已退回');
    expect(await t.app.store.reviewOf('ZZ26-000901')).toMatchObject({ kind: 'returned', reason: '请补充学历证明' });
  });
});

describe('the audit log', () => {
  it('has the login, reveal, export and decision with who and real time, and nothing personal', async () => {
    const v = session(server);
    await v.login('city-li');
    await v.get('/registrations');
    expect((await v.post('/registrations/ZZ26-000902/reveal', {})).statusCode).toBe(200);
    expect((await v.get(`/registrations/export.csv?district=${encodeURIComponent('薛城区')}`)).statusCode).toBe(200);
    expect((await v.post('/registrations/ZZ26-000902/review', { decision: 'duplicate' })).statusCode).toBe(303);
    const entries = (await v.get('/api/audit?actor=city-li')).json().entries as Array<{ action: string; at: string; target?: string; detail: Record<string, unknown> }>;
    const actions = entries.map((e) => e.action);
    for (const a of ['login', 'reveal', 'export', 'review']) expect(actions, a).toContain(a);
    expect(entries.every((e) => e.at === REAL.toISOString())).toBe(true);
    expect(entries.find((e) => e.action === 'export')).toMatchObject({ target: 'csv', detail: { count: 1, district: '薛城区' } });
    const failed = (await v.get('/api/audit?action=login-failed')).json().entries;
    expect(failed.length).toBeGreaterThan(0);
    const all = JSON.stringify((await v.get('/api/audit')).json());
    for (const personal of [TENGZHOU.name, XUECHENG.name, TENGZHOU.idNumber, XUECHENG.idNumber, TENGZHOU.phone, XUECHENG.phone, '学历证明', PASSWORD, 'wx-contact']) {
      expect(all, personal).not.toContain(personal);
    }
    const page = await v.get('/audit?action=review&from=2026-12-02&to=2026-12-02');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2026-12-02 11:04');
    expect(page.body).toContain('data-action="review"');
    expect(page.body).not.toContain('data-action="login"');
    expect((await v.get('/audit?from=2026-12-03')).body).toContain('没有符合条件的记录');
  });
});
