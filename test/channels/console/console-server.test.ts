import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServer, type ConsoleServer } from '../../../bot/channels/console/console-server.js';
import type { WechatStatusLike } from '../../../bot/channels/console/console-app.js';
import { absorbCookies, captureLogger, cookieHeader, csrfOf, makeTestApp, registration, type TestApp } from './harness.js';

let t: TestApp;
let server: ConsoleServer;
const log = captureLogger();

/** A browser-like visitor: keeps cookies and the CSRF token of its session. */
async function visitor(s: ConsoleServer = server, headers: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  const first = await s.fastify.inject({ method: 'GET', url: '/chat', headers });
  absorbCookies(jar, first);
  const csrf = csrfOf(first.body);
  return {
    jar,
    csrf,
    async get(url: string, extra: Record<string, string> = {}) {
      const res = await s.fastify.inject({ method: 'GET', url, headers: { ...headers, cookie: cookieHeader(jar), ...extra } });
      absorbCookies(jar, res);
      return res;
    },
    async postForm(url: string, form: Record<string, string>, extra: Record<string, string> = {}) {
      const res = await s.fastify.inject({
        method: 'POST',
        url,
        headers: { ...headers, cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', ...extra },
        payload: new URLSearchParams(form).toString(),
      });
      absorbCookies(jar, res);
      return res;
    },
    async postJson(url: string, body: unknown, extra: Record<string, string> = {}) {
      const res = await s.fastify.inject({
        method: 'POST',
        url,
        headers: { ...headers, cookie: cookieHeader(jar), 'content-type': 'application/json', 'x-csrf-token': csrf, ...extra },
        payload: JSON.stringify(body),
      });
      absorbCookies(jar, res);
      return res;
    },
  };
}

beforeAll(async () => {
  t = await makeTestApp();
  server = createConsoleServer({ app: t.app, config: t.config, logger: log.logger });
  await t.app.store.upsertRegistration(registration());
  await t.app.store.upsertRegistration(
    registration({
      reference: 'ZZ26-000902',
      userId: 'wechat:u2',
      name: '李四',
      idNumber: '37040219920202002X',
      phone: '13800001111',
      employer: '<script>alert("x")</script>公司',
      district: '市中区',
      level: '中级',
      status: 'interest',
      createdAt: '2026-02-25T03:00:00.000Z',
      updatedAt: '2026-02-25T03:00:00.000Z',
    }),
  );
  const q = (question: string, time: string, answered: boolean, confidence: number) =>
    t.app.store.logQuestion({ question, time, answered, confidence, route: answered ? 'retrieval' : 'unknown' });
  await q('培训期间管午饭吗', '2026-02-26T01:00:00.000Z', false, 0);
  await q('培训期间管午饭吗？', '2026-02-27T01:00:00.000Z', false, 0);
  await q('培训期间管不管午饭', '2026-02-28T01:00:00.000Z', true, 0.3);
  await q('<script>alert(1)</script>停车方便吗', '2026-02-28T02:00:00.000Z', false, 0);
  await q('中级培训费多少', '2026-02-28T03:00:00.000Z', true, 0.95);
});

afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

describe('console pages and security headers', () => {
  it('serves the ask page with a nonce CSP, nosniff and no-referrer, and sets an HttpOnly SameSite=Strict session cookie', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const csp = String(res.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain("default-src 'self'");
    expect(nonce).toBeTruthy();
    expect(res.body).toContain(`<style nonce="${nonce}">`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(String(res.headers['set-cookie'])).toMatch(/dte_console_sid=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    expect(res.body).toContain('value="2026-03-01"');
  });

  it('refuses a request addressed to a non-loopback host name (DNS rebinding)', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: '/', headers: { host: 'evil.example:8080' } });
    expect(res.statusCode).toBe(421);
  });

  it('answers unknown paths with 404, as JSON under /api', async () => {
    expect((await server.fastify.inject({ method: 'GET', url: '/nope' })).statusCode).toBe(404);
    const api = await server.fastify.inject({ method: 'GET', url: '/api/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toHaveProperty('error');
  });
});

describe('问答', () => {
  it('answers a question with its clause, the matched words highlighted, and the tool calls', async () => {
    const v = await visitor();
    const res = await v.postForm('/', { _csrf: v.csrf, q: '枣庄中级培训费多少？', now: '2026-03-01', region: '' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="answer"');
    expect(res.body).toContain('id="copy-answer"');
    expect(res.body).toMatch(/<blockquote>.*<mark>[^<]*培训费[^<]*<\/mark>/s);
    expect(res.body).toMatch(/<section class="card" id="tools">.*<code>[a-z-]+<\/code>/s);
  });

  it('returns the answer, sources, tools and trace as JSON', async () => {
    const v = await visitor();
    const res = await v.postJson('/api/ask', { q: '枣庄中级培训费多少？', now: '2026-03-01' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.answer).toMatch(/\d+元/);
    expect(body.sources.length).toBeGreaterThan(0);
    expect(body.sources[0]).toHaveProperty('quote');
    expect(body.tools.length).toBeGreaterThan(0);
    expect(body.trace).toHaveProperty('route');
  });

  it('renders a question containing <script> as text', async () => {
    const v = await visitor();
    const res = await v.postForm('/', { _csrf: v.csrf, q: '<script>alert("pwn")</script>报名', now: '2026-03-01' });
    expect(res.body).not.toContain('<script>alert("pwn")</script>');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;pwn&quot;)&lt;/script&gt;报名');
  });

  it('rejects an empty question and a bad date with a message', async () => {
    const v = await visitor();
    expect((await v.postJson('/api/ask', { q: '  ' })).statusCode).toBe(400);
    const bad = await v.postJson('/api/ask', { q: '培训费', now: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a POST without the session CSRF token or from another origin', async () => {
    const v = await visitor();
    expect((await v.postForm('/', { q: '培训费' })).statusCode).toBe(403);
    expect((await v.postForm('/', { _csrf: 'forged', q: '培训费' })).statusCode).toBe(403);
    expect((await v.postForm('/', { _csrf: v.csrf, q: '培训费' }, { origin: 'http://evil.example' })).statusCode).toBe(403);
    const other = await visitor();
    expect((await v.postForm('/', { _csrf: other.csrf, q: '培训费' })).statusCode).toBe(403);
  });
});

describe('事实', () => {
  it('shows the refund conflict and flags deadlines passed relative to the console clock', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: '/facts' });
    expect(res.statusCode).toBe(200);
    const conflicts = res.body.slice(res.body.indexOf('id="conflicts"'), res.body.indexOf('id="deadline-section"'));
    expect(conflicts).toContain('zz26-refund-city');
    expect(conflicts).toContain('zz26-refund-brochure');
    const deadlines = res.body.slice(res.body.indexOf('id="deadlines"'), res.body.indexOf('id="facts"'));
    expect(deadlines).toMatch(/deadline-passed.*2023-06-15.*已过期/s);
    expect(deadlines).toMatch(/deadline-open.*2026-04-20.*还剩 50 天/s);
  });

  it('shows eligibility clauses in the notice’s words and keeps ids and operator notes behind 技术细节', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: `/facts?kind=eligibility&region=${encodeURIComponent('枣庄')}` });
    const card = res.body.slice(res.body.indexOf('id="fact-zz26-eligibility-middle"'));
    const visible = card.slice(0, card.indexOf('<details'));
    expect(visible).toContain('<li>（2）具备大学本科学历');
    expect(visible).toContain('满足以下条件之一即可');
    expect(visible).not.toContain('"kind"');
    expect(visible).not.toContain('<code>zz26-eligibility-middle</code>');
    expect(card.slice(card.indexOf('<details'))).toMatch(/^<details class="tech"><summary>技术细节<\/summary>.*<code>zz26-eligibility-middle<\/code>/s);
  });

  it('filters by search words, kind and region', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: `/api/facts?kind=fee&region=${encodeURIComponent('枣庄')}` });
    const body = res.json();
    expect(body.count).toBeGreaterThan(0);
    expect(body.facts.every((f: { kind: string; region: string }) => f.kind === 'fee' && f.region === '枣庄')).toBe(true);
    const page = await server.fastify.inject({ method: 'GET', url: `/facts?q=${encodeURIComponent('退款')}` });
    const listed = page.body.slice(page.body.indexOf('<section id="facts">'));
    expect(listed).toContain('id="fact-zz26-refund-city"');
    const searched = (await server.fastify.inject({ method: 'GET', url: `/api/facts?q=${encodeURIComponent('退款')}` })).json();
    expect(searched.count).toBeLessThan(searched.total);
    expect(searched.facts.every((f: unknown) => JSON.stringify(f).includes('退款'))).toBe(true);
    expect((listed.match(/<article class="card fact"/g) ?? []).length).toBe(searched.count);
    expect(body.deadlines.find((d: { id: string }) => d.id === 'zz26-deadline-registration')).toMatchObject({ state: 'open', days: 50 });
  });
});

describe('报名', () => {
  it('masks personal data by default and escapes a registration field containing <script>', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: '/registrations' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('139****5678');
    expect(res.body).toContain('3704**********1234');
    expect(res.body).toContain('张**');
    expect(res.body).not.toContain('13912345678');
    expect(res.body).not.toContain('370402199001011234');
    expect(res.body).not.toContain('张三丰');
    expect(res.body).not.toContain('<script>alert("x")</script>');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;公司');
    // Beijing time, never an ISO string; no 职称 reads 无
    expect(res.body).toContain('<td data-label="提交时间" class="nowrap">2026-02-20 10:00</td>');
    expect(res.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(res.body).toContain('<td data-label="职称">无</td>');
  });

  it('filters by district, level, status and date, in the page and the masked JSON API', async () => {
    const page = await server.fastify.inject({ method: 'GET', url: `/registrations?district=${encodeURIComponent('市中区')}` });
    expect(page.body).toContain('data-reference="ZZ26-000902"');
    expect(page.body).not.toContain('data-reference="ZZ26-000901"');
    expect(page.body).toContain(`href="/registrations/export.xlsx?district=${encodeURIComponent('市中区')}"`);
    const api = await server.fastify.inject({ method: 'GET', url: `/api/registrations?level=${encodeURIComponent('初级')}&status=submitted` });
    const body = api.json();
    expect(body.count).toBe(1);
    expect(body.registrations[0]).toMatchObject({ reference: 'ZZ26-000901', phone: '139****5678' });
    const dated = await server.fastify.inject({ method: 'GET', url: '/api/registrations?from=2026-02-21&to=2026-02-25' });
    expect(dated.json().registrations.map((r: { reference: string }) => r.reference)).toEqual(['ZZ26-000902']);
    expect((await server.fastify.inject({ method: 'GET', url: '/api/registrations?level=x' })).statusCode).toBe(400);
  });

  it('reveals one record in full only on an explicit POST, and logs who and when (real time, not DTE_NOW) without the data', async () => {
    const v = await visitor();
    log.lines.length = 0;
    expect((await v.postForm('/registrations/ZZ26-000901/reveal', { _csrf: v.csrf })).statusCode).toBe(400);
    const res = await v.postForm('/registrations/ZZ26-000901/reveal', { _csrf: v.csrf, staff: '王工号007' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('370402199001011234');
    expect(res.body).toContain('13912345678');
    expect(res.body).not.toContain('ZZ26-000902');
    const audit = log.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'registration revealed');
    expect(audit).toMatchObject({ reference: 'ZZ26-000901', staff: '王工号007' });
    // The business clock says 2026-03-01; the audit is stamped with the real one.
    expect(audit.at).not.toBe(new Date('2026-03-01T00:00:00+08:00').toISOString());
    expect(Math.abs(new Date(audit.at).getTime() - Date.now())).toBeLessThan(60_000);
    const line = log.lines.join('\n');
    expect(line).not.toContain('370402199001011234');
    expect(line).not.toContain('13912345678');
    expect(line).not.toContain('张三丰');
  });

  it('refuses a reveal without CSRF token and answers 404 for an unknown reference', async () => {
    const v = await visitor();
    expect((await v.postForm('/registrations/ZZ26-000901/reveal', { staff: 'x' })).statusCode).toBe(403);
    expect((await v.postForm('/registrations/ZZ26-999999/reveal', { _csrf: v.csrf, staff: 'x' })).statusCode).toBe(404);
  });

  it('exports CSV in the 报名表 layout with the same filters', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: `/registrations/export.csv?district=${encodeURIComponent('滕州市')}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="registrations-2026-03-01\.csv"/);
    const [header, first, third] = res.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(header!.startsWith('姓名,性别,身份证号,学历及所学专业,职称,所在单位,单位所在区（市）,手机号,培训等级')).toBe(true);
    expect(first).toContain('张三丰');
    expect(first).toContain('ZZ26-000901');
    expect(third ?? '').toBe('');
  });

  it('exports xlsx that reads back with the headers and the first row', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: '/registrations/export.xlsx?status=submitted' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('姓名');
    expect(ws.getRow(2).getCell(1).value).toBe('张三丰');
    expect(String(ws.getRow(2).getCell(3).value)).toBe('370402199001011234');
    expect(ws.rowCount).toBe(2);
  });

  it('exports JSON records and refuses unknown formats', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: '/registrations/export.json' });
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().map((r: { reference: string }) => r.reference).sort()).toEqual(['ZZ26-000901', 'ZZ26-000902']);
    expect((await server.fastify.inject({ method: 'GET', url: '/registrations/export.pdf' })).statusCode).toBe(400);
  });
});

describe('缺口', () => {
  it('groups similar unanswered or low-confidence questions with counts and last seen', async () => {
    const body = (await server.fastify.inject({ method: 'GET', url: '/api/gaps' })).json();
    const lunch = body.groups.find((g: { representative: string }) => g.representative.includes('午饭'));
    expect(lunch).toMatchObject({ count: 3, lastSeen: '2026-02-28T01:00:00.000Z' });
    expect(body.groups.some((g: { representative: string }) => g.representative.includes('中级培训费'))).toBe(false);
  });

  it('shows a question containing <script> as text', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: '/gaps' });
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;停车方便吗');
    expect(res.body).not.toContain('<script>alert(1)</script>');
  });
});

describe('模拟聊天', () => {
  it('talks to the engine through the handler with a per-browser session cookie', async () => {
    const v = await visitor();
    expect(v.jar.get('dte_console_chat')).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const res = await v.postJson('/api/chat', { text: '你好' });
    expect(res.statusCode).toBe(200);
    expect(res.json().replies.length).toBeGreaterThan(0);
    expect(await t.app.store.getSession(`console:${v.jar.get('dte_console_chat')}`)).toBeDefined();
  });

  it('refuses chat posts without the CSRF header and empty messages', async () => {
    const v = await visitor();
    expect((await v.postJson('/api/chat', { text: '你好' }, { 'x-csrf-token': '' })).statusCode).toBe(403);
    expect((await v.postJson('/api/chat', { text: ' ' })).statusCode).toBe(400);
  });

  it('starts a new conversation on reset', async () => {
    const v = await visitor();
    const before = v.jar.get('dte_console_chat');
    expect((await v.postJson('/api/chat/reset', {})).statusCode).toBe(200);
    expect(v.jar.get('dte_console_chat')).not.toBe(before);
  });
});

describe('状态', () => {
  it('says WeChat is not connected and how to connect when there is no WeChat channel', async () => {
    const res = await server.fastify.inject({ method: 'GET', url: '/status' });
    expect(res.body).toContain('未连接微信');
    expect(res.body).toContain('WECHATY_PUPPET_SERVICE_TOKEN');
    const api = (await server.fastify.inject({ method: 'GET', url: '/api/status' })).json();
    expect(api.wechat).toEqual({ connected: false });
    expect(api.factsVersion).toBe(t.app.facts.version);
    expect(api.indexVersion).toBe(t.app.kb.version());
    expect(api.counts).toMatchObject({ facts: t.app.facts.all().length, registrations: 2 });
    expect(api.counts.chunks).toBeGreaterThan(0);
    expect(api.counts.questions).toBeGreaterThanOrEqual(5);
    expect(api.serverTime).toBe(new Date('2026-03-01T00:00:00+08:00').toISOString());
  });

  it('draws the login QR code on the page itself and never links or loads wechaty.js.org', async () => {
    const value = 'https://login.weixin.qq.com/l/Ab_cD==';
    let status: WechatStatusLike = { state: 'waiting-scan', qrcodeUrl: `https://wechaty.js.org/qrcode/${encodeURIComponent(value)}`, startedAt: '2026-03-01T00:00:00.000Z' };
    const s = createConsoleServer({ app: t.app, config: t.config, logger: log.logger, wechatStatus: () => status });
    const waiting = await s.fastify.inject({ method: 'GET', url: '/status' });
    expect(waiting.body).toContain('等待扫码');
    expect(waiting.body).not.toContain('wechaty.js.org');
    const src = /<img class="qr" alt="[^"]*" src="(data:image\/svg\+xml;base64,[^"]+)">/.exec(waiting.body)?.[1];
    expect(src).toBeDefined();
    expect(Buffer.from(src!.split(',')[1]!, 'base64').toString('utf8')).toMatch(/^<svg[^>]*viewBox/);
    expect(waiting.headers['content-security-policy']).toContain("img-src 'self' data:;");
    const api = (await s.fastify.inject({ method: 'GET', url: '/api/status' })).json();
    expect(JSON.stringify(api)).not.toContain('wechaty.js.org');
    expect(api.wechat.loginQr).toBe(src);
    // the raw value, when the channel reports it, is drawn the same way
    status = { state: 'waiting-scan', qrcode: value };
    expect((await s.fastify.inject({ method: 'GET', url: '/api/status' })).json().wechat.loginQr).toBe(src);

    status = { state: 'logged-in', user: 'dte-bot<b>', lastHeartbeat: '2026-03-01T00:01:00.000Z' };
    const inBody = (await s.fastify.inject({ method: 'GET', url: '/status' })).body;
    expect(inBody).toContain('已登录');
    expect(inBody).toContain('dte-bot&lt;b&gt;');
    expect(inBody).toContain('2026-03-01 08:01');
    expect(inBody).not.toContain('<img');
    status = { state: 'waiting-scan', qrcodeUrl: 'javascript:alert(1)' };
    const bad = (await s.fastify.inject({ method: 'GET', url: '/status' })).body;
    expect(bad).not.toContain('javascript:');
    expect(bad).toContain('终端');
    await s.close();
  });
});

describe('access token', () => {
  const TOKEN = 'test-token-0123456789';
  let s: ConsoleServer;
  beforeAll(() => {
    s = createConsoleServer({ app: t.app, config: { ...t.config, DTE_CONSOLE_TOKEN: TOKEN }, logger: log.logger });
  });
  afterAll(async () => s.close());

  it('answers every page, API and export with 401 and the login page when the token is missing or wrong', async () => {
    for (const url of ['/', '/facts', '/registrations', '/gaps', '/chat', '/status', '/registrations/export.csv']) {
      const res = await s.fastify.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.body, url).toContain('id="login-form"');
      expect(res.body, url).not.toContain('3704');
    }
    const api = await s.fastify.inject({ method: 'GET', url: '/api/registrations' });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toHaveProperty('error');
    const wrong = await s.fastify.inject({ method: 'GET', url: '/api/status', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const post = await s.fastify.inject({ method: 'POST', url: '/api/chat', payload: { text: '你好' } });
    expect(post.statusCode).toBe(401);
  });

  it('accepts the token as a Bearer header for pages, APIs and exports', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await s.fastify.inject({ method: 'GET', url: '/api/status', headers: auth })).statusCode).toBe(200);
    expect((await s.fastify.inject({ method: 'GET', url: '/registrations', headers: auth })).statusCode).toBe(200);
    const csv = await s.fastify.inject({ method: 'GET', url: '/registrations/export.csv', headers: auth });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const chat = await s.fastify.inject({ method: 'POST', url: '/api/chat', headers: auth, payload: { text: '你好' } });
    expect(chat.statusCode).toBe(200);
  });

  it('logs in through the form with an HttpOnly SameSite=Strict cookie, and logs out', async () => {
    const jar = new Map<string, string>();
    const wrong = await s.fastify.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'token=bad&next=%2Ffacts' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('令牌不正确');
    const ok = await s.fastify.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${TOKEN}&next=%2Ffacts` });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/facts');
    const setCookie = ([] as string[]).concat(ok.headers['set-cookie'] as string | string[]);
    expect(setCookie.find((c) => c.startsWith('dte_console_auth='))).toMatch(/HttpOnly; SameSite=Strict/);
    absorbCookies(jar, ok);
    const page = await s.fastify.inject({ method: 'GET', url: '/facts', headers: { cookie: cookieHeader(jar) } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/logout"');
    const csrf = csrfOf(page.body);
    absorbCookies(jar, page);
    const out = await s.fastify.inject({ method: 'POST', url: '/logout', headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(out.statusCode).toBe(303);
    absorbCookies(jar, out);
    expect((await s.fastify.inject({ method: 'GET', url: '/facts', headers: { cookie: cookieHeader(jar) } })).statusCode).toBe(401);
  });

  it('never redirects off-site after login', async () => {
    const res = await s.fastify.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${TOKEN}&next=${encodeURIComponent('//evil.example/')}` });
    expect(res.headers.location).toBe('/');
  });
});
