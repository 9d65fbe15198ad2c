import { describe, expect, it } from 'vitest';
import { acceptExtracted, EXTRACTION_FUNCTION_NAME, extractFormFields } from '../../../bot/engine/llm/extract-form-fields.js';
import { createLogger } from '../../../bot/log.js';
import { ScriptedChatModel, callTool, httpError, say } from './scripted-chat-model.js';

/** The model's structured answer: a call of the extraction function. */
const answer = (args: Record<string, unknown>) => callTool(EXTRACTION_FUNCTION_NAME, args);

const FIELDS = [
  { key: 'employer', label: '工作单位' },
  { key: 'education', label: '学历及所学专业' },
  { key: 'idNumber', label: '身份证号' },
  { key: 'phone', label: '联系电话' },
  { key: 'level', label: '报名等级', options: ['初级', '中级'] },
];
const policy = { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 };
const logger = createLogger('silent');

function run(model: ScriptedChatModel, text: string, timeoutMs = 1000) {
  return extractFormFields({ model: model as never, text, fields: FIELDS, timeoutMs, policy, logger });
}

describe('extractFormFields', () => {
  it('returns the values the resident wrote, asked for through a structured-output function', async () => {
    const model = new ScriptedChatModel([answer({ employer: '枣庄市某某科技有限公司', education: '本科 计算机', level: '中级' })]);
    expect(await run(model, '我在枣庄市某某科技有限公司上班，本科 计算机，想报中级')).toEqual({
      employer: '枣庄市某某科技有限公司',
      education: '本科 计算机',
      level: '中级',
    });
    expect(model.boundTools).toEqual([EXTRACTION_FUNCTION_NAME]);
    const parameters = (model.boundToolDefs[0] as { function: { parameters: { properties: Record<string, unknown> } } }).function.parameters;
    expect(Object.keys(parameters.properties)).toEqual(['employer', 'education', 'level']);
  });

  it('masks ID and phone numbers before the call and never asks for them', async () => {
    const model = new ScriptedChatModel([answer({})]);
    await run(model, '身份证370402199001011234，电话13912345678，单位滕州某厂');
    const sent = model.received[0]!.map((m) => String(m.content)).join('\n');
    expect(sent).not.toContain('370402199001011234');
    expect(sent).not.toContain('13912345678');
    expect(sent).not.toContain('idNumber');
    expect(sent).toContain('employer');
  });

  it('drops values the resident did not write, masked values and personal fields', async () => {
    const model = new ScriptedChatModel([
      answer({ employer: '山东某某集团', education: '硕士', phone: '139****5678', idNumber: '3704**********1234' }),
    ]);
    expect(await run(model, '我在滕州某厂上班，电话13912345678')).toEqual({});
  });

  it('returns null when the model answers in prose instead of calling the function', async () => {
    const model = new ScriptedChatModel([say('您好，请问您的工作单位是？')]);
    expect(await run(model, '我在滕州某厂上班')).toBeNull();
  });

  it('returns null when the function is called with values that are not strings', async () => {
    const model = new ScriptedChatModel([answer({ employer: { name: '滕州某厂' } })]);
    expect(await run(model, '我在滕州某厂上班')).toBeNull();
  });

  it('returns null when the model fails or hangs', async () => {
    expect(await run(new ScriptedChatModel([httpError(401)]), '滕州某厂')).toBeNull();
    expect(await run(new ScriptedChatModel([{ hang: true }]), '滕州某厂', 30)).toBeNull();
  });
});

describe('acceptExtracted', () => {
  it('accepts a number as a string when the text contains it, and ignores unknown keys and nulls', () => {
    expect(acceptExtracted({ education: '本科', employer: 8023, extra: 'x', level: null }, FIELDS, '本科毕业，在8023厂')).toEqual({
      education: '本科',
      employer: '8023',
    });
  });

  it('rejects what is not an object of strings', () => {
    expect(acceptExtracted(['本科'], FIELDS, '本科')).toBeUndefined();
    expect(acceptExtracted({ education: { v: 1 } }, FIELDS, '本科')).toBeUndefined();
  });
});
