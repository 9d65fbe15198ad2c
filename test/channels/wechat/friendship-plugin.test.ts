import { afterEach, describe, expect, it, vi } from 'vitest';
import { wechatPrompts } from '../../../prompts/wechat.js';
import { startHarness, waitFor, type ContactMock, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const CONFIRM = 1; // types.Friendship.Confirm
const RECEIVE = 2; // types.Friendship.Receive

async function requestFriendship(h: Harness, from: ContactMock, id: string, hello: string): Promise<void> {
  await h.puppet.friendshipPayload(id, { id, contactId: from.id, hello, type: RECEIVE, timestamp: Date.now() } as never);
  h.puppet.emit('friendship', { friendshipId: id });
}

/** WeChat reporting that the friendship is in place (after our acceptance, or staff's on the phone). */
async function confirmFriendship(h: Harness, from: ContactMock, id: string): Promise<void> {
  await h.puppet.friendshipPayload(id, { id, contactId: from.id, type: CONFIRM, timestamp: Date.now() } as never);
  h.puppet.emit('friendship', { friendshipId: id });
}

describe('WeChat channel: friend requests', () => {
  it('accepts a friend request, and sends the welcome with example questions once WeChat confirms the friendship', async () => {
    h = await startHarness({ tuning: { friendWelcomeFallbackMs: 0 } });
    const accept = vi.spyOn(h.puppet, 'friendshipAccept');
    const carol = h.mocker.createContact({ name: 'Carol' });
    const box = h.inbox(carol);
    await requestFriendship(h, carol, 'fr-1', '你好');
    await waitFor(() => h!.logs.some((l) => l.msg === 'wechat friend request accepted'));
    expect(accept).toHaveBeenCalledWith('fr-1');
    expect(box).toEqual([]);
    await confirmFriendship(h, carol, 'fr-1c');
    await waitFor(() => box.length === 1);
    expect(box).toEqual([wechatPrompts.friendWelcome]);
    expect(box[0]).toContain('我要报名');
    // A second confirmation of the same contact does not welcome twice.
    await confirmFriendship(h, carol, 'fr-1d');
    await waitFor(() => h!.logs.filter((l) => l.msg === 'wechat new friend welcomed').length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(box).toHaveLength(1);
  });

  it('welcomes a friend that staff accepted on the phone when WeChat confirms it', async () => {
    h = await startHarness({ env: { DTE_FRIEND_AUTO_ACCEPT: 'false' } });
    const gina = h.mocker.createContact({ name: 'Gina' });
    const box = h.inbox(gina);
    await confirmFriendship(h, gina, 'fr-5');
    await waitFor(() => box.length === 1);
    expect(box).toEqual([wechatPrompts.friendWelcome]);
  });

  it('welcomes anyway a short while after accepting when the puppet never confirms', async () => {
    h = await startHarness({ tuning: { friendWelcomeFallbackMs: 30 } });
    const hank = h.mocker.createContact({ name: 'Hank' });
    const box = h.inbox(hank);
    await requestFriendship(h, hank, 'fr-6', '你好');
    await waitFor(() => box.length === 1);
    expect(h.logs.find((l) => l.msg === 'wechat new friend welcomed')).toMatchObject({ why: 'no-confirmation' });
  });

  it('ignores a request whose hello lacks the configured keyword and accepts one that has it', async () => {
    h = await startHarness({ env: { DTE_FRIEND_KEYWORD: '培训' }, tuning: { friendWelcomeFallbackMs: 0 } });
    const accept = vi.spyOn(h.puppet, 'friendshipAccept');
    const dave = h.mocker.createContact({ name: 'Dave' });
    const erin = h.mocker.createContact({ name: 'Erin' });
    const daveBox = h.inbox(dave);
    const erinBox = h.inbox(erin);
    await requestFriendship(h, dave, 'fr-2', '你好，加个好友');
    await waitFor(() => h!.logs.some((l) => l.msg === 'wechat friend request ignored: keyword missing'));
    await requestFriendship(h, erin, 'fr-3', '我想咨询培训报名');
    await waitFor(() => h!.logs.some((l) => l.msg === 'wechat friend request accepted'));
    await confirmFriendship(h, erin, 'fr-3c');
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
