/**
 * The facts the bot is built around are present, consistent with each other
 * and shaped the way the tools and the registration form read them. A fact
 * deleted or renamed by an edit for next year's notice fails here by name.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFactsTable } from '../../knowledge/facts/load-facts.js';
import { loadCheckedFacts } from '../../knowledge/facts/check-facts.js';
import { invokeTool } from '../../tools/define-tool.js';
import { eligibilityCheck, excludesRetired } from '../../tools/eligibility-check.js';
import type { FactOf, Level, Region } from '../../knowledge/facts/schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const docsDir = path.join(root, 'knowledge/docs');
const loaded = loadFactsTable(path.join(root, 'knowledge/facts/facts.json'));
if (!loaded.ok) throw new Error(loaded.error);
const facts = loaded.table;

const DM = '数字化管理师';
const one = <K extends Parameters<typeof facts.ofKind>[0]>(kind: K, where: (f: FactOf<K>) => boolean): FactOf<K> => {
  const found = facts.ofKind(kind, where);
  expect(found, `exactly one ${kind} fact`).toHaveLength(1);
  return found[0]!;
};

describe('Zaozhuang 2026 round (数字化管理师)', () => {
  it.each([
    ['初级', 3000, 1000, 60, 48, 12],
    ['中级', 3500, 1300, 90, 66, 24],
  ] as const)('%s: fee %i, subsidy %i, %i hours (%i online + %i offline)', (level, fee, subsidy, total, online, offline) => {
    const byLevel = (f: { region: Region; occupation: string; level: Level }) => f.region === '枣庄' && f.occupation === DM && f.level === level;
    expect(one('fee', byLevel).amountYuan).toBe(fee);
    expect(one('subsidy', byLevel)).toMatchObject({ amountYuan: subsidy, beneficiaries: '枣庄市参训人员' });
    expect(one('hours', byLevel)).toMatchObject({ total, online, offline });
    expect(online + offline).toBe(total);
  });

  it('says what the fee includes and excludes', () => {
    const fee = one('fee', (f) => f.region === '枣庄' && f.level === '初级');
    expect(fee.includes).toEqual(['培训', '资料费']);
    expect(fee.excludes.join('、')).toContain('教材费');
    expect(fee.excludes.join('、')).toContain('食宿和交通费');
  });

  it('closes registration on 2026-04-20', () => {
    expect(one('deadline', (f) => f.subject === 'registration')).toMatchObject({ closes: '2026-04-20', region: '枣庄', label: '数字化管理师培训报名' });
  });

  it('opens a class at 20 people', () => {
    expect(facts.byId('zz26-class-size')).toMatchObject({ kind: 'rule', value: 20, topics: ['class'] });
  });

  it('keeps the two refund rules as a declared conflict', () => {
    const refunds = facts.ofKind('rule', (f) => f.region === '枣庄' && f.topics[0] === 'refund');
    expect(refunds.map((f) => f.id).sort()).toEqual(['zz26-refund-brochure', 'zz26-refund-city']);
    expect(facts.byId('zz26-refund-city')?.conflictsWith).toEqual(['zz26-refund-brochure']);
    expect(facts.byId('zz26-refund-brochure')?.conflictsWith).toEqual(['zz26-refund-city']);
  });

  it('has 4 clauses for 初级 and 5 for 中级, each with machine-checkable conditions', () => {
    const junior = one('eligibility', (f) => f.region === '枣庄' && f.level === '初级');
    const middle = one('eligibility', (f) => f.region === '枣庄' && f.level === '中级');
    expect(junior.clauses.map((c) => c.label)).toEqual(['（1）', '（2）', '（3）', '（4）']);
    expect(middle.clauses.map((c) => c.label)).toEqual(['（1）', '（2）', '（3）', '（4）', '（5）']);
    expect(junior.clauses[0]!.all).toEqual([{ kind: 'education', anyOf: ['本科', '硕士', '博士'], includesStudents: true }]);
    expect(middle.clauses[0]!.all).toContainEqual({ kind: 'years', min: 2, since: 'title' });
    // 技工院校 graduates are sent to staff, in both levels.
    for (const f of [junior, middle]) expect(f.clauses.at(-1)!.all.map((c) => c.kind)).toEqual(['education', 'refer']);
  });

  it('lists the sign-up form fields in the printed order, only 职称 optional', () => {
    const fields = facts.ofKind('form-field').sort((a, b) => a.order - b.order);
    expect(fields.map((f) => f.label)).toEqual(['姓名', '性别', '身份证号', '学历及所学专业', '职称', '所在单位', '单位所在区（市）', '手机号', '培训等级']);
    expect(fields.map((f) => f.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fields.filter((f) => f.optional).map((f) => f.field)).toEqual(['title']);
    expect(fields.find((f) => f.field === 'level')?.options).toEqual(['初级', '中级']);
  });

  it('has a 0632 office for every district the form offers, and only those', () => {
    const options = facts.ofKind('form-field', (f) => f.field === 'district')[0]?.options ?? [];
    expect(options).toEqual(['滕州市', '市中区', '薛城区', '峄城区', '台儿庄区', '山亭区', '高新区', '市直']);
    const offices = facts.ofKind('contact', (f) => f.region === '枣庄' && f.district !== undefined);
    expect(offices.map((f) => f.district)).toEqual(options);
    for (const o of offices) {
      expect(o.areaCode).toBe('0632');
      expect(o.phone).toMatch(/^[0-9]{7}$/u);
      expect(o.purposes).toEqual(['政策咨询', '报名']);
    }
  });

  it('lists the three technical support teachers with mobile numbers', () => {
    const tech = facts.ofKind('contact', (f) => f.purposes.includes('技术支持'));
    expect(tech.map((f) => f.name)).toEqual(['徐老师', '姚老师', '李老师']);
    for (const t of tech) expect(t.phone).toMatch(/^1[3-9][0-9]{9}$/u);
  });
});

describe('Zhejiang subsidy table (附件2)', () => {
  it.each([
    ['大数据工程技术人员', '2-02-10-11', [[128, 3300], [128, 3900], [160, 5200]]],
    ['区块链工程技术人员', '2-02-10-15', [[80, 2200], [64, 2400], [64, 2900]]],
    ['智能制造工程技术人员', '2-02-07-13', [[90, 2300], [90, 2700], [80, 3300]]],
  ] as const)('%s (%s) has a subsidy and an hours fact per level', (occupation, code, cells) => {
    (['初级', '中级', '高级'] as const).forEach((level, i) => {
      const [hours, yuan] = cells[i]!;
      const match = (f: { region: Region; occupation: string; level: Level }) => f.region === '浙江' && f.occupation === occupation && f.level === level;
      expect(one('subsidy', match)).toMatchObject({ amountYuan: yuan, hoursRequired: hours, occupationCode: code });
      expect(one('hours', match).total).toBe(hours);
    });
  });
});

describe('regions', () => {
  it.each([
    ['滕州', '枣庄'],
    ['薛城区', '枣庄'],
    ['威海高新区', '威海'],
    ['荣成', '威海'],
    ['义乌', '金华'],
    ['浙江金华', '金华'],
    ['杭州', '浙江'],
    ['沈阳', '辽宁'],
  ] as const)('resolves %s to %s', (place, region) => {
    expect(facts.resolveRegion(place)).toBe(region);
  });

  it('resolves no region for a place the notices do not cover', () => {
    expect(facts.resolveRegion('北京')).toBeUndefined();
    expect(facts.resolveRegion('北京朝阳')).toBeUndefined();
  });

  it('applies the Zhejiang plan to Jinhua', () => {
    expect(facts.applicableRegions('金华')).toEqual(['金华', '浙江']);
  });

  it('has facts for every region it names', () => {
    for (const r of facts.regions) expect(facts.all().some((f) => f.region === r.region), r.region).toBe(true);
  });
});

describe('consistency', () => {
  it('uses only canonical occupation names (those of occupation facts)', () => {
    const names = new Set(facts.ofKind('occupation').map((f) => f.name));
    for (const f of facts.all()) {
      const used = 'occupation' in f ? [f.occupation] : f.kind === 'institution' ? f.occupations : [];
      for (const name of used) expect(names.has(name), `${f.id}: ${name}`).toBe(true);
    }
  });

  it('gives the same aliases to an occupation wherever it appears', () => {
    const byName = new Map<string, string[]>();
    for (const f of facts.ofKind('occupation')) {
      const seen = byName.get(f.name);
      if (seen) expect(f.aliases, f.id).toEqual(seen);
      else byName.set(f.name, f.aliases);
    }
  });

  it('lists the ten Liaoning occupations as printed', () => {
    expect(facts.ofKind('occupation', (f) => f.region === '辽宁')).toHaveLength(10);
  });

  it('states no subsidy amount for Weihai, only the rule that defers it', () => {
    expect(facts.ofKind('subsidy', (f) => f.region === '威海')).toEqual([]);
    expect(facts.byId('wh23-subsidy-amount-not-stated')).toMatchObject({ kind: 'rule', region: '威海', topics: ['subsidy'] });
  });

  it('takes every eligibility exclusion from a notice of the same region (the start-up check)', () => {
    const r = loadCheckedFacts(path.join(root, 'knowledge/facts/facts.json'), docsDir);
    expect(r.ok ? [] : r.problems.filter((p) => p.kind === 'exclusion-not-in-notice')).toEqual([]);
  });

  it("excludes retirees in 枣庄 by the city plan's own rule, cited as that plan (the 2026 notice is silent on them)", () => {
    const r = invokeTool(eligibilityCheck, { region: '枣庄', level: '中级', profile: { retired: true } }, { facts, now: new Date('2026-03-01T00:00:00+08:00') });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.decision).toBe('not-eligible');
    expect(r.facts.map((f) => f.doc)).toEqual(['zaozhuang-2026', 'zaozhuang-2023']);
    expect(facts.ofKind('rule').filter(excludesRetired).map((f) => f.region).sort()).toEqual(['威海', '枣庄']);
  });
});
