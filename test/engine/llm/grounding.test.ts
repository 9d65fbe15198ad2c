import { describe, expect, it } from 'vitest';
import { checkGrounding, findClaims, normalizeForGrounding } from '../../../bot/engine/llm/grounding.js';

/** Evidence shaped like a turn's: tool outputs as JSON, a passage, an offline answer. */
const EVIDENCE = [
  JSON.stringify({
    ok: true,
    value: { fees: [{ level: '中级', amountYuan: 3500, payee: '中国石油大学（华东）' }] },
    facts: [{ doc: 'zaozhuang-2026', quote: '枣庄市参训人员给予中级1300元、初级1000元培训补贴' }],
  }),
  JSON.stringify({ ok: true, value: { deadlines: [{ closes: '2026-04-20', daysLeft: 20 }] } }),
  JSON.stringify({ contacts: [{ name: '滕州市人力资源和社会保障局', phone: '5513165', areaCode: '0632' }] }),
  '培训采取线上线下相结合的方式，共60学时（线上48学时+线下12学时），合格率达到百分之九十。',
  '枣庄市大数据局负责组织。',
];

describe('checkGrounding accepts claims the evidence supports', () => {
  it.each([
    ['an amount from a tool output', '中级培训费3500元。'],
    ['an amount with a thousands separator', '中级培训费3,500元。'],
    ['an amount in Chinese numerals', '初级补贴一千元，中级一千三百元。'],
    ['a full date written the Chinese way', '报名截止到2026年4月20日。'],
    ['a full date written with dashes', '报名截止到2026-04-20。'],
    ['a full date written with slashes', '报名截止到2026/4/20。'],
    ['a month and day', '4月20日截止，还剩20天。'],
    ['a local number printed apart from its area code', '请拨打0632-5513165咨询。'],
    ['a local number without the area code', '电话5513165。'],
    ['a full-width number', '培训费３５００元。'],
    ['hours from a passage', '共60学时，线上48学时，线下12学时。'],
    ['a percentage in Chinese', '合格率达到百分之九十。'],
    ['the same percentage with a sign', '合格率达到90%。'],
    ['an institution named in full', '由中国石油大学（华东）收取培训费。'],
    ['an institution after a verb', '请联系滕州市人力资源和社会保障局。'],
    ['the common short form of a 人社局', '请联系滕州市人社局。'],
    ['an institution after 和', '中国石油大学（华东）和枣庄市大数据局。'],
    ['a numbered list whose numbering is not in the evidence', '1. 初级补贴1000元\n2. 中级补贴1300元\n3) 截止4月20日'],
    ['text without numbers or institutions', '符合条件之一即可，统一安排培训，请关注通知。'],
  ])('%s', (_label, reply) => {
    const result = checkGrounding(reply, EVIDENCE);
    expect(result).toMatchObject({ ok: true });
  });
});

describe('checkGrounding rejects claims the evidence does not support', () => {
  it.each([
    ['an invented amount', '中级补贴是5000元。', [{ kind: 'number', text: '5000' }]],
    ['an invented amount in Chinese numerals', '补贴五千元。', [{ kind: 'number', text: '五千' }]],
    ['a computed total', '两项合计4800元。', [{ kind: 'number', text: '4800' }]],
    ['a scaled amount that is not in the evidence', '补贴1.3万元。', [{ kind: 'number', text: '1.3万' }]],
    ['a wrong day', '报名截止到2026年4月30日。', [{ kind: 'date', text: '2026年4月30日' }]],
    ['a wrong year on a known month and day', '报名截止到2025-04-20。', [{ kind: 'date', text: '2025-04-20' }]],
    ['a wrong month and day', '5月1日截止。', [{ kind: 'date', text: '5月1日' }]],
    ['an invented phone number', '请拨打0632-1234567。', [{ kind: 'phone', text: '0632-1234567' }]],
    ['an invented mobile number', '请拨打13912345678。', [{ kind: 'phone', text: '13912345678' }]],
    ['an invented percentage', '补贴比例为50%。', [{ kind: 'percent', text: '50%' }]],
    ['an invented university', '由山东大学负责培训。', [{ kind: 'institution', text: '山东大学' }]],
    ['an invented centre', '到市人才服务中心报到。', [{ kind: 'institution', text: '市人才服务中心' }]],
    ['an invented society', '由中国电子学会颁发证书。', [{ kind: 'institution', text: '中国电子学会' }]],
    ['a bureau of another city', '请联系济南市人社局。', [{ kind: 'institution', text: '济南市人社局' }]],
  ])('%s', (_label, reply, claims) => {
    const result = checkGrounding(reply, EVIDENCE);
    expect(result).toEqual({ ok: false, error: { kind: 'ungrounded', claims } });
  });

  it('lists every unsupported claim once', () => {
    const result = checkGrounding('补贴5000元，另有5000元奖励，请拨打0632-1234567。', EVIDENCE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.claims.map((c) => c.text)).toEqual(['0632-1234567', '5000']);
  });

  it('rejects any number when there is no evidence at all', () => {
    expect(checkGrounding('培训费3000元。', []).ok).toBe(false);
    expect(checkGrounding('请联系所在区（市）人社部门。', []).ok).toBe(true);
  });
});

describe('findClaims', () => {
  it('reads a date as one claim, not as three numbers', () => {
    expect(findClaims('2026年4月20日截止')).toEqual([{ kind: 'date', text: '2026年4月20日' }]);
  });

  it('does not read Chinese numerals in ordinary words as claims', () => {
    expect(findClaims('符合以下条件之一，统一组织，一起学习。')).toEqual([]);
  });

  it('does not read 大学 in 大学本科学历 as an institution', () => {
    expect(findClaims('具有大学本科学历或大学专科学历的人员可到人社局报名')).toEqual([{ kind: 'institution', text: '人社局' }]);
  });

  it('reads a Chinese numeral before a unit as a number', () => {
    expect(findClaims('满两年')).toEqual([{ kind: 'number', text: '两' }]);
  });
});

describe('normalizeForGrounding', () => {
  it('turns full-width digits, brackets and dashes into their ASCII forms and drops thousands separators', () => {
    expect(normalizeForGrounding('（０６３２）—５５１３１６５，3,500元')).toBe('(0632)-5513165,3500元');
  });
});
