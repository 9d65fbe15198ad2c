/**
 * Eligibility: a decision with the clause that decides it, from the
 * eligibility tool over the person's profile; when the profile is
 * incomplete, ask for the one or two details that decide it (and remember
 * the question so the next message can answer it).
 */
import { LevelSchema, type Level } from '../../../knowledge/facts/schema.js';
import * as T from '../../../prompts/answers.js';
import { eligibilityCheck, evaluateClause, evaluateCondition, type EligibilityValue, type Profile } from '../../../tools/eligibility-check.js';
import type { EligibilityClause } from '../../../knowledge/facts/schema.js';
import type { Understanding } from '../understand/understand.js';
import { hasProfile } from '../understand/extract-profile.js';
import type { Answer, RegionChoice, Route, ToolRunner } from './answer-types.js';
import { renderFact } from './render-fact.js';

type Finish = (lines: string[], route: Route, answered?: boolean, extra?: Partial<Answer>) => Answer;

/** Clauses the person already fails though part of them holds (专科 but under a year's work). */
function nearMisses(runner: ToolRunner, factId: string, profile: Profile): EligibilityClause[] {
  const fact = runner.facts.find((f) => f.id === factId);
  if (fact?.kind !== 'eligibility') return [];
  return fact.clauses.filter(
    (c) =>
      evaluateClause(c, profile).truth === 'false' &&
      c.all.some(
        (cond) =>
          evaluateCondition(cond, c, profile).truth === 'true' ||
          // "大专应届生 还没工作过": the schooling the clause names, not finished yet, is part of it too.
          (cond.kind === 'education' && profile.studying === true && profile.education !== undefined && (cond.anyOf as readonly string[]).includes(profile.education)),
      ),
  );
}

function lineFor(v: EligibilityValue): string[] {
  switch (v.decision) {
    case 'eligible':
      return [T.ELIGIBLE(v.level, v.clause.label, v.clause.quote)];
    case 'not-eligible':
      // The only exclusion the tool applies is retirement (a profile that says retired, a rule that leaves retirees out).
      if (v.excludedBy) return [T.ELIGIBILITY_EXCLUDED(T.RETIRED_PEOPLE)];
      return [T.NOT_ELIGIBLE(v.level), ...v.clauses.map((c) => T.CLAUSE_LINE(c.label, c.quote))];
    case 'refer':
      return [T.REFER(v.level)];
    case 'incomplete':
      return [T.ELIGIBILITY_UNDECIDED(v.level), ...v.clauses.slice(0, 3).map((c) => `· ${T.CLAUSE_LINE(c.label, c.quote)}`), T.ELIGIBILITY_NEED_MORE, ...v.ask.map((f) => T.ELIGIBILITY_ASK[f] ?? f)];
  }
}

/**
 * "枣庄有高级班没", "高级能报吗": a level the region's notices set no conditions for. They do for other
 * levels: say which levels this round offers, with their conditions, instead of a general clause.
 */
function levelNotOffered(u: Understanding, region: RegionChoice, level: Level, runner: ToolRunner, finish: Finish): Answer | undefined {
  const regionInput = region.explicit || region.inferred ? region.region : undefined;
  const offered: Level[] = [];
  const lines: string[] = [];
  for (const other of LevelSchema.options.filter((l) => l !== level)) {
    const r = runner.run(eligibilityCheck, { region: regionInput, occupation: u.occupation, level: other, profile: {} });
    if (!r.ok) continue;
    const facts = r.facts.filter((f) => f.kind === 'eligibility');
    if (facts.length === 0) continue;
    offered.push(other);
    lines.push(...facts.map(renderFact));
  }
  if (offered.length === 0) return undefined;
  return finish([T.LEVEL_NOT_OFFERED(region.region, level, offered), ...lines], 'level-not-offered');
}

export function answerEligibility(
  u: Understanding,
  region: RegionChoice,
  level: Level | undefined,
  runner: ToolRunner,
  finish: Finish,
): Answer | undefined {
  const regionInput = region.explicit || region.inferred ? region.region : undefined;
  // "我闺女学的大数据技术 能报初级吗": an occupation the region sets no conditions for is the resident's field,
  // not the course asked about; the region's own conditions answer (the tool is asked again without it).
  const eligibility = (l: Level, profile: Profile) => {
    const r = runner.run(eligibilityCheck, { region: regionInput, occupation: u.occupation, level: l, profile });
    return !r.ok && u.occupation ? runner.run(eligibilityCheck, { region: regionInput, level: l, profile }) : r;
  };
  if (!hasProfile(u.profile)) {
    // No story to judge: list the conditions of the level(s) asked about.
    const levels: Level[] = level ? [level] : u.levels.length ? u.levels : ['初级', '中级'];
    const lines: string[] = [];
    for (const l of levels) {
      const r = eligibility(l, {});
      if (r.ok) for (const f of r.facts) if (f.kind === 'eligibility') lines.push(renderFact(f));
    }
    if (lines.length === 0) return level ? levelNotOffered(u, region, level, runner, finish) : undefined;
    return finish(lines, 'eligibility');
  }

  const profile = u.profile;
  const check = (l: Level) => eligibility(l, profile);
  const first: Level = level ?? '初级';
  const r = check(first);
  if (!r.ok) return level ? levelNotOffered(u, region, level, runner, finish) : undefined;
  const lines = lineFor(r.value);
  if (profile.notYetGraduated && r.value.decision !== 'eligible') lines.unshift(T.NOT_YET_GRADUATED);
  if (profile.yearsEstimated && r.value.decision !== 'incomplete') lines.push(T.YEARS_ESTIMATED);
  if (profile.degreeAssumed && profile.degrees?.length && r.value.decision !== 'incomplete') lines.push(T.DEGREE_ASSUMED(profile.degrees[0]!));
  if (r.value.decision === 'incomplete') {
    const near = nearMisses(runner, r.value.factId, profile);
    if (near.length) lines.splice(0, 0, T.ELIGIBILITY_NEAR_MISS, ...near.map((c) => `· ${T.CLAUSE_LINE(c.label, c.quote)}`));
  }
  if ((!level || (u.levels.length >= 2 && first === '初级')) && r.value.decision === 'eligible') {
    const mid = check('中级');
    if (mid.ok && mid.value.decision === 'eligible') lines.push(...lineFor(mid.value));
    // "该报初级还是中级": both levels were asked about, so the higher one's verdict is said too, with
    // the clauses it needs (an undecided one without its questions: the lower level already answers).
    else if (mid.ok && u.levels.length >= 2) {
      const v = mid.value;
      if (v.decision === 'not-eligible') lines.push(...lineFor(v));
      else if (v.decision === 'incomplete') {
        const near = nearMisses(runner, v.factId, profile);
        lines.push(T.ELIGIBILITY_UNDECIDED(v.level), ...v.clauses.slice(0, 3).map((c) => `· ${T.CLAUSE_LINE(c.label, c.quote)}`));
        if (near.length) lines.push(T.ELIGIBILITY_NEAR_MISS, ...near.map((c) => `· ${T.CLAUSE_LINE(c.label, c.quote)}`));
      }
    }
  }
  if (r.value.decision === 'incomplete') {
    return finish(lines, 'eligibility', true, { pending: { kind: 'eligibility', level: first, profile, asked: r.value.ask }, slots: { level: first } });
  }
  lines.push(T.ELIGIBILITY_STAFF);
  return finish(lines, 'eligibility', true, { slots: { level: first } });
}
