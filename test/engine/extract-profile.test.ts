import { describe, expect, it } from 'vitest';
import { extractProfile, hasProfile, parseYears, type ExtractedProfile } from '../../bot/engine/understand/extract-profile.js';
import { normalizeQuestion } from '../../bot/engine/understand/normalize-question.js';

/** The profile of a message as the engine sees it (normalised first). */
const profileOf = (message: string) => extractProfile(normalizeQuestion(message));

describe('extractProfile: education and study', () => {
  it.each<[string, ExtractedProfile['education']]>([
    ['我高中毕业', '高中'],
    ['初中文化', '初中'],
    ['我读的职高', '中专'],
    ['技校出来的', '技工院校'],
    ['我大专毕业', '专科'],
    ['高职毕业的', '专科'],
    ['本科毕业，在公司干了两年', '本科'],
    ['研究生在读', '硕士'],
    ['博士毕业，专业是计算机', '博士'],
  ])('reads the education in %s as %s', (message, education) => {
    expect(profileOf(message).education).toBe(education);
  });

  it.each([['本科在读，大四'], ['研究生在读'], ['还没毕业，今年毕业'], ['应届生']])('notes that the resident of %s is still studying', (message) => {
    expect(profileOf(message).studying).toBe(true);
  });

  // The notices admit students only as this year's graduates (在读的应届毕业生).
  it.each([['本科在读，大三'], ['我大二'], ['研一，明年毕业']])('does not count %s as a graduating student nor as holding the degree', (message) => {
    const p = profileOf(message);
    expect(p.studying).toBe(false);
    expect(p.education).toBeUndefined();
    expect(p.notYetGraduated).toBe(true);
  });

  it('does not call a graduate a student', () => {
    expect(profileOf('我大专毕业').studying).toBeUndefined();
  });
});

describe('extractProfile: degrees', () => {
  it.each<[string, ExtractedProfile['degrees'], ExtractedProfile['education']]>([
    ['有学士学位', ['学士'], undefined],
    ['有硕士学位，本科学历', ['硕士'], '本科'],
    ['第二学士学位', ['第二学士'], undefined],
    ['博士学位', ['博士'], undefined],
  ])('reads %s as the degrees %j, not as an education of the same name', (message, degrees, education) => {
    const p = profileOf(message);
    expect(p.degrees).toEqual(degrees);
    expect(p.education).toBe(education);
  });
});

describe('extractProfile: a degree assumed from the education', () => {
  it('reads "我硕士" as a 硕士 degree, marked as assumed', () => {
    expect(profileOf('我硕士 一直干这行')).toMatchObject({ education: '硕士', degrees: ['硕士'], degreeAssumed: true });
  });

  it('assumes nothing when the story speaks of degrees itself', () => {
    const p = profileOf('硕士 没拿到学位');
    expect(p.degrees).toBeUndefined();
    expect(p.degreeAssumed).toBeUndefined();
  });

  it('assumes no degree for 本科 (学士 is not implied by the data)', () => {
    expect(profileOf('本科毕业').degrees).toBeUndefined();
  });
});

describe('extractProfile: dated certificates', () => {
  it('reads "2024年6月拿的初级等级" as a 初级 certificate held since then, and the month as no years of work', () => {
    const p = extractProfile(normalizeQuestion('本科 2024年6月拿的初级等级 现在报中级够年限吗'), { year: 2026, month: 3 });
    expect(p.levelCertificates).toEqual(['初级']);
    expect(p.yearsSinceLevelCertificate).toBeCloseTo(1.75, 2);
    expect(p.yearsInWork).toBeUndefined();
  });
});

describe('extractProfile: titles', () => {
  it.each<[string, string[]]>([
    ['没有职称', []],
    ['没职称，也不知道能不能报', []],
    ['我有助工', ['助理工程师']],
    ['有助理工程师职称', ['助理工程师']],
    ['是技术员', ['技术员']],
    ['评上工程师了', ['工程师']],
    ['我是高工', ['高级工程师']],
  ])('reads the titles in %s as %j', (message, titles) => {
    expect(profileOf(message).titles).toEqual(titles);
  });

  it('does not take the programme name 数字技术工程师 for an engineer title', () => {
    expect(profileOf('数字技术工程师是什么职称').titles).toBeUndefined();
  });

  // Bug: a question about what a certificate counts as is read as holding the title.
  it('does not give the title asked about in 拿了证书能算助理工程师吗 to the resident', () => {
    expect(profileOf('拿了证书能算助理工程师吗').titles).toBeUndefined();
  });
});

describe('extractProfile: level certificates', () => {
  it.each<[string, string[]]>([
    ['有初级证书', ['初级']],
    ['考过了初级', ['初级']],
    ['拿到中级等级证书', ['中级']],
    ['没考过任何证', []],
  ])('reads the level certificates in %s as %j', (message, certs) => {
    expect(profileOf(message).levelCertificates).toEqual(certs);
  });

  it('does not count a training certificate (培训合格证书) as a level certificate', () => {
    expect(profileOf('初级培训合格证书拿了').levelCertificates).toBeUndefined();
  });

  // Bug: certRe's "有(初级|中级|高级)" matches inside 有高级工程师职称.
  it('does not read a 高级工程师 title as a 高级 level certificate', () => {
    const p = profileOf('有高级工程师职称');
    expect(p.titles).toEqual(['高级工程师']);
    expect(p.levelCertificates).toBeUndefined();
  });

  // Bug: "没证书" / "也没证" is not read as "no certificate" (only 没有…证, 没考过, 无证 are).
  it('reads 没职称也没证书 as neither a title nor a certificate', () => {
    const p = profileOf('没职称也没证书');
    expect(p.titles).toEqual([]);
    expect(p.levelCertificates).toEqual([]);
  });
});

describe('extractProfile: years', () => {
  it.each([
    ['工作两年了', 2],
    ['干了一年半', 1.5],
    ['上班11个月', 0.92],
    ['工作十一个月', 0.92],
    ['工作半年', 0.5],
    ['从事IT三年', 3],
    ['工作了3年多', 3],
    ['今年27岁工作5年', 5],
  ])('reads %s as %d years in work', (message, years) => {
    expect(profileOf(message).yearsInWork).toBe(years);
  });

  it.each([['刚毕业'], ['还没工作'], ['我是硕士，还没工作']])('reads %s as no years in work yet', (message) => {
    expect(profileOf(message).yearsInWork).toBe(0);
  });

  it.each([
    ['助理工程师职称拿了四年', 4],
    ['取得助理工程师后工作了五年', 5],
  ])('counts the years of %s since the title, not in work', (message, years) => {
    const p = profileOf(message);
    expect(p.yearsSinceTitle).toBe(years);
    expect(p.yearsInWork).toBeUndefined();
  });

  it.each([
    ['初级证书拿到两年了', 2],
    ['拿到初级等级证后又干了一年半', 1.5],
  ])('counts the years of %s since the level certificate', (message, years) => {
    const p = profileOf(message);
    expect(p.yearsSinceLevelCertificate).toBe(years);
    expect(p.yearsInWork).toBeUndefined();
  });

  it('keeps apart years since the title and years in work written in two clauses', () => {
    const p = profileOf('我大专毕业三年了，有助理工程师职称两年');
    expect(p).toMatchObject({ education: '专科', titles: ['助理工程师'], yearsInWork: 3, yearsSinceTitle: 2 });
    const q = profileOf('技术员职称三年，工作十年');
    expect(q).toMatchObject({ titles: ['技术员'], yearsSinceTitle: 3, yearsInWork: 10 });
  });

  it('leaves the years out when the message says none', () => {
    const p = profileOf('我大专毕业');
    expect(p.yearsInWork).toBeUndefined();
    expect(p.yearsSinceTitle).toBeUndefined();
    expect(p.yearsSinceLevelCertificate).toBeUndefined();
  });

  // Bug: YEARS accepts any number before 年, so a calendar year becomes a duration.
  it.each([['2020年参加工作'], ['2019年毕业后一直在工作']])('does not read the calendar year in %s as years of work', (message) => {
    expect(profileOf(message).yearsInWork).toBeUndefined();
  });
});

describe('parseYears', () => {
  it.each([
    ['两年', 2],
    ['一年半', 1.5],
    ['3年', 3],
    ['半年', 0.5],
    ['11个月', 0.92],
    ['六个月', 0.5],
    ['十年', 10],
    ['二十个月', 1.67],
  ])('reads %s as %d years', (text, years) => {
    expect(parseYears(text)).toBe(years);
  });

  it.each([['好几年'], ['很久了'], ['']])('returns undefined for %s, which gives no count', (text) => {
    expect(parseYears(text)).toBeUndefined();
  });
});

describe('extractProfile: retirement and major', () => {
  it.each([['我退休了'], ['在领养老金'], ['已经退休，领退休金']])('notes that the resident of %s is retired', (message) => {
    expect(profileOf(message).retired).toBe(true);
  });

  it('does not call someone retired who only asks about the programme', () => {
    expect(profileOf('中级补贴多少').retired).toBeUndefined();
  });

  // Bug: a relative's retirement is read as the resident's own.
  it('does not call the resident retired when 我爸退休了 is about their father', () => {
    expect(profileOf('我爸退休了，我能报吗').retired).toBeUndefined();
  });

  it.each([['学的是软件工程'], ['专业对口'], ['学的电子信息'], ['计算机专业毕业']])('notes the related major in %s', (message) => {
    expect(profileOf(message).relatedMajor).toBe(true);
  });

  it('does not guess a related major from an unrelated one', () => {
    expect(profileOf('学的会计').relatedMajor).toBeUndefined();
  });
});

describe('hasProfile', () => {
  it('is false for a plain question and true once the resident says anything about themselves', () => {
    expect(hasProfile(profileOf('中级多少钱'))).toBe(false);
    expect(hasProfile(profileOf('我大专毕业'))).toBe(true);
    expect(hasProfile(profileOf('没有职称'))).toBe(true);
  });
});

describe('years from calendar dates, on the injected clock', () => {
  const today = { year: 2026, month: 3 };
  it('counts years since a certificate from the year it was obtained', () => {
    const p = extractProfile('2021年考的初级专业技术等级证书', today);
    expect(p.yearsSinceLevelCertificate).toBeGreaterThan(4);
    expect(p.yearsSinceLevelCertificate).toBeLessThan(5);
    expect(p.yearsEstimated).toBe(true);
  });

  it('uses the month when the resident gives one', () => {
    const p = extractProfile('2023年3月取得助理工程师职称', today);
    expect(p.yearsSinceTitle).toBe(3);
    expect(p.yearsEstimated).toBeUndefined();
  });

  it('counts years of work since graduation only when the resident kept working since', () => {
    expect(extractProfile('2015年本科毕业后一直在企业做信息化', today).yearsInWork).toBeGreaterThan(10);
    expect(extractProfile('2015年本科毕业', today).yearsInWork).toBeUndefined();
  });

  it('ignores calendar years without a clock', () => {
    expect(extractProfile('2021年考的初级证').yearsSinceLevelCertificate).toBeUndefined();
  });
});
