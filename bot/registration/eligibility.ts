/**
 * The form's eligibility step: a profile built from the 学历 and 职称 fields
 * plus at most two extra answers, checked with the eligibility-check tool
 * (tools/eligibility-check.ts) over the facts. The tool decides; this file
 * only translates between the form's words and the tool's profile.
 */
import { eligibilityCheck } from '../../tools/eligibility-check.js';
import { invokeTool } from '../../tools/define-tool.js';
import type { FactsTable } from '../../tools/facts-table.js';
import { formWords } from './form-words.js';
import type { ApplicantProfile, EligibilityOutcome, FormField, ProfileKey } from './types.js';
import { defaultConversationLanguage, isExactly } from '../../knowledge/language/schema.js';
import { parseDurationAnswer } from '../chinese-quantities.js';
import { profileLanguage } from './profile-language.js';

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

/** Highest education named in free text (博士 before 硕士 before 本科 …), in the language data's words. */
export function parseEducation(text: string, facts?: FactsTable): ApplicantProfile['education'] {
  return profileLanguage(facts).education.answer.find(([, re]) => re.test(text))?.[0];
}

/**
 * The profile the form's fields say: education (and 在读, degrees named) from
 * 学历及所学专业, titles from 职称 (empty = none; a known title by its plain
 * name), then the extra answers.
 */
export function buildProfile(values: Partial<Record<FormField, string>>, answers: Partial<ApplicantProfile>, facts?: FactsTable): ApplicantProfile {
  const L = profileLanguage(facts);
  const profile: ApplicantProfile = {};
  const education = values.education ?? '';
  const level = parseEducation(education, facts);
  if (level) profile.education = level;
  if (L.studying.any.test(education)) profile.studying = true;
  const degrees = L.degrees(education, true);
  if (degrees.length > 0) profile.degrees = degrees;
  if (values.title !== undefined) {
    const title = values.title;
    profile.titles = title === '' ? [] : [L.titles.knownIn(title) ?? title];
  }
  return { ...profile, ...answers };
}

/** Years from "3年", "两年半", "半年", "11个月", "1年3个月", "3", "没有". */
export function parseYears(text: string): number | undefined {
  return parseDurationAnswer(text, profileLanguage().years.duration);
}

function parseYesNo(text: string): boolean | undefined {
  const { yesOpenings, noOpenings } = profileLanguage().answers;
  const s = text.normalize('NFKC').trim().toLowerCase().replace(/[。.!！,，]+$/u, '');
  if ((formWords().no as readonly string[]).includes(s) || noOpenings.some((w) => s.startsWith(w))) return false;
  if ((formWords().yes as readonly string[]).includes(s) || yesOpenings.some((w) => s.startsWith(w))) return true;
  return undefined;
}

/** Read the answer to one extra eligibility question; undefined when it cannot be read. */
export function parseProfileAnswer(key: ProfileKey, text: string, facts?: FactsTable): Partial<ApplicantProfile> | undefined {
  const L = profileLanguage(facts);
  const none = L.answers.none.includes(text.trim().replace(/[。.!！]$/u, ''));
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
      const levels = L.levels.filter((l) => text.includes(l));
      return levels.length > 0 ? { levelCertificates: levels } : undefined;
    }
    case 'degrees': {
      if (none) return { degrees: [] };
      // A degree named only inside a longer one (学士 in 第二学士) is not named.
      const names = L.data.degrees.named.map((d) => d.degree);
      const degrees = names.filter(
        (d) => text.includes(d) && !(names.some((o) => o !== d && o.includes(d) && text.includes(o)) && text.split(d).length === 2),
      );
      return degrees.length > 0 ? { degrees } : undefined;
    }
    case 'education': {
      const e = parseEducation(text, facts);
      return e ? { education: e } : undefined;
    }
    case 'titles': {
      if (none || isExactly(text, defaultConversationLanguage().noTitle)) return { titles: [] };
      const t = text.trim().replace(/[。.!！]+$/u, '');
      return t.length >= 2 ? { titles: [L.titles.knownIn(t) ?? t] } : undefined;
    }
  }
}
