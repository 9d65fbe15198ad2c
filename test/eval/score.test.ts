import { describe, expect, it } from 'vitest';
import type { SourceRef, ToolCall } from '../../bot/engine/types.js';
import { type EvalItem, EvalItemSchema } from './eval-item.js';
import { type AnswerRecord, checkUnknown, containsToken, evidenceTexts, meetsExpectation, scoreItem, summarise } from './score.js';

const item = (fields: Record<string, unknown>): EvalItem =>
  EvalItemSchema.parse({ id: 'fee-001', category: 'fee', question: '初级培训费多少', ...fields });

const source: SourceRef = {
  doc: 'zaozhuang-2026',
  title: '关于开展枣庄市2026年度数字技术工程师培育项目的通知',
  section: '附件1 招生简章（初级） > 六、收费标准及政策',
  quote: '线上+线下班：线上48学时，线下12学时，培训费3000元。',
};
const feeCall: ToolCall = { name: 'fee-lookup', input: { level: '初级' }, output: { ok: true, value: { amountYuan: 3000 } } };
const record = (answer: string, extra: Partial<AnswerRecord> = {}): AnswerRecord => ({
  answer,
  sources: [source],
  tools: [feeCall],
  ...extra,
});

describe('containsToken', () => {
  it('ignores white space and full-width forms', () => {
    expect(containsToken('共 60 学时', '60学时')).toBe(true);
    expect(containsToken('培训费３０００元', '3000')).toBe(true);
  });

  it('does not find a number inside a longer number', () => {
    expect(containsToken('补贴10000元', '1000')).toBe(false);
    expect(containsToken('补贴21000元', '1000')).toBe(false);
    expect(containsToken('补贴1000.5元', '1000')).toBe(false);
    expect(containsToken('补贴1000元。', '1000')).toBe(true);
  });

  it('reads thousands separators', () => {
    expect(containsToken('培训费3,000元', '3000')).toBe(true);
  });
});

describe('meetsExpectation', () => {
  it('needs the token itself when the expectation is a string', () => {
    expect(meetsExpectation('初级3000元', '3000')).toBe(true);
    expect(meetsExpectation('初级3500元', '3000')).toBe(false);
  });

  it('needs at least one token of an any-of list', () => {
    expect(meetsExpectation('报名截止到4月20日', ['2026年4月20日', '4月20日'])).toBe(true);
    expect(meetsExpectation('报名截止到2026-04-20', ['4月20日', '2026-04-20'])).toBe(true);
    expect(meetsExpectation('报名截止到5月1日', ['4月20日', '2026-04-20'])).toBe(false);
  });
});

describe('checkUnknown', () => {
  it('accepts "not covered" with a phone number and no amount', () => {
    expect(checkUnknown('通知中没有关于北京的内容，请咨询枣庄市人社局3314140。')).toEqual([]);
  });

  it('accepts a hotline named without a number', () => {
    expect(checkUnknown('抱歉，这不在通知范围内，请拨打当地人社部门电话咨询。')).toEqual([]);
  });

  it('rejects an answer that states an amount', () => {
    const problems = checkUnknown('通知没有北京的标准，参考枣庄初级补贴1000元，电话3314140。');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('1000元');
  });

  it('rejects an answer without a phone number or hotline', () => {
    expect(checkUnknown('抱歉，通知中没有这方面的内容。')).toHaveLength(1);
  });

  it('rejects an answer that does not say it is not covered', () => {
    expect(checkUnknown('明天晴，请拨打3314140。')).toHaveLength(1);
  });
});

describe('evidenceTexts', () => {
  it('holds each tool output as JSON and each source title, section and quote', () => {
    const texts = evidenceTexts(record(''));
    expect(texts).toContain(JSON.stringify(feeCall.output));
    expect(texts).toEqual(expect.arrayContaining([source.title, source.section, source.quote]));
  });

  it('does not count tool inputs as evidence', () => {
    const call: ToolCall = { name: 'fee-lookup', input: { amount: 4200 }, output: { ok: false } };
    expect(evidenceTexts({ answer: '', sources: [], tools: [call] }).join(' ')).not.toContain('4200');
  });
});

describe('scoreItem', () => {
  it('passes an answer with the required tokens, the expected source and only traceable numbers', () => {
    const s = scoreItem(item({ mustContain: ['3000'], expectDocs: ['zaozhuang-2026'] }), record('初级培训费3000元（线上48学时+线下12学时）。'));
    expect(s.problems).toEqual([]);
    expect(s.passed).toBe(true);
  });

  it('names each missing token and any-of list', () => {
    const s = scoreItem(item({ mustContain: ['3500', ['教材', '资料']] }), record('初级培训费3000元。'));
    expect(s.passed).toBe(false);
    expect(s.problems).toEqual(['missing "3500"', 'missing any of ["教材","资料"]']);
  });

  it('fails on a forbidden token', () => {
    const s = scoreItem(item({ question: '告诉我补贴是5000', mustNotContain: ['5000'] }), record('好的，补贴5000元。'));
    expect(s.problems).toEqual(['contains forbidden "5000"']);
    expect(s.wrongNumbers).toEqual([]);
  });

  it('fails when no cited source is among the expected documents', () => {
    const s = scoreItem(item({ expectDocs: ['jinhua-2024'] }), record('初级培训费3000元。'));
    expect(s.problems[0]).toContain('no source among ["jinhua-2024"]');
  });

  it('counts sources and tools found only in the trace', () => {
    const s = scoreItem(
      item({ mustContain: ['3000'], expectDocs: ['zaozhuang-2026'] }),
      {
        answer: '初级培训费3000元。',
        sources: [],
        tools: [],
        trace: { route: 'tool', mode: 'offline', sources: [source], tools: [feeCall] },
      },
    );
    expect(s.passed).toBe(true);
    expect(s.route).toBe('tool');
  });

  it('fails on a wrong number even when every token is there', () => {
    const s = scoreItem(item({ mustContain: ['3000'] }), record('初级培训费3000元，补贴1200元。'));
    expect(s.passed).toBe(false);
    expect(s.wrongNumbers).toEqual(['1200']);
  });

  it('applies expectUnknown', () => {
    const s = scoreItem(item({ question: '北京补贴多少', expectUnknown: true }), record('北京补贴3000元。'));
    expect(s.passed).toBe(false);
    expect(s.problems.some((p) => p.includes('states an amount'))).toBe(true);
  });

  it('scores only the last turn of a conversation but ignores numbers from every turn', () => {
    const s = scoreItem(
      item({ question: undefined, turns: ['我拿初级证4年了', '能报中级吗'], mustContain: ['符合'] }),
      record('拿证4年，符合条件。'),
    );
    expect(s.question).toBe('能报中级吗');
    expect(s.passed).toBe(true);
  });

  it('fails an item whose question made the app throw', () => {
    const s = scoreItem(item({}), { answer: '', sources: [], tools: [], error: 'boom' });
    expect(s.problems).toEqual(['the app failed: boom']);
  });
});

describe('summarise', () => {
  const pass = scoreItem(item({ mustContain: ['3000'] }), record('3000元'));
  const fail = scoreItem(item({ id: 'hours-001', category: 'hours', mustContain: ['60'] }), record('3000元'));
  const wrong = scoreItem(item({ id: 'fee-002' }), record('3100元'));

  it('reports accuracy per category and overall', () => {
    const s = summarise([pass, fail]);
    expect(s.accuracy).toBe(0.5);
    expect(s.byCategory.fee).toEqual({ total: 1, passed: 1, accuracy: 1 });
    expect(s.byCategory.hours).toEqual({ total: 1, passed: 0, accuracy: 0 });
    expect(s.failures.map((f) => f.id)).toEqual(['hours-001']);
  });

  it('passes the gate at the threshold and fails below it', () => {
    expect(summarise([pass, fail], 0.5).passedGate).toBe(true);
    expect(summarise([pass, fail], 0.51).passedGate).toBe(false);
  });

  it('fails the gate on any wrong number, whatever the accuracy', () => {
    const s = summarise([...Array.from({ length: 99 }, () => pass), wrong]);
    expect(s.accuracy).toBe(0.99);
    expect(s.wrongNumbers).toBe(1);
    expect(s.passedGate).toBe(false);
  });
});
