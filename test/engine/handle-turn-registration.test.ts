import { NEW_REFERENCE } from '../../bot/registration/types.js';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../knowledge/facts/schema.js';
import type { Effect, TurnResult } from '../../bot/engine/types.js';
import type { RegistrationRecord } from '../../bot/registration/types.js';
import { fakePorts, realFacts } from './fake-ports.js';
import { dialogue, text } from '../fixtures/dialogues/converse.js';
import { allInOne, idNumber, stepwiseAnswers, withBadChecksum, WANG, ZHANG, type Resident } from '../fixtures/dialogues/residents.js';

const facts = realFacts();
const formFields = facts
  .all()
  .filter((f): f is Extract<Fact, { kind: 'form-field' }> => f.kind === 'form-field')
  .sort((a, b) => a.order - b.order);
const label = (field: string) => formFields.find((f) => f.field === field)!.label;
const districts = formFields.find((f) => f.field === 'district')!.options!;

function contactOf(district: string): Extract<Fact, { kind: 'contact' }> {
  const c = facts.all().find((f) => f.kind === 'contact' && f.district === district);
  if (!c || c.kind !== 'contact') throw new Error(`no contact for ${district}`);
  return c;
}

function saved(r: TurnResult): RegistrationRecord[] {
  return r.effects.flatMap((e: Effect) => (e.kind === 'save-registration' ? [e.record] : []));
}

/** The last line of a turn's replies: the question the bot is waiting on. */
function lastLine(r: TurnResult): string {
  const lines = text(r).split('\n');
  return lines[lines.length - 1]!;
}

function fieldsOf(r: Resident) {
  return { name: r.name, gender: r.gender, idNumber: r.idNumber, education: r.education, title: r.title, employer: r.employer, district: r.district, phone: r.phone, level: r.level };
}

/** Start, consent and fill the whole form in one message; resolves to the summary turn. */
async function fillInOne(d: ReturnType<typeof dialogue>, r: Resident): Promise<TurnResult> {
  await d.sayAll(['我要报名', '同意']);
  return d.say(allInOne(r));
}

describe('registration through the engine: the happy paths', () => {
  it('asks for consent, then each field in the order of the notice’s form, then shows a masked summary and submits', async () => {
    const ports = fakePorts();
    const d = dialogue(ports);
    const start = await d.say('我要报名');
    for (const f of formFields) expect(text(start)).toContain(f.label);
    expect(d.session.form?.step).toBe('consent');

    const consent = await d.say('同意');
    expect(text(consent)).toContain(label('name'));

    const answers = stepwiseAnswers(ZHANG);
    const turns: TurnResult[] = [];
    for (const a of answers) turns.push(await d.say(a));
    // After each answer the next field is asked for.
    for (let i = 0; i < formFields.length - 1; i++) expect(lastLine(turns[i]!)).toContain(formFields[i + 1]!.label);

    const summary = text(turns[turns.length - 1]!);
    expect(summary).toContain(ZHANG.name);
    expect(summary).toContain(ZHANG.employer);
    expect(summary).not.toContain(ZHANG.idNumber);
    expect(summary).not.toContain(ZHANG.phone);
    expect(summary).toContain(ZHANG.idNumber.slice(-4));
    expect(d.session.form?.step).toBe('confirm');
    expect(ports.saved).toEqual([]);

    const done = await d.say('确认');
    const [record] = saved(done);
    // The store assigns the real reference when it commits the turn (test/engine/conversation-handler.test.ts).
    expect(record).toMatchObject({ ...fieldsOf(ZHANG), status: 'submitted', userId: 'resident-1', reference: NEW_REFERENCE });
    const office = contactOf(ZHANG.district);
    expect(text(done)).toContain(NEW_REFERENCE);
    expect(text(done)).toContain(office.name);
    expect(text(done)).toContain(office.phone!);
    expect(d.session.form).toBeUndefined();
  });

  it('tells the fee and subsidy of the chosen level from the facts after submission', async () => {
    const d = dialogue(fakePorts());
    await fillInOne(d, ZHANG);
    const done = text(await d.say('确认'));
    const fee = facts.all().find((f) => f.kind === 'fee' && f.level === ZHANG.level && f.region === '枣庄');
    const subsidy = facts.all().find((f) => f.kind === 'subsidy' && f.level === ZHANG.level && f.region === '枣庄');
    expect(done).toContain(`${(fee as { amountYuan: number }).amountYuan}元`);
    expect(done).toContain(`${(subsidy as { amountYuan: number }).amountYuan}元`);
  });

  it('takes every field from one message and goes straight to the summary', async () => {
    const ports = fakePorts();
    const d = dialogue(ports);
    const summary = await fillInOne(d, WANG);
    expect(d.session.form?.step).toBe('confirm');
    expect(d.session.form?.values).toMatchObject({ ...fieldsOf(WANG), title: '' });
    expect(text(summary)).not.toContain(WANG.idNumber);
    const [record] = saved(await d.say('确认'));
    expect(record).toMatchObject(fieldsOf(WANG));
  });

  it('accepts a form that was serialised to JSON and read back (a restart between two messages)', async () => {
    const ports = fakePorts();
    const before = dialogue(ports);
    await before.sayAll(['我要报名', '同意', ...stepwiseAnswers(ZHANG).slice(0, 4)]);
    const stored = JSON.parse(JSON.stringify(before.session));

    const after = dialogue(ports, { session: stored });
    const rest = await after.sayAll(stepwiseAnswers(ZHANG).slice(4));
    expect(after.session.form?.step).toBe('confirm');
    expect(text(rest[rest.length - 1]!)).toContain(ZHANG.name);
    const [record] = saved(await after.say('确认'));
    expect(record).toMatchObject(fieldsOf(ZHANG));
  });
});

describe('registration through the engine: invalid fields are rejected and re-asked', () => {
  async function atField(field: string) {
    const ports = fakePorts();
    const d = dialogue(ports);
    await d.sayAll(['我要报名', '同意']);
    const answers = stepwiseAnswers(ZHANG);
    const index = formFields.findIndex((f) => f.field === field);
    await d.sayAll(answers.slice(0, index));
    expect(d.session.form?.asking).toBe(field);
    return { d, ports };
  }

  it('rejects an ID number with a wrong check digit, keeps nothing and asks again', async () => {
    const { d } = await atField('idNumber');
    const r = await d.say(withBadChecksum(ZHANG.idNumber));
    expect(text(r)).toContain('校验');
    expect(lastLine(r)).toContain(label('idNumber'));
    expect(d.session.form?.values.idNumber).toBeUndefined();
    expect(d.session.form?.asking).toBe('idNumber');
    await d.say(ZHANG.idNumber);
    expect(d.session.form?.values.idNumber).toBe(ZHANG.idNumber);
  });

  it('rejects a 10-digit phone number, says how many digits it had and asks again', async () => {
    const { d } = await atField('phone');
    const r = await d.say(ZHANG.phone.slice(0, 10));
    expect(text(r)).toContain('10');
    expect(lastLine(r)).toContain(label('phone'));
    expect(d.session.form?.values.phone).toBeUndefined();
  });

  it('rejects a district that is not on the form and lists the ones that are', async () => {
    const { d } = await atField('district');
    const r = await d.say('朝阳区');
    for (const option of districts) expect(text(r)).toContain(option);
    expect(d.session.form?.values.district).toBeUndefined();
    expect(d.session.form?.asking).toBe('district');
  });

  it('notices that the stated gender contradicts the ID number and takes the resident’s correction', async () => {
    const ports = fakePorts();
    const d = dialogue(ports);
    await d.sayAll(['我要报名', '同意', ZHANG.name, '女']);
    const conflict = await d.say(ZHANG.idNumber); // the 17th digit is odd: 男
    expect(text(conflict)).toContain('男');
    expect(d.session.form?.step).toBe('confirm-gender');
    await d.say('男');
    expect(d.session.form?.values.gender).toBe('男');
    expect(d.session.form?.values.idNumber).toBe(ZHANG.idNumber);
    expect(d.session.form?.asking).toBe('education');
  });

  it('at the gender conflict, a reply that is neither a gender nor an ID number re-asks instead of being read as an ID', async () => {
    const d = dialogue(fakePorts());
    await fillInOne(d, ZHANG);
    const conflict = await d.say('性别填错了，应该是女');
    expect(d.session.form?.step).toBe('confirm-gender');
    expect(text(conflict)).toContain('男');
    const r = await d.say('确认');
    expect(d.session.form?.step).toBe('confirm-gender');
    expect(d.session.form?.values.idNumber).toBe(ZHANG.idNumber);
    expect(text(r)).toContain('男');
    expect(text(r)).toContain('女');
  });

  it('does not take an acknowledgement such as "好的" as the name', async () => {
    const d = dialogue(fakePorts());
    await d.sayAll(['我要报名', '同意']);
    const r = await d.say('好的');
    expect(d.session.form?.values.name).toBeUndefined();
    expect(lastLine(r)).toContain(label('name'));
  });

  it('the test ID numbers encode the gender in the parity of the 17th digit', () => {
    expect(Number(idNumber('19900101', '男')[16]) % 2).toBe(1);
    expect(Number(idNumber('19900101', '女')[16]) % 2).toBe(0);
  });
});

describe('registration through the engine: corrections, questions and cancelling', () => {
  it('corrects the phone number at the summary and submits the corrected one', async () => {
    const d = dialogue(fakePorts());
    await fillInOne(d, ZHANG);
    const corrected = await d.say('手机号填错了，改成13800001111');
    expect(text(corrected)).toContain('1111');
    expect(text(corrected)).not.toContain('13800001111');
    expect(d.session.form?.values.phone).toBe('13800001111');
    const [record] = saved(await d.say('确认'));
    expect(record?.phone).toBe('13800001111');
  });

  it('answers a policy question in the middle of the form and then asks the pending field again', async () => {
    const d = dialogue(fakePorts());
    await d.sayAll(['我要报名', '同意', ...stepwiseAnswers(ZHANG).slice(0, 7)]);
    const before = structuredClone(d.session.form);
    expect(before?.asking).toBe('phone');

    const r = await d.say('中级培训费多少？');
    const fee = facts.all().find((f) => f.kind === 'fee' && f.level === '中级' && f.region === '枣庄') as { amountYuan: number };
    expect(text(r)).toContain(`${fee.amountYuan}元`);
    expect(text(r)).toContain('来源');
    expect(lastLine(r)).toContain(label('phone'));
    expect(d.session.form).toEqual(before);

    await d.say(ZHANG.phone);
    expect(d.session.form?.values.phone).toBe(ZHANG.phone);
  });

  it('asks before cancelling; "否" goes on with the same question, "是" ends the form without saving', async () => {
    const ports = fakePorts();
    const d = dialogue(ports);
    await d.sayAll(['我要报名', '同意', ZHANG.name, ZHANG.gender]);
    const ask = await d.say('不报了');
    expect(d.session.form?.step).toBe('confirm-cancel');
    expect(text(ask)).toMatch(/是|否/u);

    const resumed = await d.say('否');
    expect(lastLine(resumed)).toContain(label('idNumber'));
    expect(d.session.form?.values).toEqual({ name: ZHANG.name, gender: ZHANG.gender });

    await d.say('取消报名');
    const cancelled = await d.say('是');
    expect(d.session.form).toBeUndefined();
    expect(cancelled.effects.filter((e) => e.kind === 'save-registration')).toEqual([]);
    expect(ports.saved).toEqual([]);
  });

  it('refuses consent without storing anything', async () => {
    const d = dialogue(fakePorts());
    await d.say('我要报名');
    const r = await d.say('不同意');
    expect(d.session.form).toBeUndefined();
    expect(r.effects).toEqual([]);
  });
});

describe('registration through the engine: the rules around it', () => {
  it('updates the earlier registration when the same ID number registers for the same level again', async () => {
    const ports = fakePorts();
    const first = dialogue(ports);
    await fillInOne(first, ZHANG);
    const [original] = saved(await first.say('确认'));

    const second = dialogue(ports, { userId: 'resident-1' });
    const summary = await fillInOne(second, { ...ZHANG, employer: '枣庄新单位有限公司' });
    expect(text(summary)).toContain(original!.reference);
    const [updated] = saved(await second.say('确认'));
    expect(updated).toMatchObject({ reference: original!.reference, employer: '枣庄新单位有限公司', createdAt: original!.createdAt });
    expect(ports.saved).toHaveLength(1);
  });

  it('registers the same ID number for another level as a new registration', async () => {
    const ports = fakePorts();
    const first = dialogue(ports);
    await fillInOne(first, ZHANG);
    await first.say('确认');
    const second = dialogue(ports);
    await fillInOne(second, { ...ZHANG, level: '中级', title: '助理工程师' });
    // 中级 asks about years since the title before the summary.
    await second.say('3年');
    const done = await second.say('确认');
    expect(saved(done)[0]?.reference).toBe(NEW_REFERENCE);
    expect(ports.saved.map((r) => r.level).sort()).toEqual(['中级', '初级']);
  });

  it('after the deadline (2026-11-22) offers and records an expression of interest, not a registration', async () => {
    const ports = fakePorts({ today: '2026-11-22' });
    const d = dialogue(ports);
    const start = await d.say('我要报名');
    expect(text(start)).toContain('意向登记');
    expect(d.session.form?.status).toBe('interest');
    const summary = await d.sayAll(['同意', allInOne(ZHANG)]);
    expect(text(summary[1]!)).toContain('意向登记');
    const [record] = saved(await d.say('确认'));
    expect(record?.status).toBe('interest');
  });

  it('turns a registration into an expression of interest when the deadline passes before it is confirmed', async () => {
    let today = '2026-04-20';
    const ports = { ...fakePorts(), now: () => new Date(`${today}T22:00:00+08:00`) };
    const d = dialogue(ports);
    await fillInOne(d, ZHANG);
    expect(d.session.form?.status).toBe('submitted');
    today = '2026-04-21';
    const late = await d.say('确认');
    expect(saved(late)).toEqual([]);
    expect(text(late)).toContain('意向登记');
    const [record] = saved(await d.say('确认'));
    expect(record?.status).toBe('interest');
  });

  it('never collects personal data in a group chat and points to a private chat', async () => {
    const ports = fakePorts();
    const d = dialogue(ports, { chat: 'group', conversationId: 'room-1:resident-1' });
    const r = await d.say('我要报名');
    expect(text(r)).toContain('私聊');
    expect(d.session.form).toBeUndefined();
    const again = await d.say(allInOne(ZHANG));
    expect(d.session.form).toBeUndefined();
    expect(saved(again)).toEqual([]);
    expect(text(again)).not.toContain(ZHANG.idNumber);
  });

  it('deletes the resident’s data only after 删除我的信息 and then 确认删除, after submission and in the middle of a form', async () => {
    const ports = fakePorts();
    const d = dialogue(ports);
    await fillInOne(d, ZHANG);
    await d.say('确认');
    expect(ports.saved).toHaveLength(1);
    const asked = await d.say('删除我的信息');
    expect(asked.effects).toEqual([]);
    expect(text(asked)).toContain('确认删除');
    const deleted = await d.say('确认删除');
    expect(deleted.effects).toContainEqual({ kind: 'delete-personal-data', userId: 'resident-1' });
    expect(ports.saved).toEqual([]);

    await d.sayAll(['我要报名', '同意', ZHANG.name]);
    await d.say('删除我的信息');
    const midForm = await d.say('确认删除');
    expect(midForm.effects).toContainEqual({ kind: 'delete-personal-data', userId: 'resident-1' });
    expect(d.session.form).toBeUndefined();
  });

  it.each(['如何删除我的信息？', '请不要删除我的信息', '删除我的信息以后还能再报吗？', '删除我的报名要怎么操作', '别删我的资料', '能删除我的信息吗'])(
    'answers %s about deleting without deleting anything',
    async (question) => {
      const ports = fakePorts();
      const d = dialogue(ports);
      await fillInOne(d, ZHANG);
      await d.say('确认');
      const r = await d.say(question);
      expect(r.effects.filter((e) => e.kind === 'delete-personal-data')).toEqual([]);
      expect(d.session.confirmDelete).toBeUndefined();
      const next = await d.say('确认删除');
      expect(next.effects.filter((e) => e.kind === 'delete-personal-data')).toEqual([]);
    },
  );

  it('keeps everything when anything but 确认删除 follows the deletion question', async () => {
    const ports = fakePorts();
    const d = dialogue(ports);
    await fillInOne(d, ZHANG);
    await d.say('确认');
    await d.say('删除我的信息');
    const r = await d.say('算了');
    expect(r.effects).toEqual([]);
    expect(text(r)).toContain('没有删除');
    expect((await d.say('确认删除')).effects).toEqual([]);
  });

  it('shows the resident their own registration, masked, on 查询我的报名', async () => {
    const ports = fakePorts();
    const d = dialogue(ports);
    expect(text(await d.say('查询我的报名'))).toContain('没有查到');
    await fillInOne(d, ZHANG);
    await d.say('确认');
    ports.saved[0]!.reference = 'DTE-000042';
    const r = text(await d.say('查询我的报名'));
    expect(r).toContain('DTE-000042');
    expect(r).toContain(ZHANG.level);
    expect(r).not.toContain(ZHANG.idNumber);
    expect(r).not.toContain(ZHANG.phone);
    expect(r).toContain(ZHANG.phone.slice(-4));
    // Another resident sees nothing of it.
    const other = dialogue(ports, { userId: 'resident-2', conversationId: 'resident-2' });
    expect(text(await other.say('查询我的报名'))).not.toContain('DTE-000042');
  });
});

describe('a wish to register with a question in it', () => {
  it('answers "我想报初级 政府补多少钱" and offers the form; "好的" then starts it', async () => {
    const d = dialogue(fakePorts());
    const first = text(await d.say('我想报初级 政府补多少钱'));
    expect(first).toContain('1000');
    expect(first).toContain('回复“好的”');
    expect(d.session.form).toBeUndefined();
    expect(text(await d.say('好的'))).toContain('同意');
  });

  it('still starts the form on a plain "我想报中级"', async () => {
    const d = dialogue(fakePorts());
    await d.say('我想报中级');
    expect(d.session.form).toBeDefined();
  });
});

describe('registration through the engine: a question while the bot waits for consent', () => {
  const deadline = facts.all().find((f): f is Extract<Fact, { kind: 'deadline' }> => f.kind === 'deadline' && f.subject === 'registration' && f.region === '枣庄')!;
  const [y, m, day] = deadline.closes.split('-').map(Number);

  it('is answered from the facts, then consent is asked again; the form is still waiting and holds nothing', async () => {
    const d = dialogue(fakePorts());
    await d.say('我要报名');
    const r = await d.say('报名截止到哪天来着');
    expect(text(r)).toContain(`${y}年${m}月${day}日`);
    expect(r.trace.sources.map((s) => s.doc)).toContain(deadline.doc);
    expect(lastLine(r)).toBe('请回复“同意”开始登记，或回复“不同意”结束。');
    expect(d.session.form?.step).toBe('consent');
    // Consent still starts the form at its first field.
    expect(lastLine(await d.say('同意'))).toContain(label('name'));
  });

  it('an eligibility story asked there is judged for the level the form holds, and its title is not kept as an answer', async () => {
    const d = dialogue(fakePorts());
    await d.say('帮我报个中级');
    expect(d.session.form?.values.level).toBe('中级');
    const r = await d.say('我是助理工程师 拿证一年半 够不够');
    const middle = facts.all().find((f): f is Extract<Fact, { kind: 'eligibility' }> => f.kind === 'eligibility' && f.level === '中级' && f.region === '枣庄')!;
    const titleClause = middle.clauses.find((c) => c.quote.includes('助理工程师'))!;
    expect(text(r)).toContain(titleClause.quote);
    expect(text(r)).toContain('中级');
    expect(d.session.form?.values.title).toBeUndefined();
    expect(lastLine(r)).toBe('请回复“同意”开始登记，或回复“不同意”结束。');
  });

  it('a question about the form itself does not tell the resident how to start the form that is open', async () => {
    const d = dialogue(fakePorts());
    await d.say('我想报个名');
    const r = await d.say('职称那栏我没有 咋填');
    const titleField = formFields.find((f) => f.field === 'title')!;
    expect(text(r)).toContain(titleField.quote);
    expect(text(r)).not.toContain('发送“我要报名”');
  });
});
