import { afterEach, describe, expect, it, vi } from 'vitest';
import { wechatPrompts } from '../../../prompts/wechat.js';
import { startHarness, waitFor, type ContactMock, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const RECEIVE = 2; // types.Friendship.Receive

async function requestFriendship(h: Harness, from: ContactMock, id: string, hello: string): Promise<void> {
  await h.puppet.friendshipPayload(id, { id, contactId: from.id, hello, type: RECEIVE, timestamp: Date.now() } as never);
  h.puppet.emit('friendship', { friendshipId: id });
}

describe('WeChat channel: friend requests', () => {
  it('accepts a friend request and sends the welcome with example questions', async () => {
    h = await startHarness();
    const accept = vi.spyOn(h.puppet, 'friendshipAccept');
    const carol = h.mocker.createContact({ name: 'Carol' });
    const box = h.inbox(carol);
    await requestFriendship(h, carol, 'fr-1', '你好');
    await waitFor(() => box.length === 1);
    expect(accept).toHaveBeenCalledWith('fr-1');
    expect(box).toEqual([wechatPrompts.friendWelcome]);
    expect(box[0]).toContain('我要报名');
  });

  it('ignores a request whose hello lacks the configured keyword and accepts one that has it', async () => {
    h = await startHarness({ env: { DTE_FRIEND_KEYWORD: '培训' } });
    const accept = vi.spyOn(h.puppet, 'friendshipAccept');
    const dave = h.mocker.createContact({ name: 'Dave' });
    const erin = h.mocker.createContact({ name: 'Erin' });
    const daveBox = h.inbox(dave);
    const erinBox = h.inbox(erin);
    await requestFriendship(h, dave, 'fr-2', '你好，加个好友');
    await waitFor(() => h!.logs.some((l) => l.msg === 'wechat friend request ignored: keyword missing'));
    await requestFriendship(h, erin, 'fr-3', '我想咨询培训报名');
    await waitFor(() => erinBox.length === 1);
    expect(accept.mock.calls).toEqual([['fr-3']]);
    expect(daveBox).toEqual([]);
  });

  it('leaves friend requests alone when auto-accept is off', async () => {
    h = await startHarness({ env: { DTE_FRIEND_AUTO_ACCEPT: 'false' } });
    const accept = vi.spyOn(h.puppet, 'friendshipAccept');
    const frank = h.mocker.createContact({ name: 'Frank' });
    await requestFriendship(h, frank, 'fr-4', '培训');
    await waitFor(() => h!.logs.some((l) => l.msg === 'wechat friend request left for staff'));
    expect(accept).not.toHaveBeenCalled();
  });
});
