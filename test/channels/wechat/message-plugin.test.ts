import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../bot/engine/types.js';
import { wechatPrompts } from '../../../prompts/wechat.js';
import { echoHandler, startHarness, waitFor, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('WeChat channel: answering messages', () => {
  it('sends the handler replies to a private question, in order, keyed by the bot account and the talker', async () => {
    const handler = echoHandler(() => ['第一段答复', '第二段答复']);
    h = await startHarness({ handler });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    h.say(alice, '报名需要什么条件？');
    await waitFor(() => box.length === 2);
    expect(box).toEqual(['第一段答复', '第二段答复']);
    expect(handler.seen).toEqual([
      { conversationId: `wechat:${h.botUser.id}:${alice.id}`, userId: alice.id, text: '报名需要什么条件？', chat: 'private', channel: 'wechat' },
    ]);
  });

  it('ignores a group message without @ and answers one with @, mention stripped and the asker @-mentioned', async () => {
    const handler = echoHandler();
    h = await startHarness({ handler });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const room = h.mocker.createRoom({ topic: '数字技术交流群', memberIdList: [h.botUser.id, alice.id] });
    const box = h.roomInbox(room);

    alice.say('大家好，今天天气不错').to(room);
    await h.dropped('not-mentioned');
    expect(handler.seen).toEqual([]);

    alice.say('@DTE助手 中级怎么报名？', [h.botUser]).to(room);
    await waitFor(() => box.length === 1);
    expect(handler.seen).toHaveLength(1);
    expect(handler.seen[0]).toMatchObject({ text: '中级怎么报名？', chat: 'group', userId: alice.id });
    expect(box[0]).toMatch(/^@Alice\s答：中级怎么报名？$/u);
  });

  it('gives two people in one room different conversation ids', async () => {
    const handler = echoHandler();
    h = await startHarness({ handler });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const bob = h.mocker.createContact({ name: 'Bob' });
    const room = h.mocker.createRoom({ topic: '群', memberIdList: [h.botUser.id, alice.id, bob.id] });
    const box = h.roomInbox(room);
    alice.say('@DTE助手 我要报名', [h.botUser]).to(room);
    bob.say('@DTE助手 我也要报名', [h.botUser]).to(room);
    await waitFor(() => box.length === 2);
    const ids = handler.seen.map((m) => m.conversationId).sort();
    expect(ids).toEqual([`wechat:${h.botUser.id}:${room.id}:${alice.id}`, `wechat:${h.botUser.id}:${room.id}:${bob.id}`].sort());
  });

  it('answers a non-text private message once with the polite text-only reply, without calling the handler', async () => {
    const handler = echoHandler();
    h = await startHarness({ handler });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    const image = h.mocker.MessageMock.create({
      id: 'image-1',
      talkerId: alice.id,
      listenerId: h.botUser.id,
      timestamp: Date.now(),
      type: 6, // types.Message.Image
    } as never);
    h.puppet.emit('message', { messageId: image.id });
    await waitFor(() => box.length === 1);
    expect(box).toEqual([wechatPrompts.nonText]);
    expect(handler.seen).toEqual([]);
  });

  it('handles quick successive messages of one user one at a time and answers them in order', async () => {
    let running = 0;
    let maxRunning = 0;
    const delays: Record<string, number> = { 一: 40, 二: 5, 三: 0 };
    const handler = echoHandler(async (m) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, delays[m.text] ?? 0));
      running--;
      return [`答：${m.text}`];
    });
    h = await startHarness({ handler });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    h.say(alice, '一');
    h.say(alice, '二');
    h.say(alice, '三');
    await waitFor(() => box.length === 3);
    expect(box).toEqual(['答：一', '答：二', '答：三']);
    expect(handler.seen.map((m) => m.text)).toEqual(['一', '二', '三']);
    expect(maxRunning).toBe(1);
  });

  it('handles two users concurrently without crossing their replies', async () => {
    let releaseAlice: () => void = () => {};
    const aliceGate = new Promise<void>((r) => (releaseAlice = r));
    const seen: InboundMessage[] = [];
    h = await startHarness({
      handler: {
        async handle(m) {
          seen.push(m);
          if (m.text === 'Alice的问题') await aliceGate;
          return { replies: [`给${m.text}的答复`] };
        },
      },
    });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const bob = h.mocker.createContact({ name: 'Bob' });
    const aliceBox = h.inbox(alice);
    const bobBox = h.inbox(bob);
    h.say(alice, 'Alice的问题');
    await waitFor(() => seen.length === 1);
    h.say(bob, 'Bob的问题');
    // Bob is answered while Alice's turn is still running.
    await waitFor(() => bobBox.length === 1);
    expect(aliceBox).toEqual([]);
    releaseAlice();
    await waitFor(() => aliceBox.length === 1);
    expect(aliceBox).toEqual(['给Alice的问题的答复']);
    expect(bobBox).toEqual(['给Bob的问题的答复']);
  });

  it('splits a long answer into several messages sent in order', async () => {
    const paragraphs = [
      '第一段：' + '数字技术工程师培育项目面向从业人员。'.repeat(5),
      '第二段：' + '报名前请阅读通知原文并准备好材料。'.repeat(5),
      '第三段：' + '培训结束后参加考核，合格者取得证书。'.repeat(5),
    ];
    h = await startHarness({ handler: echoHandler(() => [paragraphs.join('\n\n')]), env: { DTE_MAX_MESSAGE_CHARS: '100' } });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    h.say(alice, '介绍一下项目');
    await waitFor(() => box.length >= 3);
    await new Promise((r) => setTimeout(r, 20));
    expect(box.length).toBeGreaterThanOrEqual(3);
    for (const piece of box) expect([...piece].length).toBeLessThanOrEqual(100);
    expect(box.join('')).toBe(paragraphs.join('').replace(/\s/gu, ''));
    expect(box[0]!.startsWith('第一段')).toBe(true);
  });

  it('answers with the polite fallback when the handler throws, and keeps answering afterwards', async () => {
    let calls = 0;
    h = await startHarness({
      handler: {
        async handle(m) {
          calls++;
          if (calls === 1) throw new Error('database is locked for 13912345678');
          return { replies: [`答：${m.text}`] };
        },
      },
    });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    h.say(alice, '第一个问题');
    await waitFor(() => box.length === 1);
    expect(box).toEqual([wechatPrompts.handlerFailed]);
    h.say(alice, '第二个问题');
    await waitFor(() => box.length === 2);
    expect(box[1]).toBe('答：第二个问题');
    const failure = h.logs.find((l) => l.msg === 'wechat handler failed');
    expect(failure).toBeDefined();
    expect(JSON.stringify(failure)).not.toContain('13912345678');
    expect(JSON.stringify(failure)).toContain('139****5678');
  });

  it('answers with the polite fallback when the handler hangs past its timeout', async () => {
    h = await startHarness({
      handler: { handle: () => new Promise(() => {}) },
      tuning: { handlerTimeoutMs: 50 },
    });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    h.say(alice, '在吗');
    await waitFor(() => box.length === 1);
    expect(box).toEqual([wechatPrompts.handlerFailed]);
  });

  it('keeps answering after a send fails', async () => {
    h = await startHarness();
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    const original = h.puppet.messageSendText.bind(h.puppet);
    let failNext = true;
    h.puppet.messageSendText = async (...args: Parameters<typeof original>) => {
      if (failNext) {
        failNext = false;
        throw new Error('network hiccup');
      }
      return original(...args);
    };
    h.say(alice, '问题一');
    await waitFor(() => h!.logs.some((l) => l.msg === 'wechat send failed'));
    h.say(alice, '问题二');
    await waitFor(() => box.length === 1);
    expect(box).toEqual(['答：问题二']);
  });

  it('sends one polite notice past the per-user rate limit, then stays silent until the window frees', async () => {
    let offsetMs = 0;
    const clock = () => new Date(Date.now() + offsetMs);
    const handler = echoHandler();
    h = await startHarness({ handler, clock, env: { DTE_USER_RATE_PER_MINUTE: '2' } });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    for (const text of ['一', '二', '三', '四']) h.say(alice, text);
    await h.dropped('rate-limited');
    await waitFor(() => box.length === 3);
    expect(box).toEqual(['答：一', '答：二', wechatPrompts.rateLimited]);
    expect(handler.seen.map((m) => m.text)).toEqual(['一', '二']);

    offsetMs = 61_000;
    h.say(alice, '五');
    await waitFor(() => box.length === 4);
    expect(box[3]).toBe('答：五');
  });
});
