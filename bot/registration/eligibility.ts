/**
 * The form's eligibility step: a profile built from the 学历 and 职称 fields
 * plus at most two extra answers, checked with the eligibility-check tool
 * (tools/eligibility-check.ts) over the facts. The tool decides; this file
 * only translates between the form's words and the tool's profile.
 */
import { eligibilityCheck } from '../../tools/eligibility-check.js';
import { invokeTool } from '../../tools/define-tool.js';
import type { FactsTable } from '../../tools/facts-table.js';
import { WORDS } from '../../prompts/registration.js';
import type { ApplicantProfile, EligibilityOutcome, FormField, ProfileKey } from './types.js';
import { defaultConversationLanguage, isExactly } from '../../knowledge/language/schema.js';

/** What the form asks the checker. */
export interface EligibilityRequest {
  level: string;
  profile: ApplicantProfile;
  region?: string;
  occupation?: string;
}

/** A checker: the real tool by default; tests and the engine may pass their own. */
export type CheckEligibility = (request: EligibilityRequest) => EligibilityOutcome | undefined;

/**
 * The eligibility-check tool bound to a facts table and a clock. Returns
 * undefined when the tool cannot decide at all (no eligibility facts for this
 * level): the form then goes on and staff review.
 */
export function toolEligibilityChecker(facts: FactsTable, now: Date): CheckEligibility {
  return (request) => {
    const result = invokeTool(
      eligibilityCheck,
      { level: request.level, profile: request.profile, region: request.region, occupation: request.occupation },
      { facts, now },
    );
    if (!result.ok) return undefined;
    const v = result.value;
    switch (v.decision) {
      case 'eligible':
        return { decision: 'eligible', clause: v.clause };
      case 'not-eligible':
        return { decision: 'not-eligible', clauses: v.clauses, ...(v.excludedBy ? { excludedBy: v.excludedBy } : {}) };
      case 'refer':
        return { decision: 'refer', clause: v.clause };
      case 'incomplete':
        return { decision: 'incomplete', missing: [...v.ask, ...v.missing.filter((m) => !v.ask.includes(m))] };
    }
  };
}

const EDUCATION_WORDS: ReadonlyArray<readonly [RegExp, NonNullable<ApplicantProfile['education']>]> = [
  [/博士/u, '博士'],
  [/硕士|研究生/u, '硕士'],
  [/本科|学士/u, '本科'],
  [/大专|专科|高职/u, '专科'],
  [/技工院校|技校|技师学院/u, '技工院校'],
  [/中专|中职/u, '中专'],
  [/高中/u, '高中'],
  [/初中/u, '初中'],
];

/** Highest education named in free text (博士 before 硕士 before 本科 …). */
export function parseEducation(text: string): ApplicantProfile['education'] {
  for (const [re, value] of EDUCATION_WORDS) if (re.test(text)) return value;
  return undefined;
}

const TITLE_NAMES = [
  '正高级工程师',
  '高级工程师',
  '助理工程师',
  '工程师',
  '技术员',
  '高级经济师',
  '助理经济师',
  '经济师',
  '高级会计师',
  '助理会计师',
  '会计师',
] as const;

/**
 * The profile the form's fields say: education (and 在读, degrees named) from
 * 学历及所学专业, titles from 职称 (empty = none), then the extra answers.
 */
export function buildProfile(values: Partial<Record<FormField, string>>, answers: Partial<ApplicantProfile>): ApplicantProfile {
  const profile: ApplicantProfile = {};
  const education = values.education ?? '';
  const level = parseEducation(education);
  if (level) profile.education = level;
  if (/在读|应届/u.test(education)) profile.studying = true;
  const degrees: NonNullable<ApplicantProfile['degrees']> = [];
  if (/第二学士/u.test(education)) degrees.push('第二学士');
  else if (/学士/u.test(education)) degrees.push('学士');
  if (/硕士学位/u.test(education)) degrees.push('硕士');
  if (/博士学位/u.test(education)) degrees.push('博士');
  if (degrees.length > 0) profile.degrees = degrees;
  if (values.title !== undefined) {
    const title = values.title;
    const known = TITLE_NAMES.find((t) => title.includes(t));
    profile.titles = title === '' ? [] : [known ?? title];
  }
  return { ...profile, ...answers };
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function cnNumber(s: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/u.exec(s);
  if (m) return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
  if (s.length === 1 && CN_DIGITS[s] !== undefined) return CN_DIGITS[s];
  return undefined;
}

/** Years from "3年", "两年半", "半年", "11个月", "1年3个月", "3", "没有". */
export function parseYears(text: string): number | undefined {
  const s = text.normalize('NFKC').replace(/\s+/gu, '').replace(/[。.!！]+$/u, '');
  if (/^(?:没有|无|0|零|还没有|刚开始|没)$/u.test(s)) return 0;
  if (/^半年$/u.test(s)) return 0.5;
  const m = /^(?:大概|大约|差不多|有|满)?([\d.]+|[一二两三四五六七八九十]+)?(?:年|周年)?(半)?(?:零|又)?(?:([\d]+|[一二两三四五六七八九十]+)个?月)?(?:了|多)?$/u.exec(s);
  if (!m || (m[1] === undefined && m[3] === undefined)) return yearsInSentence(s);
  const years = m[1] !== undefined ? cnNumber(m[1]) : 0;
  const months = m[3] !== undefined ? cnNumber(m[3]) : 0;
  if (years === undefined || months === undefined) return undefined;
  const total = years + (m[2] ? 0.5 : 0) + months / 12;
  return total <= 80 ? total : undefined;
}

/**
 * Years said in a sentence: "从事这行两年", "干了快四年", "取得助理工程师以后干了4年".
 * The last duration counts; "快/将近/不到 N 年" is a little under N (it does not
 * meet an "N years" clause); a four-digit calendar year ("2019年") is not a duration.
 */
function yearsInSentence(s: string): number | undefined {
  const all = [...s.matchAll(/(快|将近|近|不到|差不多|大概|约|满|超过|多于)?(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)(个)?(多)?(?:周)?年(半)?(?!级|度|份|月)/gu)];
  const m = all[all.length - 1];
  if (!m) return undefined;
  const n = /^\d/u.test(m[2]!) ? Number(m[2]) : cnNumber(m[2]!);
  if (n === undefined || n > 80) return undefined;
  const under = m[1] === '快' || m[1] === '将近' || m[1] === '近' || m[1] === '不到';
  return n + (m[5] ? 0.5 : 0) - (under ? 0.5 : 0);
}

function parseYesNo(text: string): boolean | undefined {
  const s = text.normalize('NFKC').trim().toLowerCase().replace(/[。.!！,，]+$/u, '');
  if ((WORDS.no as readonly string[]).includes(s) || /^(?:不|没|否|无关|不相关)/u.test(s)) return false;
  if ((WORDS.yes as readonly string[]).includes(s) || /^(?:是|对|有|相关)/u.test(s)) return true;
  return undefined;
}

/** Read the answer to one extra eligibility question; undefined when it cannot be read. */
export function parseProfileAnswer(key: ProfileKey, text: string): Partial<ApplicantProfile> | undefined {
  const none = /^(?:没有|无|没|暂无|否|不是)[。.!！]?$/u.test(text.trim());
  switch (key) {
    case 'yearsInWork':
    case 'yearsSinceTitle':
    case 'yearsSinceLevelCertificate': {
      const years = parseYears(text);
      return years === undefined ? undefined : { [key]: years };
    }
    case 'studying':
    case 'relatedMajor':
    case 'retired': {
      const b = parseYesNo(text);
      return b === undefined ? undefined : { [key]: b };
    }
    case 'levelCertificates': {
      if (none) return { levelCertificates: [] };
      const levels = (['初级', '中级', '高级'] as const).filter((l) => text.includes(l));
      return levels.length > 0 ? { levelCertificates: levels } : undefined;
    }
    case 'degrees': {
      if (none) return { degrees: [] };
      const degrees = (['第二学士', '学士', '硕士', '博士'] as const).filter(
        (d) => text.includes(d) && !(d === '学士' && text.includes('第二学士') && text.split('学士').length === 2),
      );
      return degrees.length > 0 ? { degrees } : undefined;
    }
    case 'education': {
      const e = parseEducation(text);
      return e ? { education: e } : undefined;
    }
    case 'titles': {
      if (none || isExactly(text, defaultConversationLanguage().noTitle)) return { titles: [] };
      const t = text.trim().replace(/[。.!！]+$/u, '');
      return t.length >= 2 ? { titles: [TITLE_NAMES.find((n) => t.includes(n)) ?? t] } : undefined;
    }
  }
}
