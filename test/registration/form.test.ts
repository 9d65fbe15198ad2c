import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FactsFileSchema } from '../../knowledge/facts/schema.js';
import { containsQuote } from '../../knowledge/text/match-key.js';
import { FactsTable } from '../../tools/facts-table.js';
import {
  resumePrompt,
  reviveFormState,
  startForm,
  stepForm,
  type FormContext,
  type FormStep,
} from '../../bot/registration/form.js';
import { NEW_REFERENCE, type FormState, type RegistrationRecord } from '../../bot/registration/types.js';
import { ELIGIBILITY, FORM, INVALID } from '../../prompts/registration.js';

const file = FactsFileSchema.parse(JSON.parse(readFileSync('test/fixtures/facts-form.json', 'utf8')));
const facts = new FactsTable(file);
const BEFORE = new Date('2026-03-01T10:00:00+08:00');
const LAST_DAY = new Date('2026-04-20T23:30:00+08:00');
const AFTER = new Date('2026-04-21T00:10:00+08:00');

const ID = '370402199001011238'; // 男, 1990
const ID_FEMALE = '370406199503151009';
const ALL_IN_ONE = `我叫张三，男，手机13912345678，报初级，身份证${ID}，在枣庄某某公司，滕州的`;

function context(over: Partial<FormContext> = {}): FormContext {
  return {
    facts,
    now: BEFORE,
    chat: 'private',
    userId: 'u1',
    ...over,
  };
}

/** Run a dialogue; returns every step (the first is startForm's). */
function talk(messages: string[], ctx = context()): FormStep[] {
  const steps = [startForm(ctx)];
  for (const m of messages) {
    const state = steps.at(-1)!.state;
    if (!state) throw new Error(`form ended before "${m}"`);
    steps.push(stepForm(state, m, ctx));
  }
  return steps;
}

const last = (steps: FormStep[]) => steps.at(-1)!;
const text = (step: FormStep) => step.replies.join('\n');

describe('the form fixture', () => {
  const doc = readFileSync('knowledge/docs/zaozhuang-2026.txt', 'utf8');
  it.each(file.facts.map((f) => [f.id, f] as const))('%s quotes the notice verbatim', (_id, fact) => {
    expect(containsQuote(doc, fact.quote)).toBe(true);
  });
});

describe('starting', () => {
  it('asks for consent naming what is collected and who receives it', () => {
    const step = startForm(context());
    expect(step.state?.step).toBe('consent');
    expect(text(step)).toContain('身份证号');
    expect(text(step)).toContain('人社部门');
    expect(text(step)).toContain('中国石油大学（华东）');
  });

  it('never starts in a group chat and asks for a private message', () => {
    const step = startForm(context({ chat: 'group' }));
    expect(step.state).toBeUndefined();
    expect(step.replies).toEqual([FORM.groupRefusal]);
  });

  it('ends politely when consent is refused', () => {
    const steps = talk(['不同意']);
    expect(last(steps).state).toBeUndefined();
    expect(last(steps).replies).toEqual([FORM.consentRefused]);
    expect(last(steps).effects).toEqual([]);
  });

  it('is still open on the last day, Beijing time', () => {
    expect(startForm(context({ now: LAST_DAY })).state?.status).toBe('submitted');
  });

  it('offers an expression of interest after the deadline, naming the closing date', () => {
    const step = startForm(context({ now: AFTER }));
    expect(step.state?.status).toBe('interest');
    expect(text(step)).toContain('2026年4月20日');
    expect(text(step)).toContain('意向登记');
  });

  it('does not run without the form facts and points to the city office', () => {
    const bare = new FactsTable({ ...file, facts: file.facts.filter((f) => f.kind !== 'form-field') });
    const step = startForm(context({ facts: bare }));
    expect(step.state).toBeUndefined();
    expect(text(step)).toContain('0632-3314140');
  });
});

describe('filling', () => {
  it('asks one field at a time in the form order and submits after confirmation', () => {
    const steps = talk(['同意', '张三', '男', ID, '本科 计算机科学与技术', '无', '枣庄某某公司', '滕州', '13912345678', '初级']);
    expect(steps[1]!.replies).toEqual(['请告诉我您的姓名。']);
    expect(steps[2]!.state?.asking).toBe('gender');
    expect(steps[3]!.state?.asking).toBe('idNumber');
    expect(steps[4]!.state?.asking).toBe('education');
    expect(steps[5]!.state?.asking).toBe('title');
    expect(steps[6]!.state?.asking).toBe('employer');
    expect(steps[7]!.state?.asking).toBe('district');
    expect(steps[8]!.state?.asking).toBe('phone');
    expect(steps[9]!.state?.asking).toBe('level');
    const summary = last(steps);
    expect(summary.state?.step).toBe('confirm');
    expect(text(summary)).toContain('符合初级报名条件');
    expect(text(summary)).toContain('3704**********1238');
    expect(text(summary)).toContain('139****5678');
    expect(text(summary)).not.toContain(ID);
    expect(text(summary)).not.toContain('13912345678');

    const done = stepForm(summary.state!, '确认', context());
    expect(done.state).toBeUndefined();
    expect(done.effects).toHaveLength(1);
    const effect = done.effects[0]!;
    expect(effect.kind).toBe('save-registration');
    if (effect.kind !== 'save-registration') return;
    expect(effect.record).toMatchObject({
      reference: NEW_REFERENCE,
      userId: 'u1',
      name: '张三',
      gender: '男',
      idNumber: ID,
      education: '本科 计算机科学与技术',
      title: '',
      employer: '枣庄某某公司',
      district: '滕州市',
      phone: '13912345678',
      level: '初级',
      status: 'submitted',
    });
    const reply = text(done);
    expect(reply).toContain(NEW_REFERENCE);
    expect(reply).toContain('滕州市人力资源和社会保障局');
    expect(reply).toContain('0632-5513165');
    expect(reply).toContain('20人');
    expect(reply).toContain('3000元');
    expect(reply).toContain('1000元');
  });

  it('takes everything from one message and asks only what is missing', () => {
    const steps = talk(['同意', ALL_IN_ONE]);
    const s = last(steps).state!;
    expect(s.values).toMatchObject({ name: '张三', gender: '男', phone: '13912345678', level: '初级', idNumber: ID, district: '滕州市' });
    expect(s.asking).toBe('education');
    expect(last(steps).replies).toEqual(['您的学历及所学专业是？（例如：本科 计算机科学与技术）']);
  });

  it.each([
    ['idNumber', '370402199001011234', INVALID.idChecksum],
    ['idNumber', '370402199002301237', INVALID.idBirthDate],
    ['idNumber', '370402900101123', INVALID.idOld15],
    ['phone', '1391234567', INVALID.phoneLength(10)],
    ['name', '张3', INVALID.nameDigits],
    ['gender', '保密', INVALID.gender],
  ] as const)('rejects an invalid %s (%s) with the exact problem and asks again', (field, value, message) => {
    const prefix: Record<string, string[]> = {
      name: [],
      gender: ['张三'],
      idNumber: ['张三', '男'],
      phone: ['张三', '男', ID, '本科', '无', '某某公司', '滕州'],
    };
    const steps = talk(['同意', ...prefix[field]!, value]);
    const step = last(steps);
    expect(step.replies[0]).toBe(message);
    expect(step.state?.asking).toBe(field);
    expect(step.state?.values[field]).toBeUndefined();
  });

  it('rejects a district that is not an option and lists the options', () => {
    const steps = talk(['同意', ALL_IN_ONE.replace('滕州的', ''), '本科', '无', '济南']);
    expect(last(steps).replies[0]).toBe(INVALID.district(['滕州市', '市中区', '薛城区', '峄城区', '台儿庄区', '山亭区', '高新区', '市直']));
    expect(last(steps).state?.asking).toBe('district');
  });

  it('asks which is right when the gender contradicts the ID number', () => {
    const steps = talk(['同意', '张三', '女', ID]);
    expect(last(steps).state?.step).toBe('confirm-gender');
    expect(text(last(steps))).toBe(FORM.genderConflict('性别', '女', '男'));
    const answered = stepForm(last(steps).state!, '男', context());
    expect(answered.state?.values.gender).toBe('男');
    expect(answered.state?.asking).toBe('education');
  });

  it('asks for the ID again when the resident insists on the other gender', () => {
    const steps = talk(['同意', '张三', '女', ID, '女']);
    expect(last(steps).replies).toEqual([FORM.idWrongThen]);
    expect(last(steps).state?.values.idNumber).toBeUndefined();
    const fixed = stepForm(last(steps).state!, ID_FEMALE, context());
    expect(fixed.state?.values).toMatchObject({ gender: '女', idNumber: ID_FEMALE });
    expect(fixed.state?.step).toBe('filling');
  });

  it('corrects one field at any time', () => {
    const steps = talk(['同意', ALL_IN_ONE, '手机号填错了，改成13800001111']);
    expect(last(steps).state?.values.phone).toBe('13800001111');
    expect(last(steps).replies[0]).toBe(FORM.changed('手机号', '138****1111'));
    expect(last(steps).state?.asking).toBe('education');
  });

  it('corrects a field from the summary and shows the summary again', () => {
    const steps = talk(['同意', ALL_IN_ONE, '本科 计算机', '无', '等级改为中级']);
    const step = last(steps);
    expect(step.state?.values.level).toBe('中级');
    // Changing the level re-runs the eligibility check for 中级 and asks what it lacks.
    expect(step.state?.step).toBe('eligibility');
  });

  it('shows the draft masked and re-asks the current question', () => {
    const steps = talk(['同意', ALL_IN_ONE, '我填了什么']);
    const reply = last(steps).replies;
    expect(reply[0]).toContain('姓名：张三');
    expect(reply[0]).toContain('3704**********1238');
    expect(reply[0]).toContain('学历及所学专业：（未填）');
    expect(reply[0]).not.toContain(ID);
    expect(reply[1]).toBe('您的学历及所学专业是？（例如：本科 计算机科学与技术）');
  });

  it('asks to confirm a cancel, then abandons without saving', () => {
    const steps = talk(['同意', ALL_IN_ONE, '不报了']);
    expect(last(steps).state?.step).toBe('confirm-cancel');
    const done = stepForm(last(steps).state!, '是', context());
    expect(done.state).toBeUndefined();
    expect(done.replies).toEqual([FORM.cancelled]);
    expect(done.effects).toEqual([]);
  });

  it('goes back to the same question when a cancel is declined', () => {
    const steps = talk(['同意', ALL_IN_ONE, '取消', '否']);
    expect(last(steps).state?.step).toBe('filling');
    expect(last(steps).state?.asking).toBe('education');
    expect(last(steps).replies).toEqual([FORM.resumed, '您的学历及所学专业是？（例如：本科 计算机科学与技术）']);
  });

  it('leaves a deletion request to the engine (which asks for confirmation) and stores nothing of it', () => {
    const steps = talk(['同意', ALL_IN_ONE, '删除我的信息']);
    expect(last(steps).handled).toBe(false);
    expect(last(steps).effects).toEqual([]);
    expect(last(steps).state?.values.education).toBeUndefined();
  });

  it('leaves a policy question to the engine and can re-ask the pending question', () => {
    const steps = talk(['同意', ALL_IN_ONE, '中级补贴多少？']);
    const step = last(steps);
    expect(step.handled).toBe(false);
    expect(step.replies).toEqual([]);
    expect(step.state).toEqual(steps.at(-2)!.state);
    expect(resumePrompt(step.state!, context())).toBe('您的学历及所学专业是？（例如：本科 计算机科学与技术）');
  });

  it('stops collecting if the conversation turns out to be a group', () => {
    const steps = talk(['同意']);
    const step = stepForm(last(steps).state!, ALL_IN_ONE, context({ chat: 'group' }));
    expect(step.state).toBeUndefined();
    expect(step.replies).toEqual([FORM.groupRefusal]);
  });
});

describe('deadline, duplicates, eligibility', () => {
  it('records an expression of interest after the deadline, labelled as such', () => {
    const ctx = context({ now: AFTER });
    const steps = talk(['同意', ALL_IN_ONE, '本科 计算机', '无', '确认'], ctx);
    expect(text(steps.at(-2)!)).toContain('意向登记');
    const done = last(steps);
    expect(done.effects[0]).toMatchObject({ kind: 'save-registration', record: { status: 'interest' } });
    expect(text(done)).toContain('意向登记已记录');
    expect(text(done)).not.toContain('报名已提交');
  });

  it('switches to interest when the deadline passes between the summary and the confirmation', () => {
    const steps = talk(['同意', ALL_IN_ONE, '本科 计算机', '无'], context({ now: LAST_DAY }));
    const late = stepForm(last(steps).state!, '确认', context({ now: AFTER }));
    expect(late.effects).toEqual([]);
    expect(late.state?.status).toBe('interest');
    expect(text(late)).toContain('2026年4月20日');
  });

  it('updates an existing registration with the same ID and level instead of duplicating it', () => {
    const stored: RegistrationRecord = {
      reference: 'ZZ26-000042',
      userId: 'u1',
      name: '张三',
      gender: '男',
      idNumber: ID,
      education: '本科',
      title: '',
      employer: '旧单位公司',
      district: '滕州市',
      phone: '13912345678',
      level: '初级',
      status: 'submitted',
      createdAt: '2026-02-01T00:00:00.000Z',
      updatedAt: '2026-02-01T00:00:00.000Z',
    };
    const ctx = context({
      existing: (id, level) => (id === ID && level === '初级' ? stored : undefined),
    });
    const steps = talk(['同意', ALL_IN_ONE, '本科 计算机', '无', '确认'], ctx);
    expect(text(steps[2]!)).toContain(FORM.updating('初级', 'ZZ26-000042'));
    const done = last(steps);
    expect(done.effects[0]).toMatchObject({ record: { reference: 'ZZ26-000042', createdAt: stored.createdAt, employer: '枣庄某某公司' } });
    expect(text(done)).toContain(FORM.updated('ZZ26-000042'));
  });

  it('asks at most two extra questions when eligibility is incomplete, then goes on', () => {
    const steps = talk(['同意', ALL_IN_ONE.replace('报初级', '报中级'), '本科 计算机', '无']);
    expect(last(steps).state?.step).toBe('eligibility');
    const first = last(steps).state!.eligibility!.asking!;
    expect(last(steps).replies).toEqual([ELIGIBILITY.questions[first]]);
    const second = stepForm(last(steps).state!, '初级', context());
    expect(second.state?.step).toBe('eligibility');
    expect(second.state?.eligibility?.asked).toHaveLength(2);
    const third = stepForm(second.state!, '5年', context());
    expect(third.state?.step).toBe('confirm');
    expect(text(third)).toContain('符合中级报名条件');
  });

  it('says clearly when not eligible, with the clauses and the district phone, and lets the resident continue', () => {
    const steps = talk(['同意', ALL_IN_ONE.replace('报初级', '报中级'), '高中', '无']);
    const said = last(steps);
    expect(said.state?.step).toBe('confirm-ineligible');
    expect(text(said)).toContain('不符合中级报名条件');
    expect(text(said)).toContain('取得助理工程师职称后');
    expect(text(said)).toContain('0632-5513165');
    const goOn = stepForm(said.state!, '继续', context());
    expect(goOn.state?.step).toBe('confirm');
    const stop = stepForm(said.state!, '不报了', context());
    expect(stop.state).toBeUndefined();
    expect(stop.effects).toEqual([]);
  });

  it('uses an injected eligibility checker when given', () => {
    const steps = talk(['同意', ALL_IN_ONE, '本科', '无'], context({ checkEligibility: () => ({ decision: 'refer' }) }));
    expect(text(last(steps))).toContain(ELIGIBILITY.refer('滕州市人力资源和社会保障局', '0632-5513165'));
  });
});

describe('state', () => {
  it('is plain JSON that survives a round trip', () => {
    const steps = talk(['同意', ALL_IN_ONE]);
    const revived = reviveFormState(JSON.parse(JSON.stringify(last(steps).state)));
    expect(revived).toEqual(last(steps).state);
    const next = stepForm(revived!, '本科 计算机', context());
    expect(next.state?.asking).toBe('title');
  });

  it('discards a saved form of another version', () => {
    const state = last(talk(['同意'])).state!;
    expect(reviveFormState({ ...state, version: 0 })).toBeUndefined();
    expect(reviveFormState({ ...state, step: 'unknown' })).toBeUndefined();
    expect(reviveFormState('garbage')).toBeUndefined();
  });

  it('re-asks consent after an interruption before consent', () => {
    const state: FormState = startForm(context()).state!;
    const step = stepForm(state, '培训费多少钱？', context());
    expect(step.handled).toBe(false);
    expect(resumePrompt(state, context())).toBe(FORM.consentAgain);
  });
});
