/**
 * Staff accounts, review and audit in real headless Chromium, with the bot's
 * WeChat channel on wechaty-puppet-mock over the same App and database:
 * a district account sees only its district, 退回 a registration with a
 * reason, the resident gets the notice in WeChat (through the channel's send
 * queue) and reads the status with 查询我的报名; city staff then find the
 * login, the reveal, the export and the decision on 审计. The new pages fit
 * 1280 and 390 px (screenshots in test-artifacts/console/). Skips itself when
 * Chromium is not installed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServer, type ConsoleServer } from '../../../bot/channels/console/console-server.js';
import { silentLogger } from '../../../bot/log.js';
import { startHarness, waitFor, type ContactMock, type Harness } from '../wechat/harness.js';
import { ARTIFACTS, CHROMIUM, hasChromium, launchChromium, type LaunchedBrowser } from './browser.js';
import { makeTestApp, registration, type TestApp } from './harness.js';

const PASSWORD = 'correct horse 9';
const REASON = '学历一栏请写明所学专业';

describe.skipIf(!hasChromium)(`staff accounts, review and audit in headless Chromium (needs ${CHROMIUM})`, () => {
  let t: TestApp;
  let server: ConsoleServer;
  let url: string;
  let context: BrowserContext;
  let page: Page;
  let browser: LaunchedBrowser | undefined;
  let h: Harness;
  let resident: ContactMock;

  beforeAll(async () => {
    t = await makeTestApp({ DTE_CONSOLE_PORT: '0' });
    const staff = t.app.store.staffStore();
    await staff.addStaff({ username: 'tz-wang', password: PASSWORD, role: 'district', district: '滕州市' });
    await staff.addStaff({ username: 'city-li', password: PASSWORD, role: 'city' });
    const audit = t.app.store.auditStore();
    const reviews = t.app.store.reviewStore();

    h = await startHarness({ handler: t.app.handler, env: { DTE_USER_RATE_PER_MINUTE: '100' }, outbox: reviews.outbox, tuning: { outboxPollMs: 50 } });
    resident = h.mocker.createContact({ name: '张伟' });
    h.inbox(resident); // start listening before anything is sent to the resident
    await t.app.store.upsertRegistration(registration({ reference: 'DTE-000101', userId: resident.id, name: '张伟', district: '滕州市' }));
    await t.app.store.upsertRegistration(
      registration({ reference: 'DTE-000102', userId: 'wx-other', name: '李四海', idNumber: '37040219920202002X', phone: '13800001111', district: '薛城区' }),
    );
    // The same ID number and level from another WeChat user: the store flags it for staff.
    await t.app.store.upsertRegistration(registration({ reference: 'DTE-000103', userId: 'wx-third', name: '张伟', district: '滕州市', updatedAt: '2026-02-21T00:00:00.000Z', createdAt: '2026-02-21T00:00:00.000Z' }));

    server = createConsoleServer({ app: t.app, config: t.config, logger: silentLogger, audit, reviews });
    url = (await server.listen()).replace(/\/$/, '');
    browser = await launchChromium({ acceptDownloads: true });
    context = browser.context;
    page = context.pages()[0] ?? (await context.newPage());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.stop();
    await t?.cleanup();
  });

  async function login(username: string) {
    await page.goto(`${url}/registrations`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('#login-form button[type=submit]')]);
  }

  async function logout() {
    await Promise.all([page.waitForNavigation(), page.click('header form.logout button')]);
  }

  async function noOverflow(p: Page) {
    return p.evaluate(() => {
      const doc = document.documentElement;
      const boxes = Array.from(document.querySelectorAll<HTMLElement>('.table-wrap, pre, dl.kv, blockquote'))
        .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.id || el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
      if (doc.scrollWidth > doc.clientWidth) boxes.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
      return boxes;
    });
  }

  it('logs in as a district account and sees only that district, with the duplicate ID flagged', async () => {
    await login('tz-wang');
    expect(await page.textContent('#who')).toContain('tz-wang（滕州市）');
    expect(await page.locator('tr[data-reference="DTE-000101"]').count()).toBe(1);
    expect(await page.locator('tr[data-reference="DTE-000103"]').count()).toBe(1);
    expect(await page.locator('tr[data-reference="DTE-000102"]').count()).toBe(0);
    const main = (await page.textContent('main')) ?? '';
    expect(main).not.toContain('薛城区');
    expect(main).not.toContain('李**');
    expect(await page.locator('select[name=district] option').allTextContents()).toEqual(['滕州市（本账号只能查看本区（市））']);
    expect(await page.textContent('tr[data-reference="DTE-000103"] .dup-flag')).toContain('身份证号重复');
    expect(await page.locator('nav a[href="/audit"]').count()).toBe(0);
    // Asking for another district by URL is refused.
    const other = await page.goto(`${url}/registrations?district=${encodeURIComponent('薛城区')}`);
    expect(other?.status()).toBe(403);
    expect(await page.locator('tr[data-reference="DTE-000102"]').count()).toBe(0);
  });

  it('reveals and exports within its district', async () => {
    await page.goto(`${url}/registrations`);
    await Promise.all([page.waitForNavigation(), page.locator('tr[data-reference="DTE-000101"] form.reveal button').click()]);
    expect(await page.textContent('#revealed')).toContain('370402199001011234');
    expect(await page.textContent('[role=note]')).toContain('tz-wang');
    await page.goto(`${url}/registrations`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('滕州市');
    expect(csv).not.toContain('薛城区');
    expect(csv).not.toContain('李四海');
  });

  it('returns a registration with a reason, and the resident is told in WeChat and by 查询我的报名', async () => {
    await page.goto(`${url}/registrations`);
    await Promise.all([page.waitForNavigation(), page.locator('tr[data-reference="DTE-000101"] a.review-link').click()]);
    expect(await page.textContent('h1')).toContain('DTE-000101');
    await page.check('input[name=decision][value=returned]');
    await page.fill('textarea[name=reason]', REASON);
    await Promise.all([page.waitForNavigation(), page.click('#review-form button[type=submit]')]);
    expect(await page.textContent('#review-saved')).toContain('已退回');
    expect(await page.textContent('#review-current')).toContain(REASON);

    const inbox = h.inbox(resident);
    await waitFor(() => inbox.some((m) => m.includes(REASON)), 5000, 'the review notice in WeChat');
    const notice = inbox.find((m) => m.includes(REASON))!;
    expect(notice).toContain('DTE-000101');
    expect(notice).toContain('退回');
    await page.reload();
    await expect.poll(async () => (await page.textContent('#review-current')) ?? '', { timeout: 5000 }).toContain('已通过微信通知报名人');
    // The decision page was reached by a redirect: reloading it decides nothing again, and the resident is told once.
    expect(inbox.filter((m) => m.includes(REASON))).toHaveLength(1);

    const before = inbox.length;
    h.say(resident, '查询我的报名');
    await waitFor(() => inbox.length > before, 5000, 'the answer to 查询我的报名');
    await t.app.handler.drain();
    await new Promise((r) => setTimeout(r, 50));
    const mine = inbox.slice(before).join('\n');
    expect(mine).toContain('DTE-000101');
    expect(mine).toContain(`被工作人员退回（原因：${REASON}）`);

    await page.goto(`${url}/registrations`);
    expect(await page.getAttribute('tr[data-reference="DTE-000101"] [data-review]', 'data-review')).toBe('returned');
  });

  it('shows city staff every district, and the audit page lists the login, the reveal, the export and the decision', async () => {
    await logout();
    await login('city-li');
    expect(await page.locator('tr[data-reference="DTE-000102"]').count()).toBe(1);
    await page.goto(`${url}/audit?actor=tz-wang`);
    const rows = page.locator('#audit tbody tr');
    const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    for (const a of ['login', 'reveal', 'export', 'review', 'logout']) expect(actions, a).toContain(a);
    expect(await page.locator('#audit tbody tr[data-actor]:not([data-actor="tz-wang"])').count()).toBe(0);
    const text = (await page.textContent('#audit')) ?? '';
    expect(text).toContain('DTE-000101');
    expect(text).toContain('已退回');
    expect(text).not.toContain(REASON);
    expect(text).not.toContain('张伟');
    expect(text).not.toContain('370402199001011234');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    // Filter by action through the form.
    await page.selectOption('select[name=action]', 'review');
    await Promise.all([page.waitForNavigation(), page.click('#audit-filters button[type=submit]')]);
    expect(await rows.evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-action')))])).toEqual(['review']);
  });

  for (const vp of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    it(`fits 审计 and the review page in ${vp.width} px (screenshots in test-artifacts/console)`, async () => {
      await page.setViewportSize(vp);
      const problems: string[] = [];
      for (const [name, target] of [
        ['audit', `${url}/audit`],
        ['review', `${url}/registrations/DTE-000103`],
        ['registrations-city', `${url}/registrations`],
      ] as const) {
        await page.goto(target);
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${vp.width}.png`), fullPage: true });
        for (const p of await noOverflow(page)) problems.push(`${name}: ${p}`);
      }
      expect(problems).toEqual([]);
      await page.goto(`${url}/registrations/DTE-000103`);
      expect(await page.isVisible('#duplicate-flag')).toBe(true);
    });
  }
});
