/**
 * What residents say about money and time in their own words: figures they
 * quote (sometimes wrongly), "no cost at all?", "can I still hand in / apply
 * now?" and shape typos of district and common words. Behaviour only: what
 * the reply says, with the figures taken from the facts table.
 */
import { describe, expect, it } from 'vitest';
import { fakePorts, realFacts } from './fake-ports.js';
import { dialogue, text } from '../fixtures/dialogues/converse.js';

const facts = realFacts();
const amount = (kind: 'fee' | 'subsidy', level: '初级' | '中级') =>
  facts.ofKind(kind, (f) => f.region === '枣庄' && f.level === level)[0]!.amountYuan;
const say = async (message: string, today?: string) => dialogue(fakePorts(today ? { today } : {})).say(message);

describe('net cost in the resident’s own figures', () => {
  it('answers the net cost of the level named when the quoted subsidy is another level’s, never the resident’s sum', async () => {
    const fee = amount('fee', '初级');
    const wrongSubsidy = amount('subsidy', '中级');
    const wrongNet = fee - wrongSubsidy;
    const reply = text(await say(`初级学费${fee}补贴${wrongSubsidy} 实际${wrongNet}对吧`));
    expect(reply).toContain(String(fee - amount('subsidy', '初级')));
    expect(reply).not.toContain(String(wrongNet));
  });

  it('reads "有补贴是不是就不用花钱了" as the net cost: the fee, the subsidy and what is left', async () => {
    const reply = text(await say('枣庄中级 有补贴是不是就不用花钱了'));
    expect(reply).toContain(String(amount('fee', '中级') - amount('subsidy', '中级')));
  });
});

describe('can it still be done now', () => {
  it('gives the deadline status to "现在还能交材料吗", with the materials beside it', async () => {
    const reply = text(await say('我们机构想报辽宁第二批评价机构 现在还能交材料吗', '2026-12-01'));
    expect(reply).toMatch(/已于.*截止/);
  });
});

describe('shape and sound typos in the language data', () => {
  it('reads 薜城 as 薛城 and 电活 as 电话', async () => {
    const office = facts.ofKind('contact', (f) => f.name.startsWith('薛城'))[0]!;
    const reply = text(await say('薜城人社局电活'));
    expect(reply).toContain(office.name);
    expect(reply.replace(/\D/g, '')).toContain((office.phone ?? '-').replace(/\D/g, ''));
  });

  it('reads 每其 … 开版 as 每期 … 开班', async () => {
    const reply = text(await say('每其满多少人开版'));
    expect(reply).toContain('开班');
    expect(reply).not.toContain('没有直接回答');
  });
});

describe('a clause that hands the question on comes with what its notice does say', () => {
  it('answers "什么时候开课" with the rolling start and the notice’s other class rule, each cited', async () => {
    const others = facts.ofKind('rule', (f) => f.doc === 'zaozhuang-2026' && f.topics[0] === 'class');
    const reply = text(await say('什么时候开课'));
    expect(reply).toContain('通知本身没有写明');
    const stated = others.filter((f) => !/另行通知|为准/.test(f.statement)).slice(0, 2);
    expect(stated.length).toBeGreaterThan(0);
    for (const f of stated) {
      expect(reply).toContain(f.statement.slice(0, 8));
      expect(reply).toContain(f.section);
    }
  });
});

describe('a job named as who may claim is the resident’s context', () => {
  it('answers "事业编的能领这个补贴吗" with the region’s rule that leaves people out, cited', async () => {
    const exclusion = facts.ofKind('rule', (f) => f.region === '金华' && /不含/.test(f.statement) && f.topics.includes('subsidy'))[0]!;
    const reply = text(await say('金华 事业编的能领这个补贴吗'));
    expect(reply).toContain(exclusion.statement);
    expect(reply).toContain(exclusion.section.split(' > ')[0]!);
  });
});

describe('costs beyond the fee and how often classes start', () => {
  it('reads "还有啥要额外花钱的" as a fee question: the fee and what it leaves out, not out of scope', async () => {
    const reply = text(await say('还有啥要额外花钱的'));
    expect(reply).toContain(String(amount('fee', '初级')));
    expect(reply).toContain('教材');
  });

  it('reads "一年开几期" as a class question and shows the rolling start', async () => {
    const rolling = facts.ofKind('rule', (f) => f.doc === 'zaozhuang-2026' && f.topics[0] === 'class' && /滚动/.test(f.statement))[0]!;
    const reply = text(await say('一年开几期'));
    expect(reply).toContain(rolling.statement.slice(0, 6));
  });
});

describe('who assesses, asked of a named year’s plan', () => {
  it('answers "2023年那个大数据的等级考核谁来评" with that plan’s evaluation institution, not the plan’s preamble', async () => {
    const evaluator = facts.ofKind('institution', (f) => f.doc === 'zaozhuang-2023' && f.role === 'evaluation')[0]!;
    const reply = text(await say('枣庄2023年那个大数据的等级考核谁来评'));
    expect(reply).toContain(evaluator.name);
    expect(reply).toContain(evaluator.section);
  });
});

describe('which department to apply to is the process, not a phone number', () => {
  it('answers "金华的培训补贴找哪个部门申请" with where the subsidy is claimed', async () => {
    const where = facts.ofKind('rule', (f) => f.doc === 'jinhua-2024' && /户籍地/.test(f.statement) && f.topics.includes('process'))[0]!;
    const reply = text(await say('金华的培训补贴找哪个部门申请'));
    expect(reply).toContain(where.statement.slice(0, 12));
    expect(reply).not.toContain('没有写明联系电话');
  });
});

describe('which schools train', () => {
  it('answers "浙江有哪几个学校能培训" with every training institution of the region, not the occupations', async () => {
    const schools = facts.ofKind('institution', (f) => f.doc === 'jinhua-2024' && f.role === 'training');
    expect(schools.length).toBeGreaterThan(1);
    const reply = text(await say('浙江有哪几个学校能培训'));
    for (const s of schools) expect(reply).toContain(s.name);
  });
});
