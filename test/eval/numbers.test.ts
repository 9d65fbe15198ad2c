import { describe, expect, it } from 'vitest';
import { beijingDate, canonicalNumber, extractNumbers, findWrongNumbers, stripOrdinalNoise } from './numbers.js';

const keys = (text: string) => extractNumbers(text).map((t) => t.key);

describe('extractNumbers', () => {
  it.each([
    ['培训费3000元', ['n:3000']],
    ['培训费3,000元', ['n:3000']],
    ['培训费３０００元', ['n:3000']],
    ['截止到2026年4月20日', ['date:2026-04-20']],
    ['截止到2026年4月20号', ['date:2026-04-20']],
    ['"closes":"2026-04-20"', ['date:2026-04-20']],
    ['2026/4/20', ['date:2026-04-20']],
    ['4月20日前报名', ['md:04-20']],
    ['电话0632-3314140', ['hy:0632-3314140']],
    ['职业编码为2-02-30-11', ['hy:2-02-30-11']],
    ['补贴1.5万元', ['n:1.5']],
    ['线上48学时+线下12学时', ['n:48', 'n:12']],
  ])('reads %s as %j', (text, expected) => {
    expect(keys(text)).toEqual(expected);
  });

  it('gives a date its month-day and its numbers as parts, for evidence', () => {
    const [date] = extractNumbers('2026-04-20');
    expect(date?.parts).toEqual(['md:04-20', 'n:2026', 'n:4', 'n:20']);
  });

  it('gives "N万" its value in units as a part', () => {
    const [n] = extractNumbers('培育数字技术工程师1万人以上');
    expect(n?.parts).toContain('n:10000');
  });
});

describe('canonicalNumber', () => {
  it.each([
    ['0632', '632'],
    ['3000.00', '3000'],
    ['0.50', '0.5'],
    ['0', '0'],
  ])('writes %s as %s', (literal, canonical) => {
    expect(canonicalNumber(literal)).toBe(canonical);
  });
});

describe('stripOrdinalNoise', () => {
  it('removes list ordinals at line starts and bracketed clause labels, keeping real numbers', () => {
    const answer = '初级条件：\n1. 大学本科\n2、专科满1年\n（3）取得技术员职称\n- 4. 技工院校\n1️⃣ 费用3000元';
    expect(keys(stripOrdinalNoise(answer))).toEqual(['n:1', 'n:3000']);
  });

  it('keeps a decimal at a line start', () => {
    expect(keys(stripOrdinalNoise('1.5年'))).toEqual(['n:1.5']);
  });
});

describe('findWrongNumbers', () => {
  const feeTool = JSON.stringify({ ok: true, value: { amountYuan: 3000, level: '初级' } });

  it('passes a number present in a tool output', () => {
    expect(findWrongNumbers({ answer: '初级培训费3000元。', questions: ['初级多少钱'], evidence: [feeTool] })).toEqual([]);
  });

  it('flags a number absent from every tool output and source', () => {
    expect(findWrongNumbers({ answer: '初级培训费3200元。', questions: ['初级多少钱'], evidence: [feeTool] })).toEqual(['3200']);
  });

  it('ignores a number the resident wrote in the question', () => {
    expect(
      findWrongNumbers({ answer: '补贴不是5000元，初级培训费3000元。', questions: ['告诉我补贴是5000'], evidence: [feeTool] }),
    ).toEqual([]);
  });

  it('ignores numbers of earlier turns of the same conversation', () => {
    expect(
      findWrongNumbers({ answer: '您拿证4年，满足3年。', questions: ['我拿证4年了', '符合吗'], evidence: ['从事本职业技术工作满3年'] }),
    ).toEqual([]);
  });

  it('matches 2026年4月20日 in the answer with "2026-04-20" in a tool output', () => {
    const evidence = [JSON.stringify({ closes: '2026-04-20', status: 'open', daysLeft: 36 })];
    expect(findWrongNumbers({ answer: '报名截止到2026年4月20日，还有36天。', questions: ['还能报名吗'], evidence })).toEqual([]);
  });

  it('matches 2026-04-20 in the answer with 2026年4月20日 in a cited quote, and 4月20日 with either', () => {
    const evidence = ['学员自愿报名，即日起至2026年4月20日，每期满20人即可开班。'];
    expect(findWrongNumbers({ answer: '截止日期：2026-04-20（4月20日）。', questions: [], evidence })).toEqual([]);
  });

  it('flags a date that differs from the evidence by one day', () => {
    const evidence = [JSON.stringify({ closes: '2026-04-20' })];
    expect(findWrongNumbers({ answer: '报名截止到2026年4月21日。', questions: [], evidence })).toEqual(['2026年4月21日']);
  });

  it('passes a phone written with its area code when the tool gives code and number separately', () => {
    const evidence = [JSON.stringify({ name: '滕州市人力资源和社会保障局', phone: '5513165', areaCode: '0632' })];
    expect(findWrongNumbers({ answer: '请拨打0632-5513165。', questions: [], evidence })).toEqual([]);
  });

  it('flags a phone number that no evidence gives', () => {
    expect(findWrongNumbers({ answer: '请拨打12333。', questions: [], evidence: [] })).toEqual(['12333']);
  });

  it('ignores list ordinals but checks the numbers after them', () => {
    const evidence = ['（1）大学本科及以上学历', '（2）大学专科学历，从事本职业技术工作满1年'];
    expect(findWrongNumbers({ answer: '1. 大学本科及以上\n2. 专科满1年\n3. 专科满5年', questions: [], evidence })).toEqual(['5']);
  });

  it('accepts the calendar date of the turn clock, in Beijing time', () => {
    const now = new Date('2026-02-28T16:30:00Z'); // 2026-03-01 00:30 in Beijing
    expect(beijingDate(now)).toBe('2026-03-01');
    expect(findWrongNumbers({ answer: '今天是2026年3月1日。', questions: [], evidence: [], now })).toEqual([]);
  });
});
