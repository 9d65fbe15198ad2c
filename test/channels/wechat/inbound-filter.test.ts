import { afterEach, describe, expect, it } from 'vitest';
import { echoHandler, startHarness, waitFor, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const TEXT = 7; // types.Message.Text
const IMAGE = 6; // types.Message.Image
const OFFICIAL = 2; // types.Contact.Official

describe('WeChat channel: inbound filters', () => {
  it("ignores the bot's own messages", async () => {
    const handler = echoHandler();
    h = await startHarness({ handler });
    const alice = h.mocker.createContact({ name: 'Alice' });
    h.botUser.say('这是我自己发的').to(alice);
    await h.dropped('self');
    expect(handler.seen).toEqual([]);
  });

  it('ignores messages sent before the bot started (no backlog replay)', async () => {
    const handler = echoHandler();
    h = await startHarness({ handler });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    const old = h.mocker.MessageMock.create({
      id: 'old-1',
      talkerId: alice.id,
      listenerId: h.botUser.id,
      timestamp: Date.now() - 60 * 60 * 1000,
      type: TEXT,
      text: '昨天的问题',
    } as never);
    h.puppet.emit('message', { messageId: old.id });
    await h.dropped('stale');
    h.say(alice, '今天的问题');
    await waitFor(() => box.length === 1);
    expect(handler.seen.map((m) => m.text)).toEqual(['今天的问题']);
  });

  it('judges "before the start" on the injected clock', async () => {
    const handler = echoHandler();
    // The bot believes it started ten minutes from now: everything sent now is backlog.
    h = await startHarness({ handler, clock: () => new Date(Date.now() + 10 * 60 * 1000) });
    const alice = h.mocker.createContact({ name: 'Alice' });
    h.say(alice, '现在发的问题');
    await h.dropped('stale');
    expect(handler.seen).toEqual([]);
  });

  it('handles a message id delivered twice only once', async () => {
    const handler = echoHandler();
    h = await startHarness({ handler });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    const msg = h.mocker.MessageMock.create({
      id: 'dup-1',
      talkerId: alice.id,
      listenerId: h.botUser.id,
      timestamp: Date.now(),
      type: TEXT,
      text: '重复的问题',
    } as never);
    h.puppet.emit('message', { messageId: msg.id });
    h.puppet.emit('message', { messageId: msg.id });
    await h.dropped('duplicate');
    await waitFor(() => box.length === 1);
    expect(handler.seen.map((m) => m.text)).toEqual(['重复的问题']);
  });

  it('ignores official accounts', async () => {
    const handler = echoHandler();
    h = await startHarness({ handler });
    const news = h.mocker.createContact({ name: '某公众号', type: OFFICIAL });
    h.say(news, '今日推送');
    await h.dropped('official');
    expect(handler.seen).toEqual([]);
  });

  it('answers only in allow-listed rooms, matched by topic or id', async () => {
    const handler = echoHandler();
    h = await startHarness({ handler, env: { DTE_ROOM_ALLOWLIST: '报名咨询群' } });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const allowed = h.mocker.createRoom({ topic: '报名咨询群', memberIdList: [h.botUser.id, alice.id] });
    const other = h.mocker.createRoom({ topic: '闲聊群', memberIdList: [h.botUser.id, alice.id] });
    const box = h.roomInbox(allowed);
    alice.say('@DTE助手 闲聊群里的问题', [h.botUser]).to(other);
    await h.dropped('room-not-allowed');
    alice.say('@DTE助手 咨询群里的问题', [h.botUser]).to(allowed);
    await waitFor(() => box.length === 1);
    expect(handler.seen.map((m) => m.text)).toEqual(['咨询群里的问题']);
  });

  it('does not answer a non-text message in a group, which cannot @-mention the bot', async () => {
    const handler = echoHandler();
    h = await startHarness({ handler });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const room = h.mocker.createRoom({ topic: '群', memberIdList: [h.botUser.id, alice.id] });
    const box = h.roomInbox(room);
    const image = h.mocker.MessageMock.create({
      id: 'room-image-1',
      talkerId: alice.id,
      roomId: room.id,
      mentionIdList: [h.botUser.id],
      timestamp: Date.now(),
      type: IMAGE,
    } as never);
    h.puppet.emit('message', { messageId: image.id });
    await h.dropped('not-mentioned');
    expect(box).toEqual([]);
    expect(handler.seen).toEqual([]);
  });

  it('drops messages that arrive while stopping', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const handler = echoHandler(async (m) => {
      if (m.text === '慢问题') await gate;
      return [`答：${m.text}`];
    });
    h = await startHarness({ handler });
    const alice = h.mocker.createContact({ name: 'Alice' });
    const box = h.inbox(alice);
    h.say(alice, '慢问题');
    await waitFor(() => handler.seen.length === 1);
    const stopping = h.channel.stop();
    h.say(alice, '停止时的问题');
    await h.dropped('stopping');
    release();
    await stopping;
    h = undefined;
    // The message in hand was still answered before the puppet stopped.
    expect(box).toEqual(['答：慢问题']);
    expect(handler.seen.map((m) => m.text)).toEqual(['慢问题']);
  });
});
