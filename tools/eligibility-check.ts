/**
 * eligibility-check: does a person meet the conditions (培训对象 / 申报条件)
 * of a level? Every clause of the matching eligibility fact is evaluated
 * three-valued against the profile — true, false, or unknown because a field
 * is missing — plus "refer" for clauses the notice leaves to national rules
 * (技工院校毕业生按国家有关规定申报), which staff must decide.
 *
 * Decision: an exclusion the region's notices state (已退休人员) decides
 * first; then any true clause -> eligible (with that clause); a refer clause
 * that could apply -> refer; every clause false -> not-eligible (with the
 * clauses); otherwise incomplete, with the missing fields ordered by how much
 * they decide, so the bot asks one or two things, not ten.
 */
import { z } from 'zod';
import type { Condition, EligibilityClause, FactOf, Level, Region } from '../knowledge/facts/schema.js';
import { fieldDescriptions, toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { LevelInput, OptionalOccupationInput, OptionalRegionInput } from './inputs.js';
import { byScope, inScope, resolveOptionalOccupation, resolveOptionalRegion } from './resolve.js';

/** Highest education, as residents state it. */
export const EducationSchema = z.enum(['初中', '高中', '中专', '技工院校', '专科', '本科', '硕士', '博士']);
export type Education = z.infer<typeof EducationSchema>;

/** Academic degrees the notices name. */
export const DegreeSchema = z.enum(['学士', '第二学士', '硕士', '博士']);
export type Degree = z.infer<typeof DegreeSchema>;

const Years = z.number().nonnegative().max(80);

/**
 * What is known about the person; every field optional, and a missing field
 * means "not said", never "no". Years are decimals (11 months = 11/12).
 * The engine and the registration form fill it from free text.
 */
export const ProfileSchema = z.object({
  education: EducationSchema.optional().describe(fieldDescriptions.education),
  studying: z.boolean().optional().describe(fieldDescriptions.studying),
  degrees: z.array(DegreeSchema).optional().describe(fieldDescriptions.degrees),
  titles: z.array(z.string().trim().min(1)).optional().describe(fieldDescriptions.titles),
  levelCertificates: z.array(LevelInput).optional().describe(fieldDescriptions.levelCertificates),
  yearsInWork: Years.optional().describe(fieldDescriptions.yearsInWork),
  yearsSinceTitle: Years.optional().describe(fieldDescriptions.yearsSinceTitle),
  yearsSinceLevelCertificate: Years.optional().describe(fieldDescriptions.yearsSinceLevelCertificate),
  relatedMajor: z.boolean().optional().describe(fieldDescriptions.relatedMajor),
  retired: z.boolean().optional().describe(fieldDescriptions.retired),
});
export type Profile = z.output<typeof ProfileSchema>;
export type ProfileField = keyof Profile;

export const EligibilityCheckInput = z.object({
  region: OptionalRegionInput,
  occupation: OptionalOccupationInput,
  level: LevelInput,
  profile: ProfileSchema.describe(fieldDescriptions.profile),
});

/** A clause as printed, for the reply and the citation. */
export interface ClauseRef {
  label: string;
  quote: string;
}

export type EligibilityDecision =
  | { decision: 'eligible'; clause: ClauseRef }
  | { decision: 'not-eligible'; clauses: ClauseRef[]; excludedBy?: string }
  | { decision: 'refer'; clause: ClauseRef; reason: string }
  | {
      decision: 'incomplete';
      /** Every field that could still decide, most decisive first. */
      missing: ProfileField[];
      /** The one or two fields to ask about now. */
      ask: ProfileField[];
      /** Clauses still open. */
      clauses: ClauseRef[];
    };

export type EligibilityValue = EligibilityDecision & {
  factId: string;
  region: Region;
  occupation: string;
  level: Level;
};

/** Three-valued truth, plus "refer" (staff decide). */
type Truth = 'true' | 'false' | 'unknown' | 'refer';
interface Evaluation {
  truth: Truth;
  missing: ProfileField[];
}

const TRUE: Evaluation = { truth: 'true', missing: [] };
const FALSE: Evaluation = { truth: 'false', missing: [] };
const REFER: Evaluation = { truth: 'refer', missing: [] };
const unknown = (...missing: ProfileField[]): Evaluation => ({ truth: 'unknown', missing });

/** Tolerance for decimal years (12/12 must count as 1). */
const EPSILON = 1e-9;

/** Degrees a person with this education can hold at most (a 专科 graduate holds no 学士). */
const POSSIBLE_DEGREES: Readonly<Record<Education, readonly Degree[]>> = {
  初中: [],
  高中: [],
  中专: [],
  技工院校: [],
  专科: [],
  本科: ['学士', '第二学士'],
  硕士: ['学士', '第二学士', '硕士'],
  博士: ['学士', '第二学士', '硕士', '博士'],
};

const EDUCATIONS = Object.keys(POSSIBLE_DEGREES) as Education[];

/** Tie-break when two missing fields decide equally: the order a form would ask. */
const ASK_ORDER: readonly ProfileField[] = [
  'education',
  'titles',
  'yearsInWork',
  'yearsSinceTitle',
  'levelCertificates',
  'yearsSinceLevelCertificate',
  'degrees',
  'relatedMajor',
  'studying',
  'retired',
];

/** Evaluate one condition of `clause` against the profile. */
export function evaluateCondition(condition: Condition, clause: EligibilityClause, p: Profile): Evaluation {
  switch (condition.kind) {
    case 'education': {
      if (p.education === undefined) {
        // "我学士学位": the educations that could hold the degrees said decide it when they all agree.
        const possible = p.degrees?.length ? EDUCATIONS.filter((e) => p.degrees!.every((d) => POSSIBLE_DEGREES[e].includes(d))) : [];
        if (possible.length && !p.studying) {
          const named: readonly string[] = condition.anyOf;
          if (possible.every((e) => named.includes(e))) return TRUE;
          if (!possible.some((e) => named.includes(e))) return FALSE;
        }
        return unknown('education');
      }
      if (!condition.anyOf.some((e) => e === p.education)) return FALSE;
      if (p.studying === true && !condition.includesStudents) return FALSE;
      return TRUE;
    }
    case 'degree': {
      if (p.degrees !== undefined) return condition.anyOf.some((d) => p.degrees!.includes(d)) ? TRUE : FALSE;
      if (p.education !== undefined && !condition.anyOf.some((d) => POSSIBLE_DEGREES[p.education!].includes(d))) return FALSE;
      return unknown('degrees');
    }
    case 'title': {
      if (p.titles === undefined) return unknown('titles');
      return condition.anyOf.some((t) => p.titles!.includes(t)) ? TRUE : FALSE;
    }
    case 'level-certificate': {
      if (p.levelCertificates === undefined) return unknown('levelCertificates');
      return p.levelCertificates.includes(condition.level) ? TRUE : FALSE;
    }
    case 'years': {
      const field: ProfileField =
        condition.since === 'title'
          ? 'yearsSinceTitle'
          : condition.since === 'level-certificate'
            ? 'yearsSinceLevelCertificate'
            : 'yearsInWork';
      const years = p[field] as number | undefined;
      if (years !== undefined) return years + EPSILON >= condition.min ? TRUE : FALSE;
      // Years since a title or certificate cannot exceed years in work.
      if (condition.since && p.yearsInWork !== undefined && p.yearsInWork + EPSILON < condition.min) return FALSE;
      return unknown(field);
    }
    case 'related-major': {
      if (p.relatedMajor === undefined) return unknown('relatedMajor');
      return p.relatedMajor ? TRUE : FALSE;
    }
    case 'refer': {
      // The clause names the group it defers for (技工院校毕业生); it could apply when that is the person's education.
      if (p.education === undefined) return unknown('education');
      return `${condition.reason} ${clause.quote}`.includes(p.education) ? REFER : FALSE;
    }
  }
}

/** A clause holds when all its conditions hold; one false condition makes it false. */
export function evaluateClause(clause: EligibilityClause, p: Profile): Evaluation {
  const results = clause.all.map((c) => evaluateCondition(c, clause, p));
  if (results.some((r) => r.truth === 'false')) return FALSE;
  const missing = [...new Set(results.flatMap((r) => r.missing))];
  if (results.some((r) => r.truth === 'unknown')) return { truth: 'unknown', missing };
  if (results.some((r) => r.truth === 'refer')) return REFER;
  return TRUE;
}

/**
 * Missing fields, most decisive first: a field scores 1/n for every open
 * clause that lacks n fields, so a field that alone would settle a clause
 * outranks one that is half of another clause's answer.
 */
export function rankMissing(open: Evaluation[]): ProfileField[] {
  const score = new Map<ProfileField, number>();
  for (const e of open) for (const f of e.missing) score.set(f, (score.get(f) ?? 0) + 1 / e.missing.length);
  return [...score.keys()].sort((a, b) => score.get(b)! - score.get(a)! || ASK_ORDER.indexOf(a) - ASK_ORDER.indexOf(b));
}

const ref = (c: EligibilityClause): ClauseRef => ({ label: c.label, quote: c.quote });

/** Decide over one eligibility fact; `exclusion` is the text excluding retired people, if the region has one. */
export function decide(fact: FactOf<'eligibility'>, p: Profile, exclusion: string | undefined): EligibilityDecision {
  if (p.retired === true && exclusion !== undefined) return { decision: 'not-eligible', clauses: [], excludedBy: exclusion };
  const evaluated = fact.clauses.map((clause) => ({ clause, e: evaluateClause(clause, p) }));
  const holding = evaluated.find((x) => x.e.truth === 'true');
  if (holding) return { decision: 'eligible', clause: ref(holding.clause) };
  const referred = evaluated.find((x) => x.e.truth === 'refer');
  if (referred) {
    const reason = referred.clause.all.find((c) => c.kind === 'refer');
    return { decision: 'refer', clause: ref(referred.clause), reason: reason?.kind === 'refer' ? reason.reason : referred.clause.quote };
  }
  const open = evaluated.filter((x) => x.e.truth === 'unknown');
  if (open.length === 0) return { decision: 'not-eligible', clauses: fact.clauses.map(ref) };
  const missing = rankMissing(open.map((x) => x.e));
  return { decision: 'incomplete', missing, ask: missing.slice(0, 2), clauses: open.map((x) => ref(x.clause)) };
}

const RETIRED = '退休';

/**
 * A rule on who the programme is for that leaves retired people out (威海's 培育对象 "不包含已退休人员").
 * Only audience rules: 金华's "补贴申请对象不含…超过法定退休年龄人员" keeps them from the subsidy, not from the training.
 */
export function excludesRetired(fact: { kind: string; topics: readonly string[]; quote: string }): boolean {
  return fact.kind === 'rule' && fact.topics.includes('audience') && fact.quote.includes(RETIRED);
}

/** Check a profile against the eligibility conditions of a level. */
export const eligibilityCheck = defineTool<typeof EligibilityCheckInput, EligibilityValue>({
  name: 'eligibility-check',
  description: toolDescriptions['eligibility-check'],
  input: EligibilityCheckInput,
  run(input, { facts }) {
    const scope = resolveOptionalRegion(facts, input.region);
    if (!scope.ok) return scope;
    const occupation = resolveOptionalOccupation(facts, input.occupation);
    if (!occupation.ok) return occupation;
    const candidates = facts
      .ofKind(
        'eligibility',
        (f) => inScope(f, scope.value) && f.level === input.level && (!occupation.value || f.occupation === occupation.value),
      )
      .sort(scope.value ? byScope(scope.value) : (a, b) => Number(b.region === facts.defaultRegion) - Number(a.region === facts.defaultRegion));
    const fact = candidates[0];
    if (!fact) {
      const where = facts.ofKind('eligibility').map((f) => `${f.region} ${f.occupation} ${f.level}`);
      return fail('not-found', `the notices state no eligibility conditions for this request; conditions exist for: ${where.join(', ') || 'none'}`);
    }
    const regions = facts.applicableRegions(fact.region);
    const excludedInFact = fact.excludes?.find((e) => e.includes(RETIRED));
    const excludingRule = excludedInFact
      ? undefined
      : facts.ofKind(
          'rule',
          (r) => regions.includes(r.region) && excludesRetired(r),
        )[0];
    const exclusion = excludedInFact ?? excludingRule?.quote;
    const decision = decide(fact, input.profile, exclusion);
    const used = decision.decision === 'not-eligible' && decision.excludedBy && excludingRule ? [fact, excludingRule] : [fact];
    return ok({ ...decision, factId: fact.id, region: fact.region, occupation: fact.occupation, level: fact.level }, used);
  },
});
