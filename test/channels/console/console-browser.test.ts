/**
 * The console in real headless Chromium (Debian's /usr/bin/chromium, driven
 * by playwright-core): the pages' inline scripts must run under the CSP, and
 * a full registration through the chat simulator must show up in 报名 and in
 * the xlsx export. Skips itself, saying why, when Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServer, type ConsoleServer } from '../../../bot/channels/console/console-server.js';
import { silentLogger } from '../../../bot/log.js';
import { makeTestApp, type TestApp } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`console browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

describe.skipIf(!hasChromium)(`console in headless Chromium (needs ${CHROMIUM})`, () => {
  let t: TestApp;
  let server: ConsoleServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  const cspErrors: string[] = [];

  beforeAll(async () => {
    t = await makeTestApp({ DTE_CONSOLE_PORT: '0' });
    server = createConsoleServer({ app: t.app, config: t.config, logger: silentLogger });
    url = (await server.listen()).replace(/\/$/, '');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  it('asks a question and shows the clause it rests on, and copies the answer', async () => {
    await page.goto(`${url}/`);
    await page.fill('textarea[name=q]', '枣庄中级培训费多少？');
    await Promise.all([page.waitForNavigation(), page.click('#ask-form button[type=submit]')]);
    const answer = await page.textContent('#answer');
    expect(answer).toMatch(/培训费/);
    const clause = page.locator('#sources blockquote').first();
    await expect.poll(() => clause.locator('mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#sources strong').first().textContent()).toContain('枣庄');
    await page.click('#copy-answer');
    await expect.poll(() => page.textContent('#copy-answer')).toBe('已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(answer);
    expect(cspErrors).toEqual([]);
  });

  it('registers through the chat simulator and finds the row in 报名, masked until revealed', async () => {
    await page.goto(`${url}/chat`);
    const say = async (text: string) => {
      const before = await page.locator('#log .msg.bot').count();
      await page.fill('#chat-input', text);
      await page.press('#chat-input', 'Enter');
      await expect.poll(() => page.locator('#log .msg.bot').count(), { timeout: 10000 }).toBeGreaterThan(before);
      return (await page.locator('#log .msg.bot').allTextContents()).slice(before).join('\n');
    };
    expect(await say('我要报名')).toContain('同意');
    await say('同意');
    const summary = await say('我叫王小明，男，身份证110101199003074514，手机13912345678，本科 计算机，无职称，在枣庄某某科技公司，滕州的，报初级');
    expect(summary).toContain('139****5678');
    const done = await say('确认');
    const reference = /[A-Z]+\d*-\d{6}/.exec(done)?.[0];
    expect(reference, done).toBeDefined();
    expect(await page.locator('#log .msg.user').count()).toBe(4);

    await page.goto(`${url}/registrations?district=${encodeURIComponent('滕州市')}`);
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await expect.poll(() => row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('王**');
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('110101199003074514');

    await row.locator('input[name=staff]').fill('王工号007');
    await Promise.all([page.waitForNavigation(), row.locator('button[type=submit]').click()]);
    const revealed = (await page.textContent('#revealed')) ?? '';
    expect(revealed).toContain('110101199003074514');
    expect(revealed).toContain('13912345678');
  });

  it('downloads the xlsx export and reads the registration back with exceljs', async () => {
    await page.goto(`${url}/registrations?district=${encodeURIComponent('滕州市')}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    expect(download.suggestedFilename()).toBe('registrations-2026-03-01.xlsx');
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('姓名');
    expect(ws.getRow(2).getCell(1).value).toBe('王小明');
    expect(String(ws.getRow(2).getCell(3).value)).toBe('110101199003074514');
    expect(cspErrors).toEqual([]);
  });
});
