/**
 * Eligibility: a decision with the clause that decides it, from the
 * eligibility tool over the person's profile; when the profile is
 * incomplete, ask for the one or two details that decide it (and remember
 * the question so the next message can answer it).
 */
import type { Level } from '../../../knowledge/facts/schema.js';
import * as T from '../../../prompts/answers.js';
import { eligibilityCheck, evaluateClause, evaluateCondition, type EligibilityValue, type Profile } from '../../../tools/eligibility-check.js';
import type { EligibilityClause } from '../../../knowledge/facts/schema.js';
import type { Understanding } from '../understand/understand.js';
import { hasProfile } from '../understand/extract-profile.js';
import type { Answer, RegionChoice, ToolRunner } from './answer-topic.js';
import { renderFact } from './render-fact.js';

type Finish = (lines: string[], route: string, answered?: boolean, extra?: Partial<Answer>) => Answer;

const YES = /^(是|是的|对|有|有的|嗯|恩|相关|已经|yes|y)([。.!！]|$)/i;
const NO = /^(不是|否|没有|没|无|不|不相关|还没|no|n)([。.!！]|$)/i;
const BARE_YEARS = /^(\d+(\.\d+)?|[一二两三四五六七八九十半]+)\s*(年|个月)(了|吧|多)?[。.]?$/;

/** How a yes/no answer to an asked field reads as profile text. */
const YES_NO_PHRASES: Partial<Record<string, [yes: string, no: string]>> = {
  studying: ['在读', '已毕业'],
  relatedMajor: ['相关专业', '专业不相关'],
  retired: ['已退休', '在职'],
  levelCertificates: ['有初级证书', '没有等级证书'],
  titles: ['有职称', '没有职称'],
};

/**
 * The profile text so far plus the resident's answer to the question the
 * bot asked (`asked`, most decisive first): a bare "3年" answers the years
 * question that was asked, a bare "是/没有" the yes/no one.
 */
export function mergeProfile(previous: string, answer: string, asked: readonly string[] = []): string {
  const a = answer.trim();
  if (BARE_YEARS.test(a)) {
    if (asked.includes('yearsSinceTitle')) return `${previous}，取得职称后工作${a}`;
    if (asked.includes('yearsSinceLevelCertificate')) return `${previous}，取得等级证书后工作${a}`;
    return `${previous}，工作${a}`;
  }
  const yesNo = YES.test(a) ? 0 : NO.test(a) ? 1 : -1;
  const field = asked.find((f) => YES_NO_PHRASES[f]);
  if (yesNo >= 0 && field) return `${previous}，${YES_NO_PHRASES[field]![yesNo as 0 | 1]}`;
  return `${previous}，${a}`;
}

/** Clauses the person already fails though part of them holds (专科 but under a year's work). */
function nearMisses(runner: ToolRunner, factId: string, profile: Profile): EligibilityClause[] {
  const fact = runner.facts.find((f) => f.id === factId);
  if (fact?.kind !== 'eligibility') return [];
  return fact.clauses.filter(
    (c) => evaluateClause(c, profile).truth === 'false' && c.all.some((cond) => evaluateCondition(cond, c, profile).truth === 'true'),
  );
}

function lineFor(v: EligibilityValue): string[] {
  switch (v.decision) {
    case 'eligible':
      return [T.ELIGIBLE(v.level, v.clause.label, v.clause.quote)];
    case 'not-eligible':
      if (v.excludedBy) return [T.ELIGIBILITY_EXCLUDED(v.excludedBy.includes('退休') ? '已退休人员' : v.excludedBy)];
      return [T.NOT_ELIGIBLE(v.level), ...v.clauses.map((c) => T.CLAUSE_LINE(c.label, c.quote))];
    case 'refer':
      return [T.REFER(v.level)];
    case 'incomplete':
      return [T.ELIGIBILITY_UNDECIDED(v.level), ...v.clauses.slice(0, 2).map((c) => `· ${T.CLAUSE_LINE(c.label, c.quote)}`), T.ELIGIBILITY_NEED_MORE, ...v.ask.map((f) => T.ELIGIBILITY_ASK[f] ?? f)];
  }
}

export function answerEligibility(
  u: Understanding,
  region: RegionChoice,
  level: Level | undefined,
  runner: ToolRunner,
  finish: Finish,
): Answer | undefined {
  const regionInput = region.explicit ? region.region : undefined;
  if (!hasProfile(u.profile)) {
    // No story to judge: list the conditions of the level(s) asked about.
    const levels: Level[] = level ? [level] : u.levels.length ? u.levels : ['初级', '中级'];
    const lines: string[] = [];
    for (const l of levels) {
      const r = runner.run(eligibilityCheck, { region: regionInput, occupation: u.occupation, level: l, profile: {} });
      if (r.ok) for (const f of r.facts) if (f.kind === 'eligibility') lines.push(renderFact(f));
    }
    if (lines.length === 0) return undefined;
    return finish(lines, 'eligibility');
  }

  const profile = u.profile;
  const check = (l: Level) => runner.run(eligibilityCheck, { region: regionInput, occupation: u.occupation, level: l, profile });
  const first: Level = level ?? '初级';
  const r = check(first);
  if (!r.ok) return undefined;
  const lines = lineFor(r.value);
  if (profile.notYetGraduated && r.value.decision !== 'eligible') lines.unshift(T.NOT_YET_GRADUATED);
  if (profile.yearsEstimated && r.value.decision !== 'incomplete') lines.push(T.YEARS_ESTIMATED);
  if (r.value.decision === 'incomplete') {
    const near = nearMisses(runner, r.value.factId, profile);
    if (near.length) lines.splice(0, 0, T.ELIGIBILITY_NEAR_MISS, ...near.map((c) => `· ${T.CLAUSE_LINE(c.label, c.quote)}`));
  }
  if (!level && r.value.decision === 'eligible') {
    const mid = check('中级');
    if (mid.ok && mid.value.decision === 'eligible') lines.push(...lineFor(mid.value));
  }
  if (r.value.decision === 'incomplete') {
    return finish(lines, 'eligibility', true, { pending: { kind: 'eligibility', level: first, profileText: u.text, asked: r.value.ask }, slots: { level: first } });
  }
  lines.push(T.ELIGIBILITY_STAFF);
  return finish(lines, 'eligibility', true, { slots: { level: first } });
}
