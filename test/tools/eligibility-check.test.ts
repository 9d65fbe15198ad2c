import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { eligibilityCheck, ProfileSchema, rankMissing, type Profile } from '../../tools/eligibility-check.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

function check(level: string, profile: Profile | Record<string, unknown>, region: string | undefined = '枣庄') {
  const r = invokeTool(eligibilityCheck, { region, level, profile }, ctx);
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}

describe('eligibility-check: 初级', () => {
  it.each([
    ['本科 graduate', { education: '本科' }, '（1）'],
    ['在读本科 (应届)', { education: '本科', studying: true }, '（1）'],
    ['博士', { education: '博士' }, '（1）'],
    ['专科 with exactly 1 year', { education: '专科', yearsInWork: 1 }, '（2）'],
    ['专科 with 12 months written as 12/12', { education: '专科', yearsInWork: 12 / 12 }, '（2）'],
    ['技术员 with 高中', { education: '高中', titles: ['技术员'] }, '（3）'],
  ])('is eligible: %s', (_name, profile, label) => {
    const v = check('初级', profile);
    expect(v.decision).toBe('eligible');
    if (v.decision === 'eligible') expect(v.clause.label).toBe(label);
  });

  it.each([
    ['专科 with 11 months', { education: '专科', yearsInWork: 11 / 12, titles: [] }],
    ['专科 with half a year', { education: '专科', yearsInWork: 0.5, titles: [] }],
    ['高中 without a title', { education: '高中', titles: [] }],
  ])('is not eligible: %s, listing every clause', (_name, profile) => {
    const v = check('初级', profile);
    expect(v.decision).toBe('not-eligible');
    if (v.decision === 'not-eligible') expect(v.clauses.map((c) => c.label)).toEqual(['（1）', '（2）', '（3）', '（4）']);
  });

  it('asks about the title when 专科 has only 11 months of work and the title is unknown', () => {
    const v = check('初级', { education: '专科', yearsInWork: 11 / 12 });
    expect(v).toMatchObject({ decision: 'incomplete', ask: ['titles'] });
  });

  it('refers 技工院校 graduates to staff with the clause that says so', () => {
    const v = check('初级', { education: '技工院校', titles: [] });
    expect(v.decision).toBe('refer');
    if (v.decision === 'refer') {
      expect(v.clause.label).toBe('（4）');
      expect(v.reason).toContain('技工院校');
    }
  });

  it('asks first for education, then the title, when nothing is known', () => {
    const v = check('初级', {});
    expect(v.decision).toBe('incomplete');
    if (v.decision === 'incomplete') {
      expect(v.ask).toEqual(['education', 'titles']);
      expect(v.missing).toContain('yearsInWork');
    }
  });

  it('asks for years of work when a 专科 graduate has no title', () => {
    expect(check('初级', { education: '专科', titles: [] })).toMatchObject({ decision: 'incomplete', ask: ['yearsInWork'] });
  });

  it('excludes retired people first, where the region’s notices exclude them', () => {
    const v = check('初级', { education: '本科', retired: true });
    expect(v.decision).toBe('not-eligible');
    if (v.decision === 'not-eligible') expect(v.excludedBy).toContain('不包含已退休人员');
  });
});

describe('eligibility-check: 中级', () => {
  it.each([
    ['助理工程师 for 2 years', { titles: ['助理工程师'], yearsSinceTitle: 2 }, '（1）'],
    ['本科 + 初级证 for 3 years', { education: '本科', levelCertificates: ['初级'], yearsSinceLevelCertificate: 3 }, '（2）'],
    ['硕士学位 + 初级证 for 1 year', { education: '硕士', degrees: ['硕士'], levelCertificates: ['初'], yearsSinceLevelCertificate: 1 }, '（3）'],
    ['相关专业博士', { degrees: ['博士'], relatedMajor: true }, '（4）'],
  ])('is eligible: %s', (_name, profile, label) => {
    const v = check('中级', profile);
    expect(v.decision).toBe('eligible');
    if (v.decision === 'eligible') expect(v.clause.label).toBe(label);
  });

  it('is not eligible: 本科 (学士) + 初级证 for only 2 years, without a title', () => {
    const v = check('中级', {
      education: '本科',
      degrees: ['学士'],
      titles: [],
      levelCertificates: ['初级'],
      yearsSinceLevelCertificate: 2,
    });
    expect(v.decision).toBe('not-eligible');
  });

  it('reads the education a degree implies: 学士 without a stated education meets 本科-or-higher clauses', () => {
    // 学士 and 初级证 for 3 years, education never said: clause (2) holds, whatever the highest education is.
    const v = check('中级', { degrees: ['学士'], levelCertificates: ['初级'], yearsSinceLevelCertificate: 3 });
    expect(v.decision).toBe('eligible');
    if (v.decision === 'eligible') expect(v.clause.label).toBe('（2）');
    // Without the 初级 certificate, (2) and (3) fail: the title's clause is still open, and the title is asked.
    const none = check('中级', { degrees: ['学士'], levelCertificates: [], yearsInWork: 5 });
    expect(none.decision).toBe('incomplete');
    if (none.decision === 'incomplete') {
      expect(none.ask).toContain('titles');
      expect(none.clauses.map((c) => c.label)).toContain('（1）');
      expect(none.clauses.map((c) => c.label)).not.toContain('（2）');
    }
  });

  it('is not eligible: 助理工程师 for 1.5 years and nothing else', () => {
    const v = check('中级', { education: '专科', titles: ['助理工程师'], yearsSinceTitle: 1.5, levelCertificates: [] });
    expect(v.decision).toBe('not-eligible');
  });

  it('treats years since the title as too few when total years of work are already below the minimum', () => {
    const v = check('中级', { education: '专科', titles: ['助理工程师'], yearsInWork: 1, levelCertificates: [] });
    expect(v.decision).toBe('not-eligible');
  });

  it('asks how long since the title when total years of work are enough but that is unknown', () => {
    const v = check('中级', { education: '专科', titles: ['助理工程师'], yearsInWork: 5, levelCertificates: [] });
    expect(v).toMatchObject({ decision: 'incomplete', ask: ['yearsSinceTitle'] });
  });

  it('is not eligible: 博士 whose major is not related and who holds nothing else', () => {
    const v = check('中级', { education: '博士', degrees: ['博士'], relatedMajor: false, titles: [], levelCertificates: [] });
    expect(v.decision).toBe('not-eligible');
  });

  it('asks whether the major is related for a 博士 who holds nothing else', () => {
    const v = check('中级', { education: '博士', degrees: ['博士'], titles: [], levelCertificates: [] });
    expect(v).toMatchObject({ decision: 'incomplete', ask: ['relatedMajor'] });
  });

  it('rules out the degree clauses for a 专科 graduate without asking about degrees', () => {
    const v = check('中级', { education: '专科', titles: [] });
    expect(v.decision).toBe('incomplete');
    if (v.decision === 'incomplete') {
      expect(v.missing).not.toContain('degrees');
      expect(v.missing).not.toContain('relatedMajor');
      expect(v.ask.length).toBeLessThanOrEqual(2);
    }
  });

  it('refers a 技工院校 graduate without other grounds', () => {
    expect(check('中级', { education: '技工院校', titles: [], levelCertificates: [] }).decision).toBe('refer');
  });
});

describe('eligibility-check: inputs and scope', () => {
  it('uses the default region’s conditions when no region is given', () => {
    const v = check('初级', { education: '本科' }, undefined);
    expect(v).toMatchObject({ decision: 'eligible', region: '枣庄', factId: 'zz26-eligibility-junior' });
  });

  it('cites the eligibility fact it decided on', () => {
    const r = invokeTool(eligibilityCheck, { region: '滕州', level: '中级', profile: {} }, ctx);
    expect(r.ok && r.facts.map((f) => f.id)).toEqual(['zz26-eligibility-intermediate']);
  });

  it.each([
    [{ region: '北京', level: '初级', profile: {} }, 'not-covered', 'region'],
    [{ region: '威海', level: '初级', profile: {} }, 'not-found', undefined],
    [{ region: '枣庄', level: '高级', profile: {} }, 'not-found', undefined],
    [{ region: '枣庄', level: '初级', profile: { education: '大专' } }, 'invalid-input', 'profile.education'],
    [{ region: '枣庄', level: '初级', profile: { yearsInWork: -1 } }, 'invalid-input', 'profile.yearsInWork'],
    [{ region: '枣庄', level: '初等', profile: {} }, 'invalid-input', 'level'],
    [{ region: '枣庄', level: '初级' }, 'invalid-input', 'profile'],
  ])('returns an error value for %j (%s)', (input, kind, field) => {
    const r = invokeTool(eligibilityCheck, input, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe(kind);
    if (field) expect(r.error.field).toBe(field);
  });

  it('accepts the short level words in a profile’s certificates', () => {
    expect(ProfileSchema.parse({ levelCertificates: ['初', '中级'] }).levelCertificates).toEqual(['初级', '中级']);
  });

  it('ranks a field that settles a clause alone above one that is half of another clause', () => {
    expect(
      rankMissing([
        { truth: 'unknown', missing: ['titles', 'yearsSinceTitle'] },
        { truth: 'unknown', missing: ['relatedMajor'] },
      ]),
    ).toEqual(['relatedMajor', 'titles', 'yearsSinceTitle']);
  });
});
