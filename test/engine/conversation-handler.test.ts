import { afterEach, describe, expect, it } from 'vitest';
import { createConversationHandler, type TurnFn } from '../../bot/engine/conversation-handler.js';
import { handleTurn } from '../../bot/engine/handle-turn.js';
import type { InboundMessage, Ports, TurnResult } from '../../bot/engine/types.js';
import { createLogger } from '../../bot/log.js';
import { openSqliteStore, type SqliteStore as Store } from '../../bot/store/sqlite-store.js';
import { SYSTEM_ERROR_REPLY } from '../../prompts/answers.js';
import { fakePorts } from './fake-ports.js';
import { stepwiseAnswers, WANG, ZHANG } from '../fixtures/dialogues/residents.js';

let store: Store | undefined;
afterEach(() => {
  void store?.close();
  store = undefined;
});

function setup(turn: TurnFn = handleTurn) {
  store = openSqliteStore(':memory:', { referencePrefix: 'DTE' });
  const s = store;
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const ports: Ports = {
    ...fakePorts(),
    registrations: s.sync,
  };
  const handler = createConversationHandler({ ports, store: s, logger, turn });
  return { store: s, ports, logs, handler, turn };
}

function msg(text: string, userId = 'u1', over: Partial<InboundMessage> = {}): InboundMessage {
  return { conversationId: `test:${userId}`, userId, text, chat: 'private', channel: 'test', ...over };
}

/** A session version this code never wrote. */
const OTHER_SESSION_VERSION = 999;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A turn that echoes the text; waits `delay(text)` ms first. */
function echoTurn(delay: (text: string) => number, order: string[]): TurnFn {
  return async ({ message, session }): Promise<TurnResult> => {
    order.push(`start ${message.text}`);
    await sleep(delay(message.text));
    order.push(`end ${message.text}`);
    return {
      replies: [`echo ${message.text}`],
      session,
      effects: [],
      trace: { route: 'test', tools: [], sources: [], mode: 'offline', confidence: 1 },
    };
  };
}

describe('conversation handler: ordering', () => {
  it('handles the messages of one conversation in arrival order even when the first turn is slow', async () => {
    const order: string[] = [];
    const { handler } = setup(echoTurn((t) => (t === 'first' ? 60 : 0), order));
    const first = handler.handle(msg('first'));
    const second = handler.handle(msg('second'));
    const third = handler.handle(msg('third'));
    const replies = await Promise.all([first, second, third]);
    expect(replies.map((r) => r.replies[0])).toEqual(['echo first', 'echo second', 'echo third']);
    expect(order).toEqual(['start first', 'end first', 'start second', 'end second', 'start third', 'end third']);
  });

  it('runs two conversations concurrently: a slow one does not hold up the other', async () => {
    let releaseA!: () => void;
    const aMayFinish = new Promise<void>((r) => (releaseA = r));
    const order: string[] = [];
    const turn: TurnFn = async ({ message, session }) => {
      order.push(`start ${message.userId}`);
      if (message.userId === 'a') await aMayFinish;
      else releaseA();
      order.push(`end ${message.userId}`);
      return { replies: [message.userId], session, effects: [], trace: { route: 'test', tools: [], sources: [], mode: 'offline', confidence: 1 } };
    };
    const { handler } = setup(turn);
    const a = handler.handle(msg('hello', 'a'));
    const b = handler.handle(msg('hello', 'b'));
    const both = Promise.all([a, b]);
    const timedOut = sleep(2000).then(() => 'deadlock' as const);
    expect(await Promise.race([both, timedOut])).not.toBe('deadlock');
    expect(order).toEqual(['start a', 'start b', 'end b', 'end a']);
  });

  it('drain resolves once every accepted message has been answered', async () => {
    const order: string[] = [];
    const { handler } = setup(echoTurn(() => 20, order));
    void handler.handle(msg('one', 'a'));
    void handler.handle(msg('two', 'a'));
    void handler.handle(msg('three', 'b'));
    await handler.drain();
    expect(order.filter((o) => o.startsWith('end')).sort()).toEqual(['end one', 'end three', 'end two']);
  });
});

describe('conversation handler: failures', () => {
  it('answers a turn that throws with the polite fallback, logs it, and handles the next message normally', async () => {
    const turn: TurnFn = async (input, ports) => {
      if (input.message.text === 'boom') throw new Error('index exploded', { cause: new Error('disk') });
      return handleTurn(input, ports);
    };
    const { handler, logs } = setup(turn);
    const failed = await handler.handle(msg('boom'));
    expect(failed.replies).toEqual([SYSTEM_ERROR_REPLY]);
    expect(logs.some((l) => l.level === 'error' && l.msg === 'turn failed')).toBe(true);

    const next = await handler.handle(msg('枣庄中级培训补贴多少？'));
    expect(next.replies.join('\n')).toContain('1300');
  });

  it('a turn that throws after the first messages leaves the earlier ones queued behind it unharmed', async () => {
    const turn: TurnFn = async (input, ports) => {
      if (input.message.text === 'boom') {
        await sleep(30);
        throw new Error('slow failure');
      }
      return handleTurn(input, ports);
    };
    const { handler } = setup(turn);
    const failed = handler.handle(msg('boom'));
    const next = handler.handle(msg('你好'));
    expect((await failed).replies).toEqual([SYSTEM_ERROR_REPLY]);
    expect((await next).replies.join('').length).toBeGreaterThan(0);
    expect((await next).replies).not.toEqual([SYSTEM_ERROR_REPLY]);
  });
});

describe('conversation handler: sessions are persisted after every turn', () => {
  it('stores the half-filled form after each message', async () => {
    const { handler, store } = setup();
    await handler.handle(msg('我要报名'));
    await handler.handle(msg('同意'));
    await handler.handle(msg(ZHANG.name));
    const saved = await store.getSession('test:u1');
    expect(saved?.form?.values).toEqual({ name: ZHANG.name });
    expect(saved?.lastSeen).toBe(fakePorts().now().toISOString());
  });

  it('resumes a half-filled form in a new handler over the same store (a restart loses nothing)', async () => {
    const first = setup();
    for (const t of ['我要报名', '同意', ZHANG.name, ZHANG.gender]) await first.handler.handle(msg(t));
    await first.handler.drain();

    const restarted = createConversationHandler({ ports: first.ports, store: first.store, logger: createLogger('silent'), turn: handleTurn });
    const afterRestart = await restarted.handle(msg(ZHANG.idNumber));
    expect(afterRestart.replies.join('\n')).toContain('学历');
    expect((await first.store.getSession('test:u1'))?.form?.values).toMatchObject({ name: ZHANG.name, gender: ZHANG.gender, idNumber: ZHANG.idNumber });

    for (const t of stepwiseAnswers(ZHANG).slice(3)) await restarted.handle(msg(t));
    const done = await restarted.handle(msg('确认'));
    expect(done.replies.join('\n')).toContain('DTE-000001');
    expect(await first.store.listRegistrations()).toHaveLength(1);
  });

  it('a crash mid-form loses at most the message in hand: the form goes on from the last saved step', async () => {
    let crashOnce = true;
    const turn: TurnFn = async (input, ports) => {
      if (input.message.text === ZHANG.idNumber && crashOnce) {
        crashOnce = false;
        throw new Error('process died while handling this message');
      }
      return handleTurn(input, ports);
    };
    const { handler, store } = setup(turn);
    for (const t of ['我要报名', '同意', ZHANG.name, ZHANG.gender]) await handler.handle(msg(t));
    const crashed = await handler.handle(msg(ZHANG.idNumber));
    expect(crashed.replies).toEqual([SYSTEM_ERROR_REPLY]);
    expect((await store.getSession('test:u1'))?.form?.values).toEqual({ name: ZHANG.name, gender: ZHANG.gender });

    const again = await handler.handle(msg(ZHANG.idNumber));
    expect(again.replies.join('\n')).toContain('学历');
    expect((await store.getSession('test:u1'))?.form?.values.idNumber).toBe(ZHANG.idNumber);
  });

  it('starts a fresh session when the stored one is of another version', async () => {
    const { handler, store } = setup();
    await store.saveSession('test:u1', { version: OTHER_SESSION_VERSION, slots: { topic: 'subsidy', region: '浙江', occupation: '大数据工程技术人员' } } as never);
    const r = await handler.handle(msg('那中级呢？'));
    expect(r.replies.join('\n')).not.toContain('大数据');
    expect((await store.getSession('test:u1'))?.version).toBe(1);
  });
});

describe('conversation handler: effects', () => {
  it('saves a submitted registration in the store with every field', async () => {
    const { handler, store } = setup();
    for (const t of ['我要报名', '同意', ...stepwiseAnswers(ZHANG), '确认']) await handler.handle(msg(t));
    const [record, ...others] = await store.listRegistrations();
    expect(others).toEqual([]);
    expect(record).toMatchObject({ ...ZHANG, userId: 'u1', status: 'submitted', reference: 'DTE-000001' });
  });

  it('deletes only the asking resident’s registrations and form after 删除我的信息 and 确认删除', async () => {
    const { handler, store } = setup();
    for (const t of ['我要报名', '同意', ...stepwiseAnswers(ZHANG), '确认']) await handler.handle(msg(t, 'u1'));
    for (const t of ['我要报名', '同意', ...stepwiseAnswers(WANG), '确认']) await handler.handle(msg(t, 'u2'));
    expect(await store.listRegistrations()).toHaveLength(2);

    const ask = await handler.handle(msg('删除我的信息', 'u1'));
    expect(ask.replies.join('\n')).toContain('确认删除');
    expect(await store.listRegistrations()).toHaveLength(2);
    await handler.handle(msg('确认删除', 'u1'));
    expect((await store.listRegistrations()).map((r) => r.name)).toEqual([WANG.name]);
    expect(await store.findRegistration(ZHANG.idNumber, ZHANG.level, 'u1')).toBeUndefined();
    expect(JSON.stringify(await store.getSession('test:u1') ?? {})).not.toContain(ZHANG.name);
  });

  it('writes policy questions to the question log with phone and ID numbers masked', async () => {
    const { handler, store } = setup();
    await handler.handle(msg(`我手机${ZHANG.phone}，北京的补贴多少？`));
    const logged = await store.listQuestions();
    expect(logged).toHaveLength(1);
    expect(logged[0]!.question).toContain('北京');
    expect(logged[0]!.question).not.toContain(ZHANG.phone);
  });
});
