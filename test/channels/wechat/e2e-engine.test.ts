/**
 * End to end through WeChat: residents on wechaty-puppet-mock talk to the
 * real channel, which hands their messages to a real App (facts, notices,
 * index in a temp dir, in-memory database, clock fixed at 2026-03-01).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../bot/app.js';
import { parseConfig } from '../../../bot/config.js';
import { createLogger } from '../../../bot/log.js';
import { startHarness, waitFor, type ContactMock, type Harness } from './harness.js';
import { idNumber, stepwiseAnswers, WANG, ZHANG, type Resident } from '../../fixtures/dialogues/residents.js';

let dir: string;
let app: App;
let h: Harness | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dte-wechat-e2e-'));
  const parsed = parseConfig({ DTE_DB: ':memory:', DTE_INDEX_DIR: path.join(dir, 'index'), DTE_NOW: '2026-03-01', DTE_LOG_LEVEL: 'silent' });
  if (!parsed.ok) throw new Error(parsed.message);
  app = await createApp(parsed.config, { logger: createLogger('silent') });
}, 60_000);

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<Harness> {
  // A whole registration is a dozen messages: lift the per-user rate limit above that.
  h = await startHarness({ handler: app.handler, env: { DTE_USER_RATE_PER_MINUTE: '100' } });
  return h;
}

/** Say `text` privately and wait for the bot's next message(s); resolves to what it sent in reply. */
async function exchange(harness: Harness, contact: ContactMock, text: string): Promise<string> {
  const box = harness.inbox(contact);
  const before = box.length;
  harness.say(contact, text);
  await waitFor(() => box.length > before, 5000, `a reply to "${text}"`);
  // A long reply may arrive in several messages: let the send queue finish.
  await app.handler.drain();
  await new Promise((r) => setTimeout(r, 30));
  return box.slice(before).join('\n');
}

function registrationMessages(r: Resident): string[] {
  return ['我要报名', '同意', ...stepwiseAnswers(r), '确认'];
}

describe('WeChat end to end with the real engine', () => {
  it('answers a private question with the amount from the facts and a 来源 line', async () => {
    const harness = await start();
    const alice = harness.mocker.createContact({ name: '居民甲' });
    const reply = await exchange(harness, alice, '枣庄中级培训补贴多少？');
    expect(reply).toContain('1300');
    expect(reply).toMatch(/来源：.*《枣庄2026年度培育项目通知》/u);
  });

  it('takes a whole registration in a private chat and stores it under the WeChat user', async () => {
    const harness = await start();
    const resident = harness.mocker.createContact({ name: '张伟' });
    const replies: string[] = [];
    for (const m of registrationMessages(ZHANG)) replies.push(await exchange(harness, resident, m));
    expect(replies[replies.length - 2]).not.toContain(ZHANG.idNumber);
    expect(replies[replies.length - 1]).toMatch(/DTE-\d+/u);

    const stored = (await app.store.listRegistrations()).filter((r) => r.idNumber === ZHANG.idNumber);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      userId: resident.id,
      name: ZHANG.name,
      gender: ZHANG.gender,
      phone: ZHANG.phone,
      district: ZHANG.district,
      level: ZHANG.level,
      status: 'submitted',
    });
  });

  it('redirects an attempt to register in a group to a private chat and starts no form there', async () => {
    const harness = await start();
    const alice = harness.mocker.createContact({ name: 'Alice' });
    const room = harness.mocker.createRoom({ topic: '数字技术交流群', memberIdList: [harness.botUser.id, alice.id] });
    const box = harness.roomInbox(room);
    alice.say('@DTE助手 我要报名', [harness.botUser]).to(room);
    await waitFor(() => box.length === 1, 5000, 'the group reply');
    expect(box[0]).toContain('私聊');
    await app.handler.drain();
    expect((await app.store.getSession(`wechat:${room.id}:${alice.id}`))?.form).toBeUndefined();
  });

  it('keeps two residents registering at the same time apart', async () => {
    const harness = await start();
    const a = harness.mocker.createContact({ name: '王芳' });
    const b = harness.mocker.createContact({ name: '李强' });
    const li: Resident = { ...ZHANG, name: '李强', idNumber: idNumber('19880808', '男', '03'), phone: '13711112222', level: '中级', title: '助理工程师' };
    const aMessages = registrationMessages(WANG);
    // 中级 with a title: the form asks how long since the title before the summary.
    const bMessages = ['我要报名', '同意', ...stepwiseAnswers(li), '3年', '确认'];
    // Interleave: both send a message, then both wait for their replies.
    const count = Math.max(aMessages.length, bMessages.length);
    for (let i = 0; i < count; i++) {
      const turns: Array<Promise<string>> = [];
      if (aMessages[i]) turns.push(exchange(harness, a, aMessages[i]!));
      if (bMessages[i]) turns.push(exchange(harness, b, bMessages[i]!));
      await Promise.all(turns);
    }

    const all = await app.store.listRegistrations();
    const mine = (userId: string) => all.filter((r) => r.userId === userId);
    expect(mine(a.id)).toHaveLength(1);
    expect(mine(a.id)[0]).toMatchObject({ name: WANG.name, idNumber: WANG.idNumber, phone: WANG.phone, district: WANG.district, level: '初级' });
    expect(mine(b.id)).toHaveLength(1);
    expect(mine(b.id)[0]).toMatchObject({ name: li.name, idNumber: li.idNumber, phone: li.phone, level: '中级', title: '助理工程师' });
  }, 30_000);
});
