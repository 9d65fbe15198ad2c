/**
 * Scripted residents against the whole path (engine + form + the real
 * SQLite store through the conversation handler): what a resident types is
 * stored exactly, nothing else is, and nobody can change or see someone
 * else's registration.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createConversationHandler } from '../../bot/engine/conversation-handler.js';
import { handleTurn } from '../../bot/engine/handle-turn.js';
import type { InboundMessage, Ports } from '../../bot/engine/types.js';
import { createLogger } from '../../bot/log.js';
import { openSqliteStore, type SqliteStore as Store } from '../../bot/store/sqlite-store.js';
import { fakePorts } from './fake-ports.js';
import { idNumber, stepwiseAnswers, ZHANG } from '../fixtures/dialogues/residents.js';

let store: Store | undefined;
afterEach(() => {
  void store?.close();
  store = undefined;
});

function setup() {
  store = openSqliteStore(':memory:', { referencePrefix: 'DTE' });
  const s = store;
  const ports: Ports = { ...fakePorts(), registrations: s.sync };
  const handler = createConversationHandler({ ports, store: s, logger: createLogger('silent'), turn: handleTurn });
  const say = async (text: string, userId = 'u1') => {
    const message: InboundMessage = { conversationId: `test:${userId}`, userId, text, chat: 'private', channel: 'test' };
    return (await handler.handle(message)).replies.join('\n');
  };
  const sayAll = async (texts: readonly string[], userId = 'u1') => {
    const out: string[] = [];
    for (const t of texts) out.push(await say(t, userId));
    return out;
  };
  return { store: s, say, sayAll };
}

/** The answers up to (not including) `field`, in the form's order. */
const ORDER = ['name', 'gender', 'idNumber', 'education', 'title', 'employer', 'district', 'phone', 'level'] as const;
function answersBefore(field: (typeof ORDER)[number]): string[] {
  return stepwiseAnswers(ZHANG).slice(0, ORDER.indexOf(field));
}

describe('takeover: the same ID number from another WeChat user', () => {
  it('never overwrites the owner’s registration, never reveals it, and stores the second one for staff review', async () => {
    const { store, sayAll, say } = setup();
    await sayAll(['我要报名', '同意', ...stepwiseAnswers(ZHANG), '确认'], 'owner');
    const [owned] = await store.listOwn('owner');
    expect(owned?.reference).toBe('DTE-000001');

    const intruder = { ...ZHANG, name: '李四', phone: '13800000000', employer: '冒名公司' };
    const replies = await sayAll(['我要报名', '同意', ...stepwiseAnswers(intruder), '确认'], 'intruder');
    const all = replies.join('\n');
    expect(all).not.toContain('DTE-000001');
    expect(all).not.toContain('报名过');
    expect(await store.findOwn('owner', ZHANG.idNumber, ZHANG.level)).toMatchObject({ name: '张伟', phone: ZHANG.phone, employer: ZHANG.employer });
    expect(await store.findOwn('intruder', ZHANG.idNumber, ZHANG.level)).toMatchObject({ name: '李四', review: 'duplicate-id' });

    // The intruder's "delete my data" only ever removes the intruder's own row.
    await say('删除我的信息', 'intruder');
    await say('确认删除', 'intruder');
    expect((await store.listRegistrations()).map((r) => r.userId)).toEqual(['owner']);
    // And the intruder cannot see the owner's registration.
    expect(await say('查询我的报名', 'intruder')).not.toContain('DTE-000001');
  });
});

describe('non-answers sent in the middle of the form', () => {
  const NON_ANSWERS = ['你好', '稍等', '好的', '在吗', '补贴政策', '想问问补贴', '人工客服', '中级补贴多少？', '等我一下我找找身份证', '请问培训在哪上课'];
  it.each(ORDER.filter((f) => f !== 'gender').flatMap((field) => NON_ANSWERS.map((text) => [field, text] as const)))(
    'asked for %s, "%s" is not stored and the question is asked again',
    async (field, text) => {
      const { store, sayAll, say } = setup();
      await sayAll(['我要报名', '同意', ...answersBefore(field)]);
      const before = (await store.getSession('test:u1'))?.form?.values;
      const reply = await say(text);
      const after = (await store.getSession('test:u1'))?.form;
      expect(after?.values).toEqual(before);
      expect(after?.asking).toBe(field);
      expect(reply.length).toBeGreaterThan(0);
    },
  );
});

describe('answers in sentences, each into its own field only', () => {
  it('reads a resident who answers every question in a sentence and stores exactly their values', async () => {
    const { store, sayAll } = setup();
    const id = idNumber('19900101', '女', '05');
    await sayAll([
      '报个名',
      '好的',
      '我叫李明',
      '女的',
      `身份证号是${id}`,
      '本科，学的统计',
      '还没评职称',
      '在一家物流公司上班，单位叫顺丰速运',
      '单位在峄城那边',
      '手机号码是 139 0632 5566',
      '报初级吧',
    ]);
    const form = (await store.getSession('test:u1'))?.form;
    expect(form?.values).toMatchObject({
      name: '李明',
      gender: '女',
      idNumber: id,
      title: '',
      employer: '顺丰速运',
      district: '峄城区',
      phone: '13906325566',
      level: '初级',
    });
    expect(form?.values.education).toContain('本科');
    expect(form?.values.education).toContain('统计');
  });

  it('takes an employer or a title as written, whatever words it contains', async () => {
    const { store, sayAll } = setup();
    await sayAll(['我要报名', '同意', ...answersBefore('title'), '高级农艺师', '枣庄市中级人民法院']);
    const values = (await store.getSession('test:u1'))?.form?.values;
    expect(values).toMatchObject({ title: '高级农艺师', employer: '枣庄市中级人民法院' });
    expect(values?.level).toBeUndefined();
  });

  it('takes 滕州市第一高中 as the employer, not as the education', async () => {
    const { store, sayAll } = setup();
    await sayAll(['我要报名', '同意', ...answersBefore('employer'), '滕州市第一高中']);
    const values = (await store.getSession('test:u1'))?.form?.values;
    expect(values).toMatchObject({ employer: '滕州市第一高中', education: ZHANG.education });
  });

  it('never lets a years answer that names a title or an education overwrite them', async () => {
    const { store, sayAll } = setup();
    const mid = { ...ZHANG, title: '助理工程师', level: '中级' as const };
    await sayAll(['我要报名', '同意', ...stepwiseAnswers(mid)]);
    const asked = (await store.getSession('test:u1'))?.form;
    for (const text of ['取得助理工程师以后干了4年', '本科毕业5年']) {
      await sayAll([text]);
      const values = (await store.getSession('test:u1'))?.form?.values;
      expect(values).toMatchObject({ title: '助理工程师', education: ZHANG.education });
    }
    expect(asked?.step === 'eligibility' || asked?.step === 'confirm').toBe(true);
  });

  it('overwrites a filled field only through an explicit correction, and says so', async () => {
    const { store, sayAll, say } = setup();
    await sayAll(['我要报名', '同意', ...stepwiseAnswers(ZHANG)]);
    const reply = await say('手机号写错了，是13700001111');
    expect((await store.getSession('test:u1'))?.form?.values.phone).toBe('13700001111');
    expect(reply).toContain('137****1111');
    await say('不对，我是女的');
    expect((await store.getSession('test:u1'))?.form?.values.gender).toBe('女');
  });
});

describe('starting the form the way residents start', () => {
  it('keeps fields given before consent and does not ask for them again', async () => {
    const { store, say } = setup();
    const first = await say(`我要报名，我叫张伟，手机13912345678`);
    expect(first).toContain('同意');
    const next = await say('同意');
    expect((await store.getSession('test:u1'))?.form?.values).toMatchObject({ name: '张伟', phone: '13912345678' });
    expect(next).not.toContain('姓名');
  });
});

describe('offering the form after a question about registering here', () => {
  it.each(['在这能报吗', '怎么在这儿报名', '你这能报名吗'])('answers "%s", offers the form, and starts it on 好的', async (question) => {
    const { store, say } = setup();
    const first = await say(question);
    expect(first).toContain('好的');
    expect((await store.getSession('test:u1'))?.form).toBeUndefined();
    const next = await say('好的');
    expect(next).toContain('同意');
    expect((await store.getSession('test:u1'))?.form?.step).toBe('consent');
  });

  it('does not start the form when the next message is something else', async () => {
    const { store, say } = setup();
    await say('在这能报吗');
    await say('中级补贴多少');
    expect((await store.getSession('test:u1'))?.form).toBeUndefined();
    await say('好的');
    expect((await store.getSession('test:u1'))?.form).toBeUndefined();
  });
});

describe('questions asked inside the form', () => {
  it('are answered for the form’s region, not for a region named earlier in the chat', async () => {
    const { say, sayAll } = setup();
    const zhejiang = await say('浙江大数据初级补贴多少');
    expect(zhejiang).toContain('金华');
    await sayAll(['我要报名', '同意', '张伟']);
    const midForm = await say('初级补贴多少？');
    expect(midForm).toContain('1000');
    expect(midForm).toContain('枣庄');
  });

  it('are answered even without a question mark the form knows ("退费咋弄" asked for 性别), storing nothing, then the form goes on', async () => {
    const { say, sayAll } = setup();
    await sayAll(['我要报名', '同意', '张伟']);
    const midForm = await say('退费咋弄');
    expect(midForm).toContain('不予退款');
    expect(midForm).toContain('性别');
    expect(await say('男')).toContain('身份证');
    expect(await say('查看我的报名')).not.toContain('退费');
  });
});
