/**
 * A person's profile from free text ("我大专毕业，工作两年了", "本科在读，大四",
 * "有助理工程师职称，拿到三年了"), for the eligibility tool. Only what the
 * text says is filled; nothing is assumed.
 */
import type { Level } from '../../../knowledge/facts/schema.js';
import type { FactsTable } from '../../../tools/facts-table.js';
import { absoluteYears, firstDuration, yearMonthOf } from '../../chinese-quantities.js';
import { profileLanguage, type CompiledProfileLanguage } from '../../registration/profile-language.js';

export type Education = '初中' | '高中' | '中专' | '技工院校' | '专科' | '本科' | '硕士' | '博士';
export type Degree = '学士' | '第二学士' | '硕士' | '博士';

export interface ExtractedProfile {
  education?: Education;
  studying?: boolean;
  degrees?: Degree[];
  /** The degree was not said but assumed from the education ("我硕士"): the answer says so. */
  degreeAssumed?: boolean;
  titles?: string[];
  levelCertificates?: Level[];
  yearsInWork?: number;
  yearsSinceTitle?: number;
  yearsSinceLevelCertificate?: number;
  relatedMajor?: boolean;
  retired?: boolean;
  /** Some years were estimated from a calendar year the resident gave ("2021年考的"). */
  yearsEstimated?: boolean;
  /** Still studying and not graduating this year (大三): no degree yet. */
  notYetGraduated?: boolean;
}

/** Years written in the text ("两年", "一年半", "11个月", "半年"), or undefined. */
export function parseYears(text: string): number | undefined {
  return firstDuration(text);
}

/**
 * Extract a profile; fields the text doesn't mention stay undefined. The
 * words are the language data's (knowledge/language/profile.json); the
 * titles the notices name come from `facts` (the shipped table by default).
 */
export function extractProfile(text: string, today?: { year: number; month: number }, facts?: FactsTable): ExtractedProfile {
  const L = profileLanguage(facts);
  const p: ExtractedProfile = {};
  if (today) yearsFromDates(text, today, p, L);
  // Degrees first ("硕士学位"), so "学士学位" is not read as 本科 education.
  const degrees = L.degrees(text, false);
  if (degrees.length) p.degrees = degrees;

  const stripped = text.replace(L.education.notEducation, '').replace(L.education.negated, '');
  const edu = L.education.story.find(([, re]) => re.test(stripped));
  if (edu) p.education = edu[0];
  // "我硕士" with no degree named: the degree that education usually carries, marked as assumed.
  const implied = L.data.degrees.impliedByEducation.find((i) => i.education === p.education)?.degree;
  if (implied && !p.degrees && !L.data.degrees.notImpliedWhen.some((w) => text.includes(w))) {
    p.degrees = [implied];
    p.degreeAssumed = true;
  }
  if (L.studying.any.test(text)) p.studying = true;
  // 大一 to 大三 (or 研一, 研二): studying, not a graduate of this year, and without the degree yet.
  if (L.studying.notGraduatingThisYear.test(text) && !L.studying.graduatingThisYear.test(text)) {
    p.studying = false;
    delete p.education;
    p.notYetGraduated = true;
  }

  const titles = L.titles.inStory(text);
  if (L.titles.none.test(text)) p.titles = [];
  else if (titles.length) p.titles = titles;

  const certs: Level[] = [];
  for (const m of text.matchAll(L.certificates.held)) {
    const lvl = L.levels.find((l) => m[0].includes(l));
    // "必须先有初级证吗" asks about a requirement; it says nothing of what the resident holds.
    if (L.certificates.asRequirement?.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (lvl && !certs.includes(lvl) && !L.certificates.notLevel.test(text.slice(Math.max(0, m.index - 4), m.index + m[0].length + 4))) certs.push(lvl);
  }
  if (L.certificates.none.test(text)) p.levelCertificates = [];
  else if (certs.length) p.levelCertificates = certs;

  // Years: "取得助理工程师三年"/"拿证两年" count since the title/certificate; otherwise years of work.
  const sinceTitle = L.years.sinceTitle.exec(text);
  const sinceCert = L.years.sinceCertificate.exec(text);
  const clauses = text.split(/[，。,.；;！!？?]/);
  for (const c of clauses) {
    const y = parseYears(c);
    if (y === undefined) continue;
    if (sinceTitle && c.includes(sinceTitle[0])) p.yearsSinceTitle = y;
    else if (sinceCert && c.includes(sinceCert[0])) p.yearsSinceLevelCertificate = y;
    else if (L.years.work.test(c)) p.yearsInWork = y;
  }
  if (L.years.noWork.test(text) && p.yearsInWork === undefined) p.yearsInWork = 0;

  if (L.relatedMajor.test(text)) p.relatedMajor = true;
  // Someone else's retirement ("我爸退休了") says nothing about the resident.
  if (L.retirement.words.test(text) && !L.retirement.others.test(text)) p.retired = true;
  return p;
}

/**
 * "2021年考的初级证" / "2019年评上助理工程师" / "2015年毕业后一直做…": years since
 * then, on the injected clock's date. Without a month the middle of that year
 * is assumed, and the profile says the figure is an estimate.
 */
function yearsFromDates(raw: string, today: { year: number; month: number }, p: ExtractedProfile, L: CompiledProfileLanguage): void {
  // "去年评的" is a calendar year too: relative years become the year they name on the injected clock.
  const text = absoluteYears(raw, today.year);
  const since = (m: RegExpExecArray) => {
    const { year: y, month: mo } = yearMonthOf(m);
    const year = Number(y);
    if (year < 1970 || year > today.year) return undefined;
    const month = mo ? Number(mo) : 6.5;
    if (!mo) p.yearsEstimated = true;
    return Math.max(0, Math.round(((today.year - year) * 12 + (today.month - month)) / 12 * 100) / 100);
  };
  const cert = L.dated.certificate.exec(text);
  if (cert) {
    const v = since(cert);
    if (v !== undefined) p.yearsSinceLevelCertificate = v;
  }
  const title = L.dated.title.exec(text);
  if (title) {
    const v = since(title);
    if (v !== undefined) p.yearsSinceTitle = v;
  }
  const work = L.dated.work.exec(text);
  if (work && L.dated.ongoing.test(text)) {
    const v = since(work);
    if (v !== undefined) p.yearsInWork = v;
  }
}

/** True when the profile says anything at all. */
export function hasProfile(p: ExtractedProfile): boolean {
  return Object.values(p).some((v) => v !== undefined);
}
