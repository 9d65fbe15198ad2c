/**
 * Teaching the bot in real headless Chromium: a question the bot could not
 * answer shows on 缺口 as 未回答; staff attach a fact found with the teach
 * page's search; a paraphrase asked on 问答 then gets the taught answer with
 * its source, and 缺口 counts the use. Staff's own question reaches 缺口
 * only when 发送到缺口 is ticked; the teach and untaught are audit rows.
 * Skips itself when Chromium is not installed.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServer, type ConsoleServer } from '../../../bot/channels/console/console-server.js';
import { silentLogger } from '../../../bot/log.js';
import { ARTIFACTS, CHROMIUM, hasChromium, launchChromium, type LaunchedBrowser } from './browser.js';
import { makeTestApp, type TestApp } from './harness.js';

const GAP = '培训可以分期付款吗';
const PARAPHRASE = '請問培訓可以分期付款嗎？';
const FACT = 'zz26-payment-arranged';

describe.skipIf(!hasChromium)(`teaching the bot on 缺口 in headless Chromium (needs ${CHROMIUM})`, () => {
  let t: TestApp;
  let server: ConsoleServer;
  let url: string;
  let context: BrowserContext;
  let page: Page;
  let browser: LaunchedBrowser | undefined;

  beforeAll(async () => {
    t = await makeTestApp({ DTE_CONSOLE_PORT: '0' });
    // A resident asks in WeChat (the same handler); the bot says the notices do not say.
    await t.app.handler.handle({ conversationId: 'wechat:r1', userId: 'r1', text: GAP, chat: 'private', channel: 'test' });
    server = createConsoleServer({ app: t.app, config: t.config, logger: silentLogger });
    url = (await server.listen()).replace(/\/$/, '');
    browser = await launchChromium();
    context = browser.context;
    page = context.pages()[0] ?? (await context.newPage());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  const hitsOf = async () => Number(await page.textContent('#taught tr.taught .hits'));

  it('shows the question the bot could not answer as 未回答 1', async () => {
    await page.goto(`${url}/gaps`);
    const row = page.locator('#gaps tr.gap', { hasText: GAP });
    expect(await row.count()).toBe(1);
    expect(await row.locator('.unanswered').textContent()).toBe('1');
  });

  it('teaches it a fact found with the search box', async () => {
    await Promise.all([page.waitForNavigation(), page.locator('#gaps tr.gap', { hasText: GAP }).locator('a.teach-link').click()]);
    expect(await page.textContent('#teach-question')).toBe(GAP);
    await page.fill('#teach-search input[name=q]', '统一安排费用缴纳');
    await Promise.all([page.waitForNavigation(), page.click('#teach-search button')]);
    await page.check(`input[name="f:${FACT}"]`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'teach-1280.png'), fullPage: true });
    await Promise.all([page.waitForNavigation(), page.click('#teach-form button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe('/gaps');
    expect(await page.textContent('#gaps-notice')).toContain('已保存');
    expect(await page.textContent('#taught')).toContain(GAP);
    expect(await hitsOf()).toBe(0);
  });

  it('answers a paraphrase on 问答 with the taught fact and its source, and 缺口 counts the use', async () => {
    await page.goto(`${url}/`);
    await page.fill('textarea[name=q]', PARAPHRASE);
    await Promise.all([page.waitForNavigation(), page.click('#ask-form button[type=submit]')]);
    const answer = (await page.textContent('#answer')) ?? '';
    expect(answer).toContain('统一安排费用缴纳');
    expect(answer).toMatch(/来源：/);
    expect(await page.textContent('#trace-route')).toContain('教过的回答');
    expect(await page.locator('#sources .source').count()).toBeGreaterThan(0);
    await page.goto(`${url}/gaps`);
    expect(await hitsOf()).toBe(1);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'gaps-taught-390.png'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('sends a 问答 question to 缺口 only when the box is ticked', async () => {
    const q = '报名需要带户口本吗';
    await page.goto(`${url}/`);
    await page.fill('textarea[name=q]', q);
    await Promise.all([page.waitForNavigation(), page.click('#ask-form button[type=submit]')]);
    await page.goto(`${url}/gaps`);
    expect(await page.locator('#gaps tr.gap', { hasText: q }).count()).toBe(0);
    await page.goto(`${url}/`);
    await page.fill('textarea[name=q]', q);
    await page.check('#send-to-gaps');
    await Promise.all([page.waitForNavigation(), page.click('#ask-form button[type=submit]')]);
    expect(await page.textContent('#sent-to-gaps')).toContain('已发送到缺口');
    await page.goto(`${url}/gaps`);
    expect(await page.locator('#gaps tr.gap', { hasText: q }).count()).toBe(1);
  });

  it('untaught stops the answer, and 审计 lists the teach and the untaught', async () => {
    await page.goto(`${url}/gaps`);
    await Promise.all([page.waitForNavigation(), page.click('#taught tr.taught form button')]);
    expect(await page.textContent('#taught')).toContain('还没有教过的回答');
    const r = await t.app.ask(PARAPHRASE, { log: false });
    expect(r.trace.route).not.toBe('taught');
    await page.goto(`${url}/audit`);
    const audit = (await page.textContent('main')) ?? '';
    expect(audit).toContain('教回答');
    expect(audit).toContain('撤销教过的回答');
    expect(audit).toContain('问答发送到缺口');
  });
});
