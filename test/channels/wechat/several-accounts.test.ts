/**
 * Several bot processes (one WeChat account each, say one per district) on
 * one database: the same resident talking to both keeps two sessions, and
 * "删除我的信息" still finds both by the user id.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { createConversationHandler } from '../../../bot/engine/conversation-handler.js';
import type { Ports, TurnResult } from '../../../bot/engine/types.js';
import { silentLogger } from '../../../bot/log.js';
import { openStore, type Store } from '../../../bot/store/store.js';
import { startHarness, waitFor, type Harness } from './harness.js';

const harnesses: Harness[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
  for (const s of stores.splice(0)) await s.close();
});

/** A turn that remembers everything said in this conversation and says it back. */
async function rememberingTurn(input: { message: { text: string }; session: TurnResult['session'] }): Promise<TurnResult> {
  const said = [input.session.profileText, input.message.text].filter(Boolean).join(' ');
  return {
    replies: [`记得：${said}`],
    session: { ...input.session, profileText: said },
    effects: [],
    trace: { route: 'test', tools: [], sources: [], mode: 'offline', confidence: 1 },
  } as TurnResult;
}

/** One bot process: its own store connection to the shared file, its own account. */
async function startBot(db: string, account: { id: string; name: string }): Promise<{ h: Harness; store: Store }> {
  const store = await openStore(db);
  stores.push(store);
  const handler = createConversationHandler({
    ports: { now: () => new Date() } as unknown as Ports,
    store,
    logger: silentLogger,
    turn: rememberingTurn as never,
  });
  const mocker = new mock.Mocker();
  const h = await startHarness({ mocker, puppet: new PuppetMock({ mocker }), handler, botAccount: account });
  harnesses.push(h);
  expect(h.channel.status().account).toEqual(account);
  return { h, store };
}

describe('several bot accounts on one database', () => {
  it('keeps separate sessions for the same resident talking to two bot accounts, and deletes both on request', async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'dte-two-bots-')), 'dte.sqlite');
    const a = await startBot(db, { id: 'bot-zaozhuang', name: '枣庄助手' });
    const b = await startBot(db, { id: 'bot-weihai', name: '威海助手' });
    // The same WeChat user, as each bot's puppet sees them.
    const atA = a.h.mocker.createContact({ id: 'resident-1', name: '居民' });
    const atB = b.h.mocker.createContact({ id: 'resident-1', name: '居民' });
    const boxA = a.h.inbox(atA);
    const boxB = b.h.inbox(atB);

    atA.say('我在枣庄').to(a.h.botUser);
    await waitFor(() => boxA.length === 1);
    atB.say('我在威海').to(b.h.botUser);
    await waitFor(() => boxB.length === 1);
    atA.say('中级').to(a.h.botUser);
    await waitFor(() => boxA.length === 2);

    expect(boxA).toEqual(['记得：我在枣庄', '记得：我在枣庄 中级']);
    expect(boxB).toEqual(['记得：我在威海']);
    expect(await a.store.getSession('wechat:bot-zaozhuang:resident-1')).toMatchObject({ profileText: '我在枣庄 中级' });
    expect(await b.store.getSession('wechat:bot-weihai:resident-1')).toMatchObject({ profileText: '我在威海' });

    // "删除我的信息" deletes by the user id, whichever bot it was said to.
    expect((await a.store.deletePersonalData('resident-1')).sessions).toBe(2);
    expect(await b.store.getSession('wechat:bot-weihai:resident-1')).toBeUndefined();
  });
});
