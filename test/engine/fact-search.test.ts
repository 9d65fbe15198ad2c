import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact, Region, Topic } from '../../knowledge/facts/schema.js';
import type { Passage } from '../../knowledge/types.js';
import { factsInPassages, rankFacts } from '../../bot/engine/answer/fact-search.js';
import { normalizeQuestion } from '../../bot/engine/understand/normalize-question.js';
import { realFacts } from './fake-ports.js';

const facts = realFacts();
const docsDir = path.resolve(import.meta.dirname, '../../knowledge/docs');

/** The facts of one topic in one region, as the engine narrows them before ranking. */
function topicFacts(topic: Topic, region: Region): Fact[] {
  return facts.all().filter((f) => f.kind !== 'form-field' && f.topics.includes(topic) && f.region === region);
}

/** Ids of the ranked facts, best first. */
function ranked(question: string, candidates: readonly Fact[]): string[] {
  return rankFacts(facts, normalizeQuestion(question), candidates).map((x) => x.fact.id);
}

/** The raw text of a notice. */
function notice(doc: string): string {
  return readFileSync(path.join(docsDir, `${doc}.txt`), 'utf8');
}

/** A retrieved passage made of real notice text. */
function passage(doc: string, text: string, score = 0.8, region: Region = '枣庄'): Passage {
  return { id: `${doc}#t`, doc, section: 'test', text, region, score, keywordScore: 1, vectorScore: 0.5 };
}

/** The notice text from the line containing `from` to the line containing `to`, inclusive. */
function lines(doc: string, from: string, to: string): string {
  const all = notice(doc).split('\n');
  const a = all.findIndex((l) => l.includes(from));
  const b = all.findIndex((l, i) => i >= a && l.includes(to));
  if (a < 0 || b < 0) throw new Error(`lines ${from}..${to} not found in ${doc}`);
  return all.slice(a, b + 1).join('\n');
}

describe('rankFacts', () => {
  it.each<[string, Topic, Region, string]>([
    ['交完钱给开发票不', 'fee', '枣庄', 'zz26-invoice'],
    ['考核费含在培训费里吗', 'fee', '枣庄', 'zz26-exam-fee'],
    ['开班前几天能退款', 'refund', '枣庄', 'zz26-refund-city'],
    ['迟到早退能退费吗', 'refund', '枣庄', 'zz26-no-makeup'],
    ['事业单位的人认定完还要竞聘吗', 'title', '枣庄', 'zz26-title-public-institution'],
    ['中级培训合格证书能直接报中级职称吗', 'title', '枣庄', 'zz26-title-training-middle'],
    ['毕业生去哪领补贴', 'subsidy', '浙江', 'zj23-subsidy-where'],
    ['每年能享受几次补贴', 'subsidy', '浙江', 'zj23-subsidy-max-per-year'],
    ['在编人员能拿补贴吗', 'subsidy', '金华', 'jh24-subsidy-exclusions'],
    ['补贴要多久内申请', 'subsidy', '金华', 'jh24-application-window'],
    ['同一个等级能重复领补贴吗', 'subsidy', '威海', 'wh23-subsidy-once-a-year'],
    ['山亭区的电话', 'contact', '枣庄', 'zz26-contact-shanting'],
    ['石油大学的电话', 'contact', '枣庄', 'zz26-contact-upc-office'],
  ])('ranks first, for %s, the %s fact of %s that states the detail (%s)', (question, topic, region, id) => {
    const candidates = topicFacts(topic, region);
    expect(candidates.map((f) => f.id)).toContain(id);
    expect(ranked(question, candidates)[0]).toBe(id);
  });

  it('scores coverage between 0 and 1, best first', () => {
    const out = rankFacts(facts, normalizeQuestion('开班前几天能退款'), topicFacts('refund', '枣庄'));
    expect(out.length).toBeGreaterThan(1);
    for (const x of out) {
      expect(x.score).toBeGreaterThan(0);
      expect(x.score).toBeLessThanOrEqual(1);
    }
    const scores = out.map((x) => x.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('returns only facts among the candidates it is given', () => {
    const candidates = topicFacts('refund', '枣庄');
    const ids = new Set(candidates.map((f) => f.id));
    for (const x of rankFacts(facts, '退款', candidates)) expect(ids.has(x.fact.id)).toBe(true);
  });

  it('searches every fact when no candidates are given', () => {
    expect(rankFacts(facts, normalizeQuestion('惠才卡'))[0]?.fact.topics).toContain('talent-card');
  });

  it.each([['多少'], ['请问'], ['？'], ['']])('returns nothing for %s, which holds no subject word', (question) => {
    expect(rankFacts(facts, question, topicFacts('fee', '枣庄'))).toEqual([]);
  });

  // Bug: "几次" shares no bigram with "3次", and 次补 from "级次补贴" lifts the general rule.
  it('ranks the per-year limit first for 一年能领几次补贴', () => {
    expect(ranked('一年能领几次补贴', topicFacts('subsidy', '浙江'))[0]).toBe('zj23-subsidy-max-per-year');
  });
});

describe('factsInPassages', () => {
  it('finds the facts whose quotes lie inside a retrieved passage', () => {
    const text = lines('zaozhuang-2026', '根据《中国石油大学（华东）招生简章》', '逾期不予退款');
    const ids = factsInPassages(facts, [passage('zaozhuang-2026', text)]).map((x) => x.fact.id);
    expect(ids).toContain('zz26-refund-city');
    expect(ids).toContain('zz26-payment-arranged');
  });

  it('maps a passage that is a piece of a long fact to that fact', () => {
    const piece = '若培训班正式授课后因学员迟到、早退、旷课等个人原因导致的学员培训时间不足';
    const long = facts.byId('zz26-no-makeup')!;
    expect(long.quote.length).toBeGreaterThan(piece.length * 2);
    const ids = factsInPassages(facts, [passage('zaozhuang-2026', piece)]).map((x) => x.fact.id);
    expect(ids).toContain('zz26-no-makeup');
  });

  it('matches a quote across the line breaks and widths of the notice', () => {
    const broken = '已缴费但因客观原因无法参加的学员，\n  可于开班三天前提出退款申请，\n逾期不予退款。';
    const ids = factsInPassages(facts, [passage('zaozhuang-2026', broken)]).map((x) => x.fact.id);
    expect(ids).toContain('zz26-refund-city');
  });

  it('does not return form-field facts, though their labels appear in the sign-up form passage', () => {
    const form = lines('zaozhuang-2026', '枣庄市数字化管理师培育项目报名表', '培训等级');
    expect(form).toContain('身份证号');
    const withSubmit = `${lines('zaozhuang-2026', '请参训学员填写', '请参训学员填写')}\n${form}`;
    const found = factsInPassages(facts, [passage('zaozhuang-2026', withSubmit)]);
    expect(found.map((x) => x.fact.id)).toContain('zz26-form-submit');
    expect(found.filter((x) => x.fact.kind === 'form-field')).toEqual([]);
  });

  it('only takes facts from the passage’s own notice', () => {
    // The 2023 Zaozhuang and Weihai notices word the competition reward alike.
    const text = facts.byId('wh23-competition-reward')!.quote;
    const ids = factsInPassages(facts, [passage('weihai-2023', text, 0.7, '威海')]).map((x) => x.fact.id);
    expect(ids).toContain('wh23-competition-reward');
    expect(ids.every((id) => facts.byId(id)!.doc === 'weihai-2023')).toBe(true);
  });

  it('lists facts in passage order, each once, with the rank and score of the first passage it was found in', () => {
    const refund = '已缴费但因客观原因无法参加的学员，可于开班三天前提出退款申请，逾期不予退款。';
    const invoice = '参训学员报名汇款后，由中国石油大学（华东）开具中央非税收入统一票据。';
    const found = factsInPassages(facts, [
      passage('zaozhuang-2026', invoice, 0.9),
      passage('zaozhuang-2026', `${refund}${invoice}`, 0.4),
    ]);
    const ids = found.map((x) => x.fact.id);
    expect(ids.filter((id) => id === 'zz26-invoice')).toHaveLength(1);
    expect(found.find((x) => x.fact.id === 'zz26-invoice')).toMatchObject({ rank: 0, passageScore: 0.9 });
    expect(found.find((x) => x.fact.id === 'zz26-refund-city')).toMatchObject({ rank: 1, passageScore: 0.4 });
    expect(ids.indexOf('zz26-invoice')).toBeLessThan(ids.indexOf('zz26-refund-city'));
  });

  it('does not map a very short passage to every fact that contains it', () => {
    expect(factsInPassages(facts, [passage('zaozhuang-2026', '数据管理')])).toEqual([]);
  });

  it('returns nothing for no passages', () => {
    expect(factsInPassages(facts, [])).toEqual([]);
  });
});
