/**
 * The console in real headless Chromium (Debian's /usr/bin/chromium, driven
 * by playwright-core): the pages' inline scripts must run under the CSP, a
 * full registration through the chat simulator must show up in 报名 and in
 * the exports, and every page must fit a 1280 px laptop and a 390 px phone
 * without the page scrolling sideways or a table hiding columns. Screenshots
 * of every page at both widths are kept in test-artifacts/console/ (git
 * ignores it). Skips itself, saying why, when Chromium is not installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WechatStatusLike } from '../../../bot/channels/console/console-app.js';
import { createConsoleServer, type ConsoleServer } from '../../../bot/channels/console/console-server.js';
import { silentLogger } from '../../../bot/log.js';
import { ARTIFACTS, CHROMIUM, hasChromium, launchChromium, type LaunchedBrowser } from './browser.js';
import { makeTestApp, registration, type TestApp } from './harness.js';




const WIDTHS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** A registration made 2026-12-02 05:15 Beijing time, i.e. still 12-01 in UTC. */
const EARLY = registration({
  reference: 'ZZ26-000777',
  userId: 'wechat:early',
  name: '欧阳晨曦',
  idNumber: '370402199001011234',
  education: '硕士研究生 计算机科学与技术（人工智能与大数据方向）',
  title: '',
  employer: '枣庄市薛城区某某数字化智能制造科技股份有限公司',
  district: '薛城区',
  level: '中级',
  createdAt: '2026-12-01T21:15:11.417Z',
  updatedAt: '2026-12-01T21:15:11.417Z',
});

describe.skipIf(!hasChromium)(`console in headless Chromium (needs ${CHROMIUM})`, () => {
  let t: TestApp;
  let server: ConsoleServer;
  let url: string;
  let context: BrowserContext;
  let page: Page;
  let browser: LaunchedBrowser | undefined;
  const cspErrors: string[] = [];
  const offsite: string[] = [];
  const wechat: WechatStatusLike = {
    state: 'waiting-scan',
    qrcodeUrl: `https://wechaty.js.org/qrcode/${encodeURIComponent('https://login.weixin.qq.com/l/IcT-x0Zt8Q==')}`,
    startedAt: '2026-12-01T21:00:00.000Z',
  };

  beforeAll(async () => {
    t = await makeTestApp({ DTE_CONSOLE_PORT: '0' });
    await t.app.store.upsertRegistration(EARLY);
    for (const [question, answered, confidence, route] of [
      ['枣庄的培训在哪个教室上课？', false, 0, 'class-venue-not-stated'],
      ['枣庄培训在哪里上课', false, 0, 'class-venue-not-stated'],
      ['学费能开发票吗', true, 0.35, 'facts-weak'],
    ] as const) {
      await t.app.store.logQuestion({ question, answered, confidence, route, time: '2026-12-01T22:30:00.000Z' });
    }
    server = createConsoleServer({ app: t.app, config: t.config, logger: silentLogger, wechatStatus: () => wechat });
    url = (await server.listen()).replace(/\/$/, '');
    browser = await launchChromium({ acceptDownloads: true });
    context = browser.context;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== url) offsite.push(r.url());
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  /** Page and table widths: neither the page nor any table box may scroll sideways. */
  async function overflow(p: Page) {
    return p.evaluate(() => {
      const doc = document.documentElement;
      const boxes = Array.from(document.querySelectorAll<HTMLElement>('.table-wrap, pre, dl.kv, blockquote'))
        .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}#${el.id || el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
      return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, boxes };
    });
  }

  async function askEligibility(p: Page) {
    await p.goto(`${url}/`);
    await p.fill('textarea[name=q]', '我本科毕业，有初级证书3年了，枣庄中级能报吗？');
    await Promise.all([p.waitForNavigation(), p.click('#ask-form button[type=submit]')]);
  }

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

  it('shows the deciding clause of an eligibility answer under its stem, in Chinese, with codes and tool JSON behind 技术细节', async () => {
    await askEligibility(page);
    const sources = (await page.textContent('#sources')) ?? '';
    expect(sources).toContain('中级培训对象需具备以下条件之一：');
    expect(sources).toContain('（2）具备大学本科学历，或学士学位，或大学专科学历，取得初级专业技术等级后，从事本职业技术工作满3年；');
    expect(await page.textContent('#trace-route')).toBe('报名条件');
    expect(await page.textContent('#trace-mode')).toContain('离线');
    // What staff read (closed <details> are not rendered, so innerText leaves them out).
    const visible = await page.evaluate(() => document.querySelector('main')!.innerText);
    expect(visible).toContain('判断报名条件');
    expect(visible).not.toMatch(/eligibility|offline|zz26-|"decision"|\bmode\b/);
    await page.click('#tools-tech summary');
    expect(await page.locator('#tools-tech pre').first().isVisible()).toBe(true);
    expect(await page.textContent('#tools-tech')).toContain('"decision": "eligible"');
    await page.click('#trace-tech summary');
    expect(await page.textContent('#trace-tech')).toContain('zz26-eligibility-middle');
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
    expect(await row.locator('td[data-label="职称"]').textContent()).toBe('无');

    await row.locator('input[name=staff]').fill('王工号007');
    await Promise.all([page.waitForNavigation(), row.locator('button[type=submit]').click()]);
    const revealed = (await page.textContent('#revealed')) ?? '';
    expect(revealed).toContain('110101199003074514');
    expect(revealed).toContain('13912345678');
    expect(await page.textContent('[role=note]')).toMatch(/时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}。/);
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

  it('downloads the CSV export with the ID number as ="…" text, so Excel keeps all 18 digits', async () => {
    await page.goto(`${url}/registrations?district=${encodeURIComponent('滕州市')}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(download.suggestedFilename()).toBe('registrations-2026-03-01.csv');
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, row] = csv.split('\r\n');
    const cells = [...row!.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
    const col = header!.split(',').indexOf('身份证号');
    expect(cells[col]).toBe('="110101199003074514"');
    expect(cells[header!.split(',').indexOf('手机号')]).toBe('="13912345678"');
    expect(cells[header!.split(',').indexOf('职称')]).toBe('无');
    expect(cells[header!.split(',').indexOf('提交时间')]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('shows times in Beijing time and finds a 05:15 registration under its Beijing date', async () => {
    await page.goto(`${url}/registrations?from=2026-12-02&to=2026-12-02`);
    const row = page.locator('tr[data-reference="ZZ26-000777"]');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td[data-label="提交时间"]').textContent()).toBe('2026-12-02 05:15');
    await page.goto(`${url}/registrations?from=2026-12-01&to=2026-12-01`);
    expect(await page.locator('tr[data-reference="ZZ26-000777"]').count()).toBe(0);
    await page.goto(`${url}/gaps`);
    expect(await page.textContent('#gaps')).toContain('2026-12-02 06:30');
    await page.goto(`${url}/status`);
    expect(await page.textContent('#wechat-status')).toContain('2026-12-02 05:00');
    expect(await page.textContent('#server-time')).toContain('2026-03-01 00:00');
  });

  it('labels routes on 缺口 in Chinese', async () => {
    await page.goto(`${url}/gaps`);
    const text = (await page.textContent('#gaps')) ?? '';
    expect(text).toContain('开班地点（通知未说明）');
    expect(text).toContain('事实表检索（把握不大，列出最接近的规定）');
    expect(text).not.toMatch(/not-stated|facts-weak/);
  });

  it('draws the WeChat login QR code locally and asks nothing of any other host', async () => {
    await page.goto(`${url}/status`);
    const img = page.locator('#qrcode img.qr');
    expect(await img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await page.content()).not.toContain('wechaty.js.org');
    expect(offsite).toEqual([]);
  });

  for (const vp of WIDTHS) {
    it(`fits every page in ${vp.width} px without sideways scrolling or hidden columns (screenshots in test-artifacts/console)`, async () => {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      const pages: Array<[string, (p: Page) => Promise<unknown>]> = [
        ['ask', (p) => p.goto(`${url}/`)],
        ['ask-answer', askEligibility],
        ['facts', (p) => p.goto(`${url}/facts`)],
        ['registrations', (p) => p.goto(`${url}/registrations`)],
        ['gaps', (p) => p.goto(`${url}/gaps`)],
        ['chat', (p) => p.goto(`${url}/chat`)],
        ['status', (p) => p.goto(`${url}/status`)],
        [
          'reveal',
          async (p) => {
            await p.goto(`${url}/registrations`);
            const row = p.locator('tr[data-reference="ZZ26-000777"]');
            await row.locator('input[name=staff]').fill('李工号001');
            await Promise.all([p.waitForNavigation(), row.locator('button[type=submit]').click()]);
          },
        ],
      ];
      const problems: string[] = [];
      for (const [name, open] of pages) {
        await open(page);
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${vp.width}.png`), fullPage: true });
        const o = await overflow(page);
        if (o.scrollWidth > o.clientWidth) problems.push(`${name}: page ${o.scrollWidth} > ${o.clientWidth}`);
        for (const b of o.boxes) problems.push(`${name}: ${b}`);
        const text = await page.evaluate(() => document.querySelector('main')!.innerText);
        if (/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) problems.push(`${name}: ISO time shown`);
      }
      expect(problems).toEqual([]);

      await page.goto(`${url}/registrations`);
      // 查看完整信息 stays on one line; every column stays visible; 提交时间 is not cut.
      const button = page.locator('tr[data-reference="ZZ26-000777"] button[type=submit]');
      const lineHeight = await button.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
      expect((await button.boundingBox())!.height).toBeLessThan(lineHeight * 2);
      const time = page.locator('tr[data-reference="ZZ26-000777"] td[data-label="提交时间"]');
      expect(await time.isVisible()).toBe(true);
      expect(await time.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const hidden = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('#registrations tbody td')).filter((td) => {
          const r = td.getBoundingClientRect();
          return r.width === 0 || r.right > document.documentElement.clientWidth + 1;
        }).length,
      );
      expect(hidden).toBe(0);
      expect(existsSync(path.join(ARTIFACTS, `registrations-${vp.width}.png`))).toBe(true);
    });
  }
});
