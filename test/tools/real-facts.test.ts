/**
 * The main tools over the real facts table (knowledge/facts/facts.json):
 * the headline numbers residents ask about most, straight from the notices.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FactsFileSchema } from '../../knowledge/facts/schema.js';
import { contactsLookup } from '../../tools/contacts-lookup.js';
import { deadlineStatus } from '../../tools/deadline-status.js';
import { invokeTool } from '../../tools/define-tool.js';
import { eligibilityCheck } from '../../tools/eligibility-check.js';
import { FactsTable } from '../../tools/facts-table.js';
import { feeLookup } from '../../tools/fee-lookup.js';
import { hoursLookup } from '../../tools/hours-lookup.js';
import { netCost } from '../../tools/net-cost.js';
import { occupationsLookup } from '../../tools/occupations-lookup.js';
import { refundPolicy } from '../../tools/refund-policy.js';
import { subsidyLookup } from '../../tools/subsidy-lookup.js';
import { titleRecognition } from '../../tools/title-recognition.js';

const file = FactsFileSchema.parse(JSON.parse(readFileSync(new URL('../../knowledge/facts/facts.json', import.meta.url), 'utf8')));
const facts = new FactsTable(file);
const ctx = { facts, now: new Date('2026-03-01T02:00:00Z') };

function value<T>(r: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}

describe('tools over the real facts table', () => {
  it.each([
    ['初级', 3000, 1000, 2000, 60, 48, 12],
    ['中级', 3500, 1300, 2200, 90, 66, 24],
  ])('枣庄 数字化管理师 %s: fee %i, subsidy %i, net %i, hours %i (%i online + %i offline)', (level, fee, subsidy, net, total, online, offline) => {
    const input = { region: '枣庄', occupation: '数字化管理师', level };
    expect(value(invokeTool(feeLookup, input, ctx)).fees.map((f) => f.amountYuan)).toEqual([fee]);
    const s = value(invokeTool(subsidyLookup, input, ctx));
    expect(s.kind === 'amounts' && s.subsidies.map((x) => x.amountYuan)).toEqual([subsidy]);
    expect(value(invokeTool(netCost, input, ctx))).toMatchObject({ kind: 'computed', feeYuan: fee, subsidyYuan: subsidy, netYuan: net });
    expect(value(invokeTool(hoursLookup, input, ctx)).hours).toEqual([expect.objectContaining({ total, online, offline })]);
  });

  it('浙江 大数据 中级: 128 hours required, subsidy 3900', () => {
    const s = value(invokeTool(subsidyLookup, { region: '浙江', occupation: '大数据', level: '中级' }, ctx));
    expect(s.kind === 'amounts' && s.subsidies[0]).toMatchObject({ amountYuan: 3900, hoursRequired: 128 });
    expect(value(invokeTool(hoursLookup, { region: '金华', occupation: '大数据', level: '中级' }, ctx)).hours[0]).toMatchObject({ total: 128 });
  });

  it.each([
    ['2026-04-19T12:00:00+08:00', { status: 'open', daysLeft: 2 }],
    ['2026-04-20T12:00:00+08:00', { status: 'closes-today' }],
    ['2026-04-21T00:30:00+08:00', { status: 'closed', daysSince: 1 }],
  ])('the 枣庄 registration closing 2026-04-20 is, at %s, %j', (iso, expected) => {
    const v = value(invokeTool(deadlineStatus, { subject: 'registration', region: '滕州' }, { facts, now: new Date(iso) }));
    expect(v.deadlines).toEqual([expect.objectContaining({ closes: '2026-04-20', ...expected })]);
  });

  it('says 威海 states no subsidy amount, and 北京 is not covered', () => {
    expect(value(invokeTool(subsidyLookup, { region: '威海' }, ctx)).kind).toBe('amount-not-stated');
    const r = invokeTool(subsidyLookup, { region: '北京' }, ctx);
    expect(r.ok || r.error.kind).toBe('not-covered');
  });

  it('returns both refund rules of 枣庄 as a conflict', () => {
    const v = value(invokeTool(refundPolicy, { region: '枣庄' }, ctx));
    expect(v.conflicts).toHaveLength(1);
    expect(v.conflicts[0]!.a.quote + v.conflicts[0]!.b.quote).toMatch(/开班三天前[\s\S]*一旦缴费不予退款|一旦缴费不予退款[\s\S]*开班三天前/);
  });

  it.each([
    ['滕州', '5513165'],
    ['台儿庄', '6618351'],
    ['高新', '8691030'],
    ['市里', '3314140'],
  ])('finds the %s office phone %s', (district, phone) => {
    expect(value(invokeTool(contactsLookup, { district }, ctx)).contacts.map((c) => c.phone)).toContain(phone);
  });

  it.each([
    ['威海', '初级', '助理工程师'],
    ['威海', '中级', '工程师'],
    ['浙江', '初级', '助理工程师'],
    ['金华', '中级', '工程师'],
  ])('%s %s certificate -> %s', (region, level, title) => {
    expect(value(invokeTool(titleRecognition, { region, level }, ctx)).titles.map((t) => t.title)).toContain(title);
  });

  it.each([
    ['初级', { education: '专科', yearsInWork: 1 }, 'eligible'],
    ['初级', { education: '专科', yearsInWork: 11 / 12, titles: [] }, 'not-eligible'],
    ['初级', { education: '本科', studying: true }, 'eligible'],
    ['初级', { education: '技工院校', titles: [] }, 'refer'],
    ['初级', { education: '本科', retired: true }, 'not-eligible'],
    ['中级', { titles: ['助理工程师'], yearsSinceTitle: 2 }, 'eligible'],
    ['中级', { education: '本科', degrees: ['学士'], titles: [], levelCertificates: ['初级'], yearsSinceLevelCertificate: 2 }, 'not-eligible'],
    ['中级', { education: '博士', degrees: ['博士'], titles: [], levelCertificates: [] }, 'incomplete'],
  ])('eligibility for 枣庄 %s with %j is %s', (level, profile, decision) => {
    expect(value(invokeTool(eligibilityCheck, { region: '枣庄', level, profile }, ctx)).decision).toBe(decision);
  });

  it.each([
    ['大数据', '大数据工程技术人员', '2-02-10-11'],
    ['数字化管理', '数字化管理师', '2-02-30-11'],
    ['芯片', '集成电路工程技术人员', undefined],
  ])('resolves the occupation %s to %s', (query, name, code) => {
    const o = value(invokeTool(occupationsLookup, { query }, ctx)).occupations;
    expect(o.map((x) => x.name)).toEqual([name]);
    if (code) expect(o[0]!.code).toBe(code);
  });
});
