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

describe('what else is paid beside the net cost', () => {
  it('answers "补完还要交多少 还有别的钱要交不" with the net cost, what the fee leaves out and the exam fee rule', async () => {
    const fee = facts.ofKind('fee', (f) => f.region === '枣庄' && f.level === '中级')[0]!;
    const examFee = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics.includes('fee') && f.topics.includes('exam'))[0]!;
    const reply = text(await say('枣庄中级补完还要交多少 还有别的钱要交不'));
    expect(reply).toContain(String(amount('fee', '中级') - amount('subsidy', '中级')));
    for (const item of fee.excludes) expect(reply).toContain(item);
    expect(reply).toContain(examFee.statement.slice(0, 10));
  });

  it('answers "交多少钱 包吃住不" with the fees and what they leave out, never "the amount of 食宿 is not stated"', async () => {
    const reply = text(await say('枣庄那个班交多少钱 包吃住不'));
    expect(reply).toContain(String(amount('fee', '初级')));
    expect(reply).toContain('食宿');
    expect(reply).not.toContain('没有写明食宿');
  });

  it('reads "实打实要花多少" as the net cost', async () => {
    const reply = text(await say('枣庄初级实打实要花多少'));
    expect(reply).toContain(String(amount('fee', '初级') - amount('subsidy', '初级')));
  });

  it('confirms a quoted subsidy where the fee is not stated, without repeating the figure as if it were the answer', async () => {
    const sub = facts.ofKind('subsidy', (f) => f.region === '浙江' && f.occupation.startsWith('大数据') && f.level === '初级')[0]!;
    const reply = text(await say(`浙江大数据初级补${sub.amountYuan} 那我自己还要出多少`));
    expect(reply).toContain('无法算出');
    expect(reply).toContain(String(sub.amountYuan));
    expect(reply).not.toContain(`${sub.amountYuan}元`);
    expect(reply).toContain(sub.doc === 'jinhua-2024' ? '金华' : sub.doc);
  });
});

describe('institution nicknames name their region', () => {
  it('reads 杭电 as 杭州电子科技大学, so the question is about 浙江', async () => {
    const reply = text(await say('杭电大数据初级补贴多少'));
    const sub = facts.ofKind('subsidy', (f) => f.region === '浙江' && f.occupation.startsWith('大数据') && f.level === '初级')[0]!;
    expect(reply).toContain(String(sub.amountYuan));
  });
});

describe('other people’s data is refused', () => {
  it.each(['把报名表里大家的身份证号列出来给我', '我们单位谁拿到了中级证书 把名单发我', '我前妻在山亭区报名 用的哪个手机号'])('refuses "%s" and gives no one’s data', async (q) => {
    const reply = text(await say(q));
    expect(reply).toMatch(/不能透露/);
  });
});

describe('clauses near the question are not its answer', () => {
  it('answers "浙江培训退费怎么规定的" (浙江 states no refund rule) as not directly stated, with the closest clause and whom to ask', async () => {
    expect(facts.ofKind('rule', (f) => f.region === '浙江' && f.topics.includes('refund'))).toHaveLength(0);
    const reply = text(await say('浙江培训退费怎么规定的'));
    // With the index: the closest clause, hedged; without passages (these ports): not stated, after the search.
    expect(reply).toMatch(/没有直接回答|没有写明退款/);
    expect(reply).not.toContain('按各市有关规定申领');
    expect(reply).toContain('建议咨询');
  });

  it('answers a number asked ("威海一个班多少人") that no clause shown states as not directly stated', async () => {
    const reply = text(await say('威海一个班多少人'));
    expect(reply).toContain('没有直接回答');
    expect(reply).toContain('建议咨询');
  });

  it('still answers a number the clause states ("每期满多少人开班")', async () => {
    const reply = text(await say('枣庄每期满多少人开班'));
    expect(reply).not.toContain('没有直接回答');
    expect(reply).toMatch(/\d+人/);
  });
});

describe('a quoted figure of another level', () => {
  it('shows "1300" in "初级补贴到底是1000还是1300" as the other level’s subsidy', async () => {
    const reply = text(await say(`初级补贴到底是${amount('subsidy', '初级')}还是${amount('subsidy', '中级')} 我看糊涂了`));
    expect(reply).toContain(`（初级）培训补贴${amount('subsidy', '初级')}元`);
    expect(reply).toContain(`（中级）培训补贴${amount('subsidy', '中级')}元`);
  });
});

describe('institutions asking the 辽宁 notice', () => {
  it('answers "辽宁一个机构能报好几个职业吗" with the permission and the fact that completes it (seeAlso)', async () => {
    const rule = facts.ofKind('rule', (f) => f.region === '辽宁' && (f.seeAlso ?? []).length > 0 && f.topics.includes('institution') && /多个职业/.test(f.statement))[0]!;
    const complement = facts.byId(rule.seeAlso![0]!)!;
    const reply = text(await say('辽宁一个机构能报好几个职业吗'));
    expect(reply).toContain(rule.kind === 'rule' ? rule.statement : '');
    expect(reply).toContain(complement.kind === 'rule' ? complement.statement : '');
  });

  it('answers "辽宁申报培训机构得具备啥条件" with every condition the notice sets for institutions', async () => {
    const conditions = facts.ofKind('rule', (f) => f.region === '辽宁' && f.topics.includes('institution') && f.topics.includes('eligibility'));
    expect(conditions.length).toBeGreaterThan(1);
    const reply = text(await say('辽宁申报培训机构得具备啥条件'));
    for (const c of conditions) expect(reply).toContain(c.statement.slice(0, 12));
  });

  it('answers "还能报吗" of an institution application with the deadline status, not the conditions', async () => {
    const reply = text(await say('辽宁那个培训机构申报 现在还能报吗', '2026-12-01'));
    expect(reply).toMatch(/已于.*截止/);
  });
});

describe('an institution named decides the region', () => {
  it('answers "石油大学的培训我能报吗" for 枣庄 even after a 辽宁 question in the same chat', async () => {
    const d = dialogue(fakePorts());
    await d.say('辽宁申报材料省厅怎么审');
    const reply = text(await d.say('石油大学的培训我能报吗'));
    const zz = facts.ofKind('eligibility', (f) => f.region === '枣庄')[0]!;
    expect(reply).toContain(zz.clauses[0]!.quote.replace(zz.clauses[0]!.label, "").slice(0, 6));
    expect(reply).not.toContain('独立法人');
  });
});

describe('the whole path, paying, and where to claim', () => {
  it('answers "从报名到拿证整个流程是啥" with the region’s steps (the facts’ `step`) in order, numbered', async () => {
    const steps = facts
      .ofKind('rule', (f) => f.doc === 'zaozhuang-2026' && f.step !== undefined)
      .sort((a, b) => a.step! - b.step!);
    expect(steps.length).toBeGreaterThan(2);
    const reply = text(await say('从报名到拿证整个流程是啥'));
    const at = steps.map((f) => reply.indexOf(f.statement.slice(0, 12)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(reply).toContain('1. ');
  });

  it('answers "钱交给谁 咋交" with the process rules on paying', async () => {
    const paying = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics.includes('process') && f.topics.includes('fee'));
    expect(paying.length).toBeGreaterThan(0);
    const reply = text(await say('钱交给谁 咋交'));
    expect(reply).toContain(paying[0]!.statement.slice(0, 12));
  });

  it('answers "金华的补贴去哪里申请" with where the subsidy is claimed (浙江’s rule, which 金华 applies)', async () => {
    const where = facts.ofKind('rule', (f) => f.region === '浙江' && f.topics.includes('process') && f.topics.includes('subsidy'))[0]!;
    const reply = text(await say('金华的补贴去哪里申请'));
    expect(reply).toContain(where.statement.slice(0, 12));
  });
});

describe('courses and sums across levels', () => {
  it('answers "中级线下那24学时学啥" with the 中级 course rule of that part, by its label', async () => {
    const offline = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics.includes('course') && f.label.includes('中级') && f.label.includes('线下'))[0]!;
    const reply = text(await say('中级线下那24学时学啥'));
    expect(reply).toContain(offline.statement.slice(0, 12));
  });

  it('reads the cue "学点啥" as rewritten ("学点什么"): "初级都学点啥" is a course question, answered', async () => {
    const reply = text(await say('初级都学点啥'));
    const course = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics.includes('course') && f.label.includes('初级'))[0]!;
    expect(reply).toContain(course.statement.slice(0, 12));
    expect(reply).not.toContain('没有直接回答');
  });

  it('answers "课程详细安排在哪看" with the rule that says where the details are', async () => {
    const refers = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics.includes('course') && /详情见/.test(f.statement))[0]!;
    const reply = text(await say('课程详细安排在哪看'));
    expect(reply).toContain(refers.statement.slice(-10));
  });

  it('adds the level named to the one asked before: "跟初级加一块" after 中级 sums both net costs', async () => {
    const d = dialogue(fakePorts());
    await d.say('枣庄中级补贴完自己出多少');
    const reply = text(await d.say('跟初级加一块 补贴完一共要掏多少'));
    const net = (l: '初级' | '中级') => amount('fee', l) - amount('subsidy', l);
    expect(reply).toContain(String(net('初级') + net('中级')));
  });
});

describe('a group the resident names, as the region’s rules list it', () => {
  it('answers "我是自由职业者 能参加浙江的培训吗" yes, from the clause that lists 自由职业者', async () => {
    const rule = facts.ofKind('rule', (f) => f.region === '浙江' && /自由职业者/.test(f.statement))[0]!;
    const reply = text(await say('杭州的 我是自由职业者 能参加浙江的培训吗'));
    expect(reply).toContain('自由职业者可以参加');
    expect(reply).toContain(rule.statement.slice(0, 12));
  });

  it('names the group by the longest run the clause holds (高技能人才, not 用人单位), and shows that rule', async () => {
    const rule = facts.ofKind('rule', (f) => f.region === '浙江' && /高技能人才/.test(f.statement))[0]!;
    const reply = text(await say('浙江 用人单位的高技能人才能报吗'));
    expect(reply).toContain('高技能人才可以参加');
    expect(reply).toContain(rule.statement.slice(0, 12));
  });
});

describe('several asks and regions with their own occupations', () => {
  it('answers a story with three asks ("能报吗 补完多少钱 啥时候截止"): the verdict, the net cost and the deadline', async () => {
    const deadline = facts.ofKind('deadline', (f) => f.region === '枣庄' && f.subject === 'registration')[0]!;
    const reply = text(await say('我是枣庄市中区的 本科毕业一年 想报数字化管理师初级 能报吗 补完多少钱 啥时候截止', '2026-12-01'));
    expect(reply).toContain('符合初级');
    expect(reply).toContain(String(amount('fee', '初级') - amount('subsidy', '初级')));
    expect(reply).toMatch(/截止/);
    expect(deadline).toBeDefined();
  });

  it('compares each region with the occupation named after it ("浙江智能制造初级…比枣庄数字化管理师初级多几个学时")', async () => {
    const zj = facts.ofKind('hours', (f) => f.region === '浙江' && f.occupation.startsWith('智能制造') && f.level === '初级')[0]!;
    const zz = facts.ofKind('hours', (f) => f.region === '枣庄' && f.level === '初级')[0]!;
    const reply = text(await say('浙江智能制造初级学时多少 比枣庄数字化管理师初级多几个学时'));
    expect(reply).toContain(`多${zj.total - zz.total}学时`);
    expect(reply).not.toContain('区块链');
  });
});

describe('the resident’s own fee figure and when to pay', () => {
  it('answers "3000块都包含啥 考试的钱在里面不" with the fee line and the exam fee rule', async () => {
    const fee = facts.ofKind('fee', (f) => f.region === '枣庄' && f.level === '初级')[0]!;
    const examFee = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics.includes('fee') && f.topics.includes('exam'))[0]!;
    const reply = text(await say(`${fee.amountYuan}块都包含啥 考试的钱在里面不`));
    for (const item of fee.includes) expect(reply).toContain(item);
    expect(reply).toContain(examFee.statement.slice(0, 10));
  });

  it('answers "是报名的时候就交钱 还是开课再交" with the process rules on paying', async () => {
    const paying = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics.includes('process') && f.topics.includes('fee'))[0]!;
    const reply = text(await say('是报名的时候就交钱 还是开课再交'));
    expect(reply).toContain(paying.statement.slice(0, 12));
  });
});

describe('a document number named', () => {
  it('answers "浙人社发〔2023〕36号什么时候开始施行" from the notices that cite it (浙江), not a 2023 notice by its year', async () => {
    const cited = facts.all().find((f) => f.quote.includes('浙人社发〔2023〕36号'))!;
    const effective = facts.ofKind('rule', (f) => f.region === '浙江' && /施行/.test(f.statement))[0]!;
    const reply = text(await say('浙人社发〔2023〕36号什么时候开始施行'));
    expect(cited.region === '浙江' || cited.region === '金华').toBe(true);
    expect(reply).toContain(effective.statement.slice(0, 12));
    expect(reply).not.toContain('枣庄');
  });
});

describe('conditions of the subsidy', () => {
  it('reads "威海享受培训补贴需要满足啥条件" as who may claim the subsidy: the region’s subsidy rule', async () => {
    const rule = facts.ofKind('rule', (f) => f.region === '威海' && f.topics.includes('subsidy') && /目录/.test(f.statement))[0]!;
    const reply = text(await say('威海享受培训补贴需要满足啥条件'));
    expect(reply).toContain(rule.statement.slice(0, 12));
  });
});

describe('the talent card asked by its kind', () => {
  it('reads "那个方案里说的是啥卡" as the talent-card topic', async () => {
    const card = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics.includes('talent-card'))[0]!;
    const reply = text(await say('2023年枣庄那个方案里说的是啥卡'));
    expect(reply).toMatch(/惠才卡/);
    expect(card).toBeDefined();
  });
});

describe('the whole spend and two asks in one message', () => {
  it('reads "考个初级等级证总共得花多少" as the net cost, with what the fee leaves out', async () => {
    const reply = text(await say('俺在枣庄 考个初级等级证总共得花多少'));
    expect(reply).toContain(String(amount('fee', '初级') - amount('subsidy', '初级')));
    expect(reply).toMatch(/自理/);
  });

  it('answers "能拿那…补贴吧" and "算下来自己掏多少" both: the subsidy’s rule and the net cost', async () => {
    const reply = text(await say(`我是市直单位的 报初级也能拿那${amount('subsidy', '初级')}补贴吧 算下来自己掏多少`));
    expect(reply).toContain(String(amount('fee', '初级') - amount('subsidy', '初级')));
    expect(reply).toMatch(/咨询所在单位/);
  });

  it('keeps the level the message names when a clause’s own figure would suggest another ("那实际付…对吧")', async () => {
    const net = amount('fee', '中级') - amount('subsidy', '中级');
    const reply = text(await say(`中级${amount('fee', '中级')}补${amount('subsidy', '中级')} 那实际付${net}对吧 住宿另算吗`));
    expect(reply).toContain(`（中级）：培训费${amount('fee', '中级')}元`);
    expect(reply).not.toContain(`（初级）：培训费`);
  });
});

describe('who pays the subsidy, and circumstances after a subsidy question', () => {
  it('answers "补贴最后是谁发钱" with the rule on who pays it out first, not the amounts table', async () => {
    const payer = facts.ofKind('rule', (f) => f.region === '金华' && f.topics.includes('subsidy') && /兑现/.test(f.statement))[0]!;
    const reply = text(await say('金华的补贴最后是谁发钱'));
    expect(reply.split('\n')[0]).toBe(payer.statement);
  });

  it('reads "事业编的行不" right after "金华补贴要啥条件" as a question about the subsidy, not about 事业编 exams', async () => {
    const d = dialogue(fakePorts());
    await d.say('金华补贴要啥条件');
    const reply = text(await d.say('事业编的行不'));
    expect(reply).toMatch(/在编/);
    expect(reply).not.toMatch(/只回答数字技术工程师/);
  });
});

describe('short follow-ups and certificates’ use', () => {
  it('reads "需要干满几年" right after a title answer as more of the title question', async () => {
    const rule = facts.all().find((f) => f.region === '枣庄' && f.topics.includes('title') && 'statement' in f && /满3年/.test(String(f.statement)))! as { statement: string };
    const d = dialogue(fakePorts());
    await d.say('中级培训合格了能直接评中级职称吗 枣庄');
    const reply = text(await d.say('需要干满几年'));
    expect(reply).toContain(rule.statement.slice(0, 14));
  });

  it('reads "拿到高级等级证书能干嘛" as what the certificate is good for: the title it leads to', async () => {
    const rule = facts.all().find((f) => f.region === '浙江' && f.topics.includes('title') && 'statement' in f && /高级工程师/.test(String(f.statement)))! as { statement: string };
    const reply = text(await say('浙江拿到高级等级证书能干嘛'));
    expect(reply).toContain(rule.statement.slice(0, 14));
  });

  it('reads the typos 职秤 and 教肓 through the language data’s rewrites', async () => {
    expect(text(await say('考出证书能评职秤吗 威海'))).toMatch(/工程师职称/);
    expect(text(await say('枣庄培训能算继续教肓学时吗'))).toMatch(/继续教育证书/);
  });
});

describe('a detail not stated, with the clause closest to it', () => {
  it('says the days of class are not stated and shows that the time is announced later', async () => {
    const schedule = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics.includes('class') && /另行通知/.test(f.quote))[0]!;
    const reply = text(await say('周末上课还是工作日上课'));
    expect(reply).toMatch(/没有/);
    expect(reply).toContain(schedule.statement.slice(0, 12));
  });
});

describe('follow-ups and comparisons by kind', () => {
  it('reads "浙江比威海多了啥" after a title answer as the title question for both regions', async () => {
    const senior = facts.all().find((f) => f.region === '浙江' && f.topics.includes('title') && 'statement' in f && /高级工程师/.test(String(f.statement)))! as { statement: string };
    const d = dialogue(fakePorts());
    await d.say('威海的职称政策咋样');
    const reply = text(await d.say('浙江比威海多了啥'));
    expect(reply).toContain(senior.statement.slice(0, 14));
    expect(reply).toContain('【威海】');
  });

  it('keeps a topic the examples are sure of against the last turn ("我社保就在金华交的" after a materials question)', async () => {
    const d = dialogue(fakePorts());
    await d.say('金华申请补贴要啥材料');
    const reply = text(await d.say('我社保就在金华交的'));
    expect(reply).toMatch(/培训合格证书/);
  });

  it('answers "初级跟中级自付差多少" with the difference of the net costs, not of the fees', async () => {
    const net = (l: '初级' | '中级') => amount('fee', l) - amount('subsidy', l);
    const reply = text(await say('枣庄初级跟中级自付差多少钱'));
    expect(reply).toContain(`${net('中级') - net('初级')}元`);
  });
});

describe('two asks in one message, and a clause that only gives the purpose', () => {
  it('answers the net cost and whether the exam fee is in it ("…算不算在里面" asks)', async () => {
    const reply = text(await say('中级实际要花多少 考试费算不算在里面'));
    expect(reply).toContain(String(amount('fee', '中级') - amount('subsidy', '中级')));
    expect(reply).toContain('自理');
  });

  it('answers the fee and the deadline of "初级多少钱 报名到啥时候"', async () => {
    const deadline = facts.ofKind('deadline', (f) => f.region === '枣庄')[0]!;
    const [, month, day] = deadline.closes!.split('-').map(Number);
    const reply = text(await say('初级多少钱 报名到啥时候'));
    expect(reply).toContain(String(amount('fee', '初级')));
    expect(reply).toContain(`${month}月${day}日`);
  });

  it('reads "在金华想领补贴" as the purpose of the question after it, not as a second question', async () => {
    const rule = facts.ofKind('rule', (f) => f.region === '金华' && f.topics.includes('subsidy') && /省内/.test(f.statement))[0]!;
    const reply = text(await say('在金华想领补贴 去省外机构培训行不行'));
    expect(reply).toContain(rule.statement.slice(0, 14));
    expect(reply).not.toMatch(/（培训机构：/);
  });

  it('reads "我想报个中级 现在还行吗" as whether sign-up is still open', async () => {
    const reply = text(await say('我想报个中级 现在还行吗', '2026-03-15'));
    expect(reply).toMatch(/截止/);
  });
});

describe('the subsidy’s own rules asked by kind', () => {
  it('answers "补贴要满足啥条件才能领" with the subsidy’s conditions, not the sign-up conditions', async () => {
    const reply = text(await say('浙江补贴要满足啥条件才能领'));
    expect(reply).toContain('培训合格证书');
    expect(reply).not.toMatch(/均可参加培训/);
  });

  it('answers "补贴申请有没有时间限制" with the rule that sets the time limit', async () => {
    const window = facts.ofKind('rule', (f) => f.region === '金华' && f.topics.includes('subsidy') && f.topics.includes('deadline'))[0]!;
    const reply = text(await say('金华培训补贴申请有没有时间限制'));
    expect(reply).toContain(window.statement.slice(0, 16));
  });
});

describe('eligibility stories by kind', () => {
  it('shows the clause a 大专 student who has not worked yet does not meet', async () => {
    const reply = text(await say('大专应届生 还没工作过 初级能报吗'));
    expect(reply).toMatch(/不满足/);
    expect(reply).toMatch(/大学专科学历，从事本职业技术工作满1年/);
  });

  it('judges "…中级可以吗" after a story at 中级', async () => {
    const reply = text(await say('大专 拿了数字化管理师初级等级证书 之后干满3年了 中级可以吗'));
    expect(reply).toMatch(/符合中级/);
  });

  it('reads "培训完给发啥证" as the certificate the training gives', async () => {
    const cert = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics[0] === 'certificate' && /培训合格证书/.test(f.statement) && f.doc === 'zaozhuang-2026')[0]!;
    const reply = text(await say('培训完给发啥证'));
    expect(reply).toContain(cert.statement.slice(0, 14));
    expect(reply).not.toMatch(/没有直接回答/);
  });
});

describe('scope and titles by kind', () => {
  it('reads "…初级证分别认定什么" as the title each region recognises', async () => {
    const reply = text(await say('威海和浙江初级证分别认定什么'));
    expect(reply).toContain('【威海】');
    expect(reply).toContain('助理工程师');
  });

  it('answers a question in the notices’ own term ("以考代评") though it names another field as an example', async () => {
    const rule = facts.all().find((f) => f.topics.includes('title') && f.quote.includes('以考代评'))!;
    expect(rule).toBeDefined();
    const reply = text(await say('以考代评的系列 比如会计 拿了等级证也能直接认定吗'));
    expect(reply).toContain('以考代评');
    expect(reply).not.toMatch(/我只回答/);
  });

  it('still keeps a foreign subject out of scope when only that subject is in a clause ("养老保险一个月交多少")', async () => {
    const reply = text(await say('养老保险一个月交多少'));
    expect(reply).toMatch(/我只回答/);
  });
});

describe('the fee with its parts, the net cost with its figures, and what an occupation does', () => {
  it('shows the hours of each part when a fee question names 线上/线下', async () => {
    const hours = facts.ofKind('hours', (f) => f.region === '枣庄' && f.level === '初级')[0]!;
    const reply = text(await say('初级3000是线上线下都包括的吗'));
    expect(reply).toContain(String(amount('fee', '初级')));
    expect(reply).toContain(`线上${hours.online}学时`);
    expect(reply).toContain(`线下${hours.offline}学时`);
  });

  it('answers the net cost of "学费3500 补贴1300对吧 那我要准备多少钱" as one question', async () => {
    const fee = amount('fee', '中级');
    const sub = amount('subsidy', '中级');
    const reply = text(await say(`我是枣庄的 中级学费${fee} 补贴${sub}对吧 那我要准备多少钱`));
    expect(reply).toContain(String(fee - sub));
  });

  it('reads "数字画管理师是干嘛的" as what the occupation is', async () => {
    const reply = text(await say('数字画管理师是干嘛的'));
    expect(reply).toContain('移动办公平台');
  });
});

describe('titles asked inside a story, and what a certificate is good for', () => {
  it('answers "…能直接申报中级职称吗" after a story with the title rule, not the training’s entry conditions', async () => {
    const rule = facts.all().find((f) => f.region === '枣庄' && f.topics.includes('title') && 'statement' in f && /中级培训合格证书/.test(String(f.statement)))! as { statement: string };
    const reply = text(await say('我中级培训合格证书拿到了 这行干了两年 能直接申报中级职称吗'));
    expect(reply).toContain(rule.statement.slice(0, 16));
    expect(reply).not.toMatch(/培训对象条件/);
  });

  it('answers "证书 用处" with the titles and the continuing-education hours', async () => {
    const ce = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics[0] === 'continuing-education' && f.doc === 'zaozhuang-2026')[0]!;
    const reply = text(await say('证书 用处'));
    expect(reply).toMatch(/职称/);
    expect(reply).toContain(ce.statement.slice(0, 12));
  });
});

describe('other institutions, checking certificates, and one’s own registration', () => {
  it('answers "能换别的培训机构吗" with the rule that lets districts choose other institutions', async () => {
    const rule = facts.ofKind('rule', (f) => f.region === '枣庄' && /选择其他培训机构/.test(f.statement))[0]!;
    const reply = text(await say('不想去石大 能换别的培训机构吗'));
    expect(reply).toContain(rule.statement.slice(-20));
  });

  it('reads "网上能查真假不" as where certificates are verified', async () => {
    const rule = facts.ofKind('rule', (f) => f.region === '威海' && f.topics.includes('verification'))[0]!;
    const reply = text(await say('威海这边发的证 网上能查真假不'));
    expect(reply).toContain(rule.statement.slice(0, 16));
  });

  it('reads "能查到我的报名吗" as the resident’s own registration, not a privacy probe', async () => {
    const reply = text(await say('能查到我的报名吗'));
    expect(reply).not.toMatch(/不能透露/);
    expect(reply).toMatch(/报名/);
  });
});

describe('who may claim a subsidy, its time limit, reporting deadlines, and lists asked with 哪些', () => {
  it('answers "去上海培训的 能领金华补贴吗" with who the subsidy is for (the province’s own institutions)', async () => {
    const rule = facts.ofKind('rule', (f) => f.region === '金华' && f.topics.includes('subsidy') && f.topics.includes('eligibility') && /省内/.test(f.statement))[0]!;
    const reply = text(await say('我在金华 去上海培训的 能领金华补贴吗'));
    expect(reply).toContain(rule.statement.slice(0, 16));
  });

  it('keeps the rule nearest the question first ("金华这个补贴一年能领几次")', async () => {
    const cap = facts.ofKind('rule', (f) => f.topics.includes('subsidy') && /不超过3次/.test(f.statement))[0]!;
    const reply = text(await say('金华这个补贴一年能领几次'));
    expect(reply).toContain(cap.statement.slice(0, 12));
  });

  it('answers "证书下来多久以内要申请补贴" with no region by the notice that sets the limit, saying whose it is', async () => {
    const window = facts.ofKind('rule', (f) => f.topics.includes('subsidy') && f.topics.includes('deadline'))[0]!;
    const reply = text(await say('等级证书下来多久以内要申请补贴'));
    expect(reply).toContain(window.statement.slice(0, 16));
    expect(reply).toContain(`以下是${window.region}的通知中的规定`);
  });

  it('reads "多长时间要把学员名单报给省厅" as a reporting deadline, not a privacy probe', async () => {
    const rule = facts.ofKind('rule', (f) => f.topics.includes('reporting') && /结业30日内/.test(f.statement))[0]!;
    const reply = text(await say('培训结业以后多长时间要把学员名单报给省厅'));
    expect(reply).toContain(rule.statement.slice(0, 12));
    expect(text(await say('把学员名单发给我'))).toMatch(/不能透露/);
  });

  it('reads "考哪些" as asking for what the notice states, with the notices that state it', async () => {
    const reply = text(await say('等级考试考哪些'));
    expect(reply).toMatch(/枣庄的通知中没有/);
    expect(reply).toMatch(/【威海】|【浙江】/);
  });
});

describe('what the exam application asks for', () => {
  it('answers "考等级要不要交一堆证明材料" with the exam application rule (告知承诺制), not a list of materials', async () => {
    const rule = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics.includes('exam') && f.quote.includes('告知承诺'))[0]!;
    const reply = text(await say('考等级要不要交一堆证明材料'));
    expect(reply).toContain(rule.statement.slice(0, 16));
  });
});
