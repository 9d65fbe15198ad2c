/**
 * The tool path: a topic and its slots become tool calls over the facts
 * table, and the tool outputs become a short reply with its sources. Every
 * number in a reply comes out of a tool's output.
 */
import type { z } from 'zod';
import { TopicSchema, type Fact, type Level, type Region, type Topic } from '../../../knowledge/facts/schema.js';
import type { Passage } from '../../../knowledge/types.js';
import * as T from '../../../prompts/answers.js';
import { invokeTool, type ToolContext, type ToolDefinition, type ToolResult } from '../../../tools/define-tool.js';
import { feeLookup } from '../../../tools/fee-lookup.js';
import { subsidyLookup } from '../../../tools/subsidy-lookup.js';
import { excludesRetired } from '../../../tools/eligibility-check.js';
import { netCost } from '../../../tools/net-cost.js';
import { totalCost } from '../../../tools/total-cost.js';
import { costPerHour } from '../../../tools/cost-per-hour.js';
import { hoursLookup } from '../../../tools/hours-lookup.js';
import { deadlineStatus } from '../../../tools/deadline-status.js';
import { titleRecognition } from '../../../tools/title-recognition.js';
import { contactsLookup } from '../../../tools/contacts-lookup.js';
import { occupationsLookup } from '../../../tools/occupations-lookup.js';
import { institutionsLookup } from '../../../tools/institutions-lookup.js';
import { refundPolicy } from '../../../tools/refund-policy.js';
import { rulesByTopic } from '../../../tools/rules-by-topic.js';
import type { Ports, Session, Slots, SourceRef, ToolCall } from '../types.js';
import { PLAIN_CUE, type Understanding } from '../understand/understand.js';
import { CUES, DEFERRAL_MARKERS, TOPIC_CUES, DURATION_SUBJECTS, INSTITUTION_VOICE, NOT_AMOUNT_UNITS, PROGRAMME_WORDS, SUBSIDY_ELIGIBILITY, VENUE_QUESTION } from '../understand/lexicon.js';
import { chineseDate, contactLine, personNames, renderFact } from './render-fact.js';
import { searchedSources, sourceLine, sourcesOf } from './sources.js';
import { answerEligibility } from './eligibility-answer.js';
import { eventDate } from '../understand/event-date.js';
import { statesTimeLimit, timeLimitClauses } from '../../chinese-quantities.js';
import { documentsNamed, documentYear } from './documents.js';
import { factsInPassages, rankFacts } from './fact-search.js';
import { factsByAsks } from '../understand/nearest.js';
import { contentWords } from '../../../knowledge/index/text-analysis.js';
import { sentencesOf } from '../../../knowledge/ingest/chunk-document.js';
import { ToolRunner, type Answer, type OtherRoute, type RegionChoice, type Route } from './answer-types.js';
import { windowLines } from './window-answer.js';
import { answerCues, statedDifferences } from './answer-cues.js';
import { amountsIn, statesAmount, withoutListNumber } from '../../chinese-quantities.js';
import { profileLanguage } from '../../registration/profile-language.js';

export { ToolRunner, type Answer, type RegionChoice, type Route } from './answer-types.js';

/** The region a question is about: named now, named earlier, or the default. */
export function regionScopeFor(u: Understanding, session: Session, ports: Ports): RegionChoice {
  const region = u.region ?? institutionRegion(u.text, ports) ?? documentNumberRegion(u.text, ports) ?? session.slots.region;
  if (region) return { region, regions: ports.facts.applicableRegions(region), explicit: true };
  const inferred = inferredRegion(u, ports);
  if (inferred) return { region: inferred, regions: ports.facts.applicableRegions(inferred), explicit: false, inferred: true };
  return { region: ports.defaultRegion, regions: ports.facts.applicableRegions(ports.defaultRegion), explicit: false };
}

/**
 * The region of the institutions the message names ("石油大学的培训我能报吗": 中国石油大学（华东） trains for
 * 枣庄 only), when every institution named is one region's; it outranks a region named earlier in the chat.
 */
function institutionRegion(text: string, ports: Ports): Region | undefined {
  const named = ports.facts.ofKind('institution', (f) => {
    // "中国石油大学（华东）" is named without its campus.
    const name = f.name.split('（')[0]!;
    return name.length >= 4 && text.includes(name);
  });
  const regions = [...new Set(named.map((f) => f.region))];
  return regions.length === 1 ? regions[0] : undefined;
}

/**
 * The region of the notices that cite a document number the message names ("浙人社发〔2023〕36号什么时候施行"),
 * when they are one region's.
 */
function documentNumberRegion(text: string, ports: Ports): Region | undefined {
  if (!CUES.documentNumber.test(text)) return undefined;
  const numbers = new Set(documentNumbersIn(text));
  const regions = [...new Set(ports.facts.all().filter((f) => documentNumbersIn(f.quote).some((n) => numbers.has(n))).map((f) => f.region))];
  // Regions of one notice (金华 forwards 浙江's plan) are one: the one whose scope holds them all.
  return regions.find((r) => regions.every((q) => ports.facts.applicableRegions(r).includes(q)));
}

/** The document numbers a text prints, each as its characters and digits only (brackets and spaces vary). */
function documentNumbersIn(text: string): string[] {
  return [...text.matchAll(new RegExp(CUES.documentNumber.source, 'gu'))].map((m) => m[0].replace(/[^\p{Script=Han}\d]/gu, ''));
}

/** A fact's own ask this near the question, with no other region's fact within twice the margin, names the region the question is about. */
const ASK_REGION = 0.72;
const ASK_REGION_MARGIN = 0.15;

/**
 * The region a question that names none is about, when the question itself says so: in an applying
 * institution's voice ("我们公司能申报培训机构吗"), the notices addressed to institutions (documents.json
 * `audience`), when they are one region's; or one of another region's facts in so many words ("电子版发哪个邮箱").
 * Otherwise none, and the default region is assumed.
 */
function inferredRegion(u: Understanding, ports: Ports): Region | undefined {
  const home = ports.facts.applicableRegions(ports.defaultRegion);
  if (INSTITUTION_VOICE?.test(u.text)) {
    const regions = [...new Set(ports.documents.filter((d) => d.audience === 'institutions').map((d) => d.region))];
    if (regions.length === 1 && !home.includes(regions[0]!)) return regions[0];
  }
  const asks = factsByAsks(u.text, ports.facts);
  const best = asks[0];
  if (!best || best.similarity < ASK_REGION || home.includes(best.fact.region)) return undefined;
  // Only toward the notices for institutions: a resident's question near another region's rule ("等级考核谁组织的"
  // is near 浙江's wording) stays with the assumed region; an institution's ("电子版发哪个邮箱") does not.
  if (ports.documents.find((d) => d.id === best.fact.doc)?.audience !== 'institutions') return undefined;
  // Only when no other region's fact is anywhere near: a generic question ("截止时间") is near several regions' asks.
  const rival = asks.find((m) => m.fact.region !== best.fact.region && best.similarity - m.similarity < ASK_REGION_MARGIN * 2);
  return rival ? undefined : best.fact.region;
}

/** Regions the shipped notices cover, for "not covered" replies. */
export function coveredRegionNames(ports: Ports): string[] {
  return [...new Set(ports.documents.map((d) => d.region))];
}

/**
 * Whom to call when the notices don't answer: the district office when the
 * resident named one, else the region's policy contacts — looked up with
 * the contacts tool, so the numbers are tool output and cited.
 */
export function hotline(runner: ToolRunner, ports: Ports, region: Region, place?: string): string[] {
  const byDistrict = place && place !== region ? runner.run(contactsLookup, { district: place }) : undefined;
  let contacts = byDistrict?.ok ? byDistrict.value.contacts : [];
  if (contacts.length === 0) {
    const r = runner.run(contactsLookup, { region });
    const all = r.ok ? r.value.contacts : [];
    const policy = all.filter((c) => c.purposes.some((p) => answerCues().contacts.policyPurpose.test(p)));
    const city = policy.filter((c) => c.district === '市直');
    contacts = city.length ? city.slice(0, 1) : policy.length ? policy.slice(0, 2) : all.slice(0, 2);
  }
  const lines = contacts.map((c) => {
    const f = ports.facts.byId(c.factId);
    return f?.kind === 'contact' ? contactLine(f) : c.name;
  });
  return lines.length ? lines : [T.LOCAL_OFFICE(region)];
}

interface Slotted {
  /** The question asks for a value (when, how much, how), not yes or no. */
  asksValue?: boolean;
  /** The question asks for a number of people, hours, days, times or money ("一个班多少人"). */
  asksCount?: boolean;
  region: RegionChoice;
  occupation?: string;
  level?: Level;
  /** Occupation carried over from an earlier turn (relaxed when it finds nothing). */
  occupationInherited: boolean;
  /** The default-region note was already given in this conversation. */
  regionNoted: boolean;
  /** How many people a cost is asked for (this message's count, or the conversation's). */
  headcount?: number;
}

function slotsFor(u: Understanding, session: Session, ports: Ports): Slotted {
  const region = regionScopeFor(u, session, ports);
  // An occupation kept from earlier in the chat holds only where it is offered: "那枣庄的呢" after a 浙江 大数据 answer
  // asks of 枣庄's own occupation, not of a 大数据 枣庄 does not train.
  const kept = session.slots.occupation;
  const occupation = u.occupation ?? (kept && ports.facts.offersOccupation(region.region, kept) ? kept : undefined);
  // "补贴呢？" after "枣庄中级培训费多少？" keeps 中级: a short elliptical question inherits the level.
  const elliptical = answerCues().elliptical.test(u.text);
  const level = u.level ?? (u.followUp || elliptical || (!u.levels.length && u.topic === session.slots.topic) ? session.slots.level : undefined);
  return { region, occupation, level: u.levels.length > 1 ? u.level : level, occupationInherited: !u.occupation && Boolean(occupation), regionNoted: Boolean(session.regionNoted), asksValue: CUES.asksValue.test(u.text), asksCount: CUES.asksCount.test(u.text), headcount: u.headcount ?? session.slots.headcount };
}

/**
 * "公司给3个员工报中级 补贴后一共要多少": each fee shown, for the headcount asked, from the
 * total-cost tool (fee × people and, where a subsidy is stated, net × people).
 */
function headcountTotals(s: Slotted, runner: ToolRunner, region: Region, fees: ReadonlyArray<{ occupation: string; level: Level }>): string[] {
  const people = s.headcount;
  if (!people || people < 2) return [];
  const lines: string[] = [];
  for (const fee of fees) {
    const r = runner.run(totalCost, { items: [{ region, occupation: fee.occupation, level: fee.level, count: people }] });
    if (r.ok && r.value.totalFeeYuan !== undefined) lines.push(T.HEADCOUNT_TOTAL({ people, occupation: fee.occupation, level: fee.level, fee: r.value.totalFeeYuan, net: r.value.totalNetYuan }));
  }
  return lines;
}

/** The facts are all clauses that hand the question to someone else (the language data's deferral markers). */
function deferredOnly(facts: readonly Fact[]): boolean {
  const markers = DEFERRAL_MARKERS;
  const rules = facts.filter((f) => f.kind !== 'contact' && f.kind !== 'institution');
  return rules.length > 0 && rules.every((f) => f.kind === 'rule' && markers.some((m) => f.statement.includes(m)));
}

/**
 * Beside clauses that hand a question on: the same notices' other rules whose main topic is the
 * clause's own, that hand nothing on themselves (at most two; what the notice does say on it).
 */
function deferredContext(shown: readonly Fact[], ports: Ports): Fact[] {
  const deferred = shown.filter((f) => f.kind === 'rule');
  const topics = new Set(deferred.map((f) => f.topics[0]));
  const docs = new Set(deferred.map((f) => f.doc));
  return ports.facts
    .ofKind('rule', (f) => docs.has(f.doc) && topics.has(f.topics[0]) && !shown.includes(f) && !DEFERRAL_MARKERS.some((m) => f.statement.includes(m)))
    .slice(0, 2);
}

function finish(s: Slotted, runner: ToolRunner, ports: Ports, lines: string[], route: Route, answered = true, extra: Partial<Answer> = {}): Answer {
  const body = [...lines];
  // A fact shown comes with the facts that complete it ("可以申报多个职业" with "须按职业分别填报申请").
  // Not to the closest clauses of a hedged answer: completing what does not answer adds only noise.
  if (answered && body[0] !== T.NOT_DIRECTLY_STATED) {
    const complements = completing(runner.facts, ports);
    runner.facts.push(...complements);
    const hotlineAt = body.findIndex((l) => l.startsWith(T.UNKNOWN_HOTLINE([]).slice(0, 4)));
    body.splice(hotlineAt < 0 ? body.length : hotlineAt, 0, ...complements.map(renderFact));
  }
  // Every clause shown hands the question on ("以评价机构公布为准"): the notice itself does not state it; say so, and whom to ask.
  if (answered && s.asksValue && deferredOnly(runner.facts) && !body.some((l) => l.startsWith(T.UNKNOWN_HOTLINE([]).slice(0, 4)))) {
    body.unshift(T.DEFERRED_LEAD);
    // What the same clause's notice does say on that topic comes with it ("滚动开班…另行通知" with "每期满20人即可开班").
    const context = deferredContext(runner.facts, ports);
    runner.facts.push(...context);
    body.push(...context.map(renderFact));
    body.push(T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region)));
  }
  // "威海一个班多少人": a number asked, and no clause shown states one: they are the closest clauses, not the answer.
  else if (answered && s.asksCount && runner.facts.length > 0 && !body.some((l) => l.startsWith(T.UNKNOWN_HOTLINE([]).slice(0, 4))) && !body.some((l) => CUES.statesCount.test(l))) {
    body.unshift(T.NOT_DIRECTLY_STATED);
    body.push(T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region)));
    extra = { ...extra, confidence: Math.min(extra.confidence ?? 0.35, 0.35) };
    route = `${route}-weak` as Route;
  }
  // No region named, and every clause shown is another region's: say whose rules they are (no claim that the
  // assumed region is silent: it was not searched as a whole).
  const shownRegions = [...new Set(runner.facts.filter((f) => f.kind !== 'contact').map((f) => f.region))];
  if (answered && !s.region.explicit && !s.region.inferred && shownRegions.length > 0 && !shownRegions.some((r) => s.region.regions.includes(r))) {
    body.unshift(T.OTHER_REGION_RULES(s.region.region, shownRegions));
  }
  // A region inferred from the question itself is always said, whatever the route: the resident did not name it.
  const noteRegion = answered && !s.region.explicit && !s.regionNoted && runner.facts.some((f) => f.region === s.region.region) && (needsRegion(route) || Boolean(s.region.inferred));
  if (noteRegion) body.unshift(T.DEFAULT_REGION_NOTE(s.region.region));
  const sources = sourcesOf(ports.documents, runner.facts);
  const src = sourceLine(sources);
  if (answered && src) body.push(src);
  return { lines: body, tools: runner.calls, facts: runner.facts, passages: [], sources, confidence: answered ? 0.95 : 0, route, answered, regionNoted: noteRegion || undefined, ...extra };
}

/** Topics a question about the whole path may be read as ("报完名之后流程是啥" cues process or certificates). */
const PATH_TOPICS: ReadonlySet<Topic> = new Set<Topic>(['process', 'certificate', 'exam', 'title', 'form']);

/** The region's steps, numbered, as the answer; undefined when its notices number none. */
function stepsAnswer(s: Slotted, runner: ToolRunner, ports: Ports): Answer | undefined {
  const steps = processSteps(s, ports);
  if (steps.length === 0) return undefined;
  runner.facts.push(...steps);
  return finish(s, runner, ports, steps.map((f, i) => T.STEP_LINE(i + 1, renderFact(f))), 'process');
}

/**
 * The region's rules of a topic (or, for certificates, of the exam that leads to one) that are also of
 * `other` ("培训费啥时候交": process and fee), in the notice's order, as the answer; undefined when none.
 */
function bothTopicsAnswer(topic: Topic, other: Topic, s: Slotted, runner: ToolRunner, ports: Ports): Answer | undefined {
  const of = (f: Fact) => f.topics.includes(topic) || (topic === 'certificate' && f.topics.includes('exam'));
  const both = ports.facts.ofKind('rule', (f) => of(f) && f.topics.includes(other) && s.region.regions.includes(f.region));
  if (both.length === 0) return undefined;
  const shown = byDocumentOrder(both, ports).slice(0, 4);
  runner.facts.splice(0, runner.facts.length, ...shown);
  return finish(s, runner, ports, groupByRegion(shown), `${topic}-asked`, true, { confidence: 0.75 });
}

/** The region's rules that carry a `step`, from the newest notice that has any, in order. */
function processSteps(s: Slotted, ports: Ports): Fact[] {
  const stepped = ports.facts.ofKind('rule', (f) => f.step !== undefined && s.region.regions.includes(f.region));
  if (stepped.length === 0) return [];
  // Prefer the region asked about over the regions it draws on (金华 answers with 浙江's path).
  const own = stepped.filter((f) => f.region === s.region.region);
  const pool = own.length ? own : stepped;
  const latest = latestDocuments(ports);
  const doc = pool.find((f) => latest.has(f.doc))?.doc ?? pool[0]!.doc;
  return pool.filter((f) => f.doc === doc).sort((a, b) => a.step! - b.step!);
}

/**
 * A group the question names (the longest run of three or more characters it shares with a clause of a
 * rule shown, that is not the programme's own words, a place or an occupation): included when that clause
 * lets people take part ("…自由职业者…均可参加培训"), left out when it follows the clause's exclusion
 * ("不包含已退休人员"). None, no verdict.
 */
function namedGroupVerdict(text: string, shown: readonly Fact[], ports: Ports): string | undefined {
  const places = ports.facts.regions.flatMap((r) => [r.region, ...r.names]);
  const occupations = ports.facts.ofKind('occupation').map((f) => f.name);
  const usable = (w: string) => !PROGRAMME_WORDS.test(w) && !places.some((p) => p.includes(w) || w.includes(p)) && !occupations.some((o) => o.includes(w));
  const chars = [...text];
  for (const f of shown) {
    if (f.kind !== 'rule') continue;
    for (const clause of sentencesOf(f.statement)) {
      // The longest run of the question the clause holds.
      let w = '';
      for (let i = 0; i < chars.length; i++)
        for (let n = chars.length - i; n >= 3 && n > [...w].length; n--) {
          const run = chars.slice(i, i + n).join('');
          if (clause.includes(run) && usable(run)) {
            w = run;
            break;
          }
        }
      if (!w) continue;
      const out = clause.search(CUES.exclusionClause);
      if (out >= 0 && clause.indexOf(w) > out) return T.GROUP_EXCLUDED(w);
      if (CUES.inclusionClause.test(clause)) return T.GROUP_INCLUDED(w);
    }
  }
  return undefined;
}

/**
 * What the other notices state themselves on a question the assumed region's notice hands on: per
 * other notice, its best rules whose main topic is the one asked and that hand nothing on (at most two
 * each, in bestFacts' order).
 */
async function statedElsewhere(u: Understanding, s: Slotted, ports: Ports, topic: Topic): Promise<Fact[]> {
  const out: Fact[] = [];
  const seen = new Set<Region>(s.region.regions);
  for (const region of fallbackRegions(s, ports)) {
    if (seen.has(region)) continue;
    const regions = ports.facts.applicableRegions(region);
    for (const r of regions) seen.add(r);
    const found = (await bestFacts(u, { region: { region, regions, explicit: true } }, ports, topic, true)).filter(
      (f) => f.kind === 'rule' && regions.includes(f.region) && f.topics[0] === topic && !DEFERRAL_MARKERS.some((m) => f.statement.includes(m)),
    );
    out.push(...found.slice(0, 2));
  }
  return out;
}

/** The facts that complete those shown (their `seeAlso`), not already shown, at most three. */
function completing(shown: readonly Fact[], ports: Ports): Fact[] {
  const ids = [...new Set(shown.flatMap((f) => f.seeAlso ?? []))].filter((id) => !shown.some((f) => f.id === id));
  return ids
    .map((id) => ports.facts.byId(id))
    .filter((f): f is Fact => f !== undefined)
    .slice(0, 3);
}

/** Routes that depend on the region (the default-region note applies). */
function needsRegion(route: string): boolean {
  return ['fee', 'subsidy', 'net-cost', 'hours', 'deadline', 'eligibility', 'title', 'contact', 'refund'].includes(route);
}

/** Regions to try for a question that named none: the default first, then every other. */
function fallbackRegions(s: Slotted, ports: Ports): Region[] {
  if (s.region.explicit) return [s.region.region];
  const all = [...new Set(ports.facts.all().map((f) => f.region))];
  return [s.region.region, ...all.filter((r) => r !== s.region.region)];
}

/** Topics under which a question may be about a window counted from the resident's own date. */
const WINDOW_TOPICS: ReadonlySet<Topic> = new Set(['deadline', 'subsidy', 'eligibility', 'certificate', 'process']);

/** What a topic's entry gets: the understanding, the slots, a tool runner recording every call, the ports. */
interface TopicContext {
  u: Understanding;
  s: Slotted;
  runner: ToolRunner;
  ports: Ports;
  topic: Topic;
  slotsOut: Partial<Slots>;
  withOccupation: <V>(call: (occupation: string | undefined) => ToolResult<V>) => ToolResult<V>;
}
type TopicAnswer = (ctx: TopicContext) => Promise<Answer>;

/**
 * One entry per topic: which tools answer it and how the reply is rendered, over the shared
 * pipeline of this file (region fallback, pruning what is not shown, citing, honest "not stated").
 * A topic without an entry of its own is answered from its rules (`rules`).
 */
const TOPIC_ANSWERS: { readonly [K in Topic | 'rules']?: TopicAnswer } = {
  // "初级中级分别能记多少继续教育学时": the region's rule says the training's own hours are recorded, and
  // states no number of its own; the hours table gives them, per level, beside the rule.
  'continuing-education': async (ctx) => {
    const { u, s, runner, ports, withOccupation } = ctx;
    if (answerCues().howMuch.test(u.text) || s.asksCount) {
      const rules = byDocumentOrder(ports.facts.ofKind('rule', (f) => f.topics[0] === 'continuing-education' && s.region.regions.includes(f.region)), ports);
      const region = s.region.region;
      const hours = withOccupation((occupation) => runner.run(hoursLookup, { region, occupation, level: s.level }));
      if (rules.length && !rules.some((f) => CUES.statesCount.test(f.statement)) && hours.ok && hours.value.hours.length) {
        const shown = distinctFacts(rules).slice(0, 1);
        runner.facts.push(...shown);
        const lines = [...regionLead(s, region), ...shown.map(renderFact), ...renderShown(runner, hours.value.hours)];
        return finish(s, runner, ports, lines, 'continuing-education', true, { confidence: 0.75 });
      }
    }
    return TOPIC_ANSWERS.rules!(ctx);
  },
  hours: async ({ u, s, runner, ports, withOccupation }) => {
    if (CUES.levelDifference.test(u.text) && u.levels.length >= 2) return compareLevels(u, s, runner, ports);
    return hoursAnswer(u, s, runner, ports, withOccupation);
  },
  fee: async ({ u, s, runner, ports, slotsOut, withOccupation }) => {
    if (CUES.levelDifference.test(u.text) && u.levels.length >= 2) return compareLevels(u, s, runner, ports);
    // "等级考试要交多少钱": the cost of another item (a fee rule of the exam topic), which the notice hands on.
    const other = answerCues().howMuch.test(u.text) ? otherItemCost(u, s, ports) : undefined;
    if (other && !CUES.namesTrainingFee.test(u.text)) {
      runner.facts.push(other);
      const lines = [T.NOT_STATED(T.AMOUNT_OF(other.label), other.region), renderFact(other), T.UNKNOWN_HOTLINE(hotline(runner, ports, other.region))];
      return finish(s, runner, ports, lines, 'fee-not-stated', true, { confidence: 0.6 });
    }
    for (const region of fallbackRegions(s, ports)) {
      const r = withOccupation((occupation) => runner.run(feeLookup, { region, occupation, level: s.level }));
      if (r.ok && r.value.fees.length) {
        // "教材费要多少钱": an item the fee leaves out, whose amount no notice states.
        // "包不包吃住" asks whether it is included: the fee line says so, no amount is asked of it.
        const left = answerCues().howMuch.test(u.text) && !CUES.asksInclusion.test(u.text) ? excludedAsked(u.text, r.value.fees, ports) : undefined;
        if (left) {
          const fees = r.value.fees.map((f) => ports.facts.byId(f.factId)).filter((f): f is Fact => f !== undefined);
          pruneFacts(runner, fees.slice(0, 1).map((f) => f.id));
          const lines = [T.NOT_STATED(T.AMOUNT_OF(left), region), T.FEE_EXCLUDES(left), T.UNKNOWN_HOTLINE(hotline(runner, ports, region))];
          return finish(s, runner, ports, lines, 'fee-not-stated', true, { confidence: 0.6 });
        }
        const lines = regionLead(s, region);
        lines.push(...renderShown(runner, r.value.fees));
        lines.push(...quotedOtherLevels(u.text, 'fee', region, r.value.fees, runner, ports));
        // "3000块都包含啥 考试的钱在里面不": the fee line says what it leaves out; the rules on other costs come with it.
        if (CUES.asksOtherCosts.test(u.text)) lines.push(...otherCosts(u.text, region, r.value.fees, runner, ports, false));
        // "初级3000是线上线下都包括的吗": the hours of each part of the class the fee pays for.
        if (CUES.namesClassFormat.test(u.text)) {
          const hours = withOccupation((occupation) => runner.run(hoursLookup, { region, occupation, level: s.level }));
          if (hours.ok) lines.push(...renderShown(runner, hours.value.hours.filter((h) => r.value.fees.some((f) => f.level === h.level && f.occupation === h.occupation))));
        }
        lines.push(...headcountTotals(s, runner, region, r.value.fees));
        lines.push(...(await related(u, s, runner, ports, 'fee')));
        return finish(s, runner, ports, lines, 'fee', true, { slots: { ...slotsOut, region: s.region.explicit ? region : undefined } });
      }
    }
    // A level the notice lists no fee for (高级 in 枣庄): say so and give the levels it does list.
    if (s.level) {
      const region = s.region.region;
      const other = runner.run(feeLookup, { region, occupation: s.occupation });
      if (other.ok && other.value.fees.length) {
        const levels = [...new Set(other.value.fees.map((f) => f.level))];
        const lines = [T.LEVEL_NOT_LISTED(region, s.level, levels)];
        lines.push(...renderShown(runner, other.value.fees));
        return finish(s, runner, ports, lines, 'fee');
      }
    }
    return notStated(u, s, runner, ports, '培训费', 'fee');
  },
  subsidy: async ({ u, s, runner, ports, withOccupation }) => {
    // "补贴实名制管理用的啥系统": a thing only the region's subsidy rules name; they answer, not the amounts.
    if (!answerCues().howMuch.test(u.text)) {
      const naming = namingRules(u.text, s, ports).filter((f) => f.topics.includes('subsidy'));
      if (naming.length) {
        runner.facts.push(...naming);
        return finish(s, runner, ports, groupByRegion(naming), 'subsidy-asked', true, { confidence: 0.7 });
      }
    }
    // Who may claim it, or who pays it out ("补贴最后是谁发钱"): the region's rules, not the amounts table.
    if (SUBSIDY_ELIGIBILITY.test(u.text) || (CUES.asksPayer.test(u.text) && !answerCues().howMuch.test(u.text))) {
      // Who may claim it: the region's subsidy conditions, not the amounts table. An occupation
      // only one region subsidises (区块链 → 浙江) decides the region when none is named.
      const home = !s.region.explicit && s.occupation ? ports.facts.ofKind('subsidy', (f) => f.occupation === s.occupation)[0]?.region : undefined;
      const scope = home ? { ...s, region: { region: home, regions: ports.facts.applicableRegions(home), explicit: true } } : s;
      // "15岁的学生能领吗", "在编的能领吗": the region's rules that leave people out come first.
      const limits = CUES.personalLimits.test(u.text)
        ? ports.facts.ofKind('rule', (f) => f.topics.includes('subsidy') && scope.region.regions.includes(f.region) && CUES.exclusionClause.test(f.statement))
        : [];
      // Who may claim it: the region's rules of both topics (its subsidy's beneficiaries, conditions, exclusions) come next.
      const claimants = CUES.asksPayer.test(u.text) || CUES.timeCircumstance.test(u.text)
        ? []
        : byDocumentOrder(ports.facts.ofKind('rule', (f) => f.topics.includes('subsidy') && f.topics.includes('eligibility') && scope.region.regions.includes(f.region)), ports);
      // The rule nearest the question still comes first ("一年能领几次" is the cap, "一年半了还能申请吗" the time limit).
      const best = (await bestFacts(u, scope, ports, 'subsidy')).filter((f) => f.kind === 'rule');
      const found = distinctFacts([...limits, ...best.slice(0, 1), ...claimants, ...best, ...topicRules(u, scope, ports, 'subsidy')].filter((f) => f.kind === 'rule'));
      // "谁发钱": the rule saying who pays it out comes first.
      // Found among the nearest rules, else among all the region's subsidy rules, nearest the question first
      // ("在哪儿申请": the rule on where to claim; "谁负责发": the rule on who pays out).
      const paying = (f: Fact) => CUES.payerClause.test(renderFact(f));
      const payer = CUES.asksPayer.test(u.text)
        ? [
            ...found.filter(paying),
            ...rankFacts(ports.facts, u.text, ports.facts.ofKind('rule', (f) => f.topics.includes('subsidy') && scope.region.regions.includes(f.region) && paying(f))).map((x) => x.fact),
          ]
        : [];
      const rules = distinctFacts([...payer, ...found]).slice(0, 3);
      if (rules.length) {
        runner.facts.push(...rules);
        const lines = rules.map(renderFact);
        // "能领补贴吗 多少": the amount too, when the occupation and level say which.
        if (answerCues().howMuch.test(u.text) && s.occupation) {
          const region = scope.region.region;
          const r = runner.run(subsidyLookup, { region, occupation: s.occupation, level: s.level });
          if (r.ok && r.value.kind === 'amounts') {
            pruneFacts(runner, r.value.rules.map((x) => x.factId));
            lines.push(...renderShown(runner, r.value.subsidies));
          }
        }
        return finish(s, runner, ports, lines, 'subsidy');
      }
    }
    // "金华补贴申请有期限吗": the time limit of claiming it, where the region's rules set one (rules of both topics).
    if (u.alsoTopics.includes('deadline') && !answerCues().howMuch.test(u.text)) {
      const ofRegions = (regions: readonly Region[] | undefined) =>
        ports.facts.ofKind('rule', (f) => f.topics.includes('subsidy') && f.topics.includes('deadline') && (!regions || regions.includes(f.region)));
      // No region named and the assumed one sets no such limit: the notices that do, said to be theirs (finish notes it).
      const own = ofRegions(s.region.regions);
      const timed = own.length || s.region.explicit || s.region.inferred ? own : ofRegions(undefined);
      if (timed.length) {
        runner.facts.push(...timed.slice(0, 3));
        return finish(s, runner, ports, groupByRegion(timed.slice(0, 3)), 'subsidy-asked', true, { confidence: 0.8 });
      }
    }
    for (const region of fallbackRegions(s, ports)) {
      const r = withOccupation((occupation) => runner.run(subsidyLookup, { region, occupation, level: s.level }));
      if (!r.ok) continue;
      if (r.value.kind === 'amount-not-stated') {
        if (!s.region.explicit) continue;
        const lines = [T.NOT_STATED('补贴金额', region), ...r.value.rules.map((x) => x.statement), T.UNKNOWN_HOTLINE(hotline(runner, ports, region))];
        return finish(s, runner, ports, lines, 'subsidy');
      }
      const lines = regionLead(s, region);
      lines.push(...renderShown(runner, r.value.subsidies));
      lines.push(...quotedOtherLevels(u.text, 'subsidy', region, r.value.subsidies, runner, ports));
      // The tool's rules are cited only when shown: the ones that speak to the question (who may apply, how often …).
      pruneFacts(runner, r.value.rules.map((x) => x.factId));
      lines.push(...(await related(u, { ...s, region: { ...s.region, regions: ports.facts.applicableRegions(region), region, explicit: true } }, runner, ports, 'subsidy')));
      return finish(s, runner, ports, lines, 'subsidy');
    }
    // A named region whose subsidy table does not list the occupation asked about (浙江 数字化管理师).
    if (s.region.explicit && s.occupation) {
      const listed = [...new Set(ports.facts.ofKind('subsidy', (f) => s.region.regions.includes(f.region)).map((f) => f.occupation))];
      if (listed.length) {
        const before = runner.facts.length;
        const lines = [T.OCCUPATION_NOT_LISTED(s.region.region, s.occupation, listed), T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region))];
        // The table searched is the source of "not listed".
        const table = ports.facts.ofKind('subsidy', (f) => s.region.regions.includes(f.region));
        const cited = [...table, ...runner.facts.slice(before)];
        const sources = sourcesOf(ports.documents, cited);
        const src = sourceLine(sources);
        if (src) lines.push(src);
        return { lines, tools: runner.calls, facts: cited, passages: [], sources, confidence: 0.4, route: 'subsidy-not-listed', answered: true };
      }
    }
    return notStated(u, s, runner, ports, '补贴标准', 'subsidy');
  },
  'net-cost': async ({ u, s, runner, ports, withOccupation }) => {
    for (const region of fallbackRegions(s, ports)) {
      const fees = withOccupation((occupation) => runner.run(feeLookup, { region, occupation, level: s.level }));
      if (!fees.ok || fees.value.fees.length === 0) continue;
      const lines = regionLead(s, region);
      for (const fee of fees.value.fees) {
        const r = runner.run(netCost, { region, occupation: fee.occupation, level: fee.level });
        if (!r.ok) continue;
        if (r.value.kind === 'computed') {
          lines.push(T.NET_COST_LINE({ occupation: fee.occupation, level: fee.level, fee: r.value.feeYuan, subsidy: r.value.subsidyYuan, net: r.value.netYuan }));
        } else {
          const f = runner.facts.find((x) => x.id === fee.factId);
          if (f) lines.push(renderFact(f), T.NOT_STATED('补贴金额', region), T.UNKNOWN_HOTLINE(hotline(runner, ports, region)));
        }
      }
      lines.push(...headcountTotals(s, runner, region, fees.value.fees));
      // "还有别的钱要交不", "教材另外算吗": what the fee leaves out, and the region's rules on other costs.
      if (CUES.asksOtherCosts.test(u.text)) {
        lines.push(...otherCosts(u.text, region, fees.value.fees, runner, ports));
        // "再加上教材费一共多少": the item's own amount is not in the notice; whom to ask.
        const left = answerCues().howMuch.test(u.text) ? excludedAsked(u.text, fees.value.fees, ports) : undefined;
        if (left) lines.push(T.NOT_STATED(T.AMOUNT_OF(left), region), T.UNKNOWN_HOTLINE(hotline(runner, ports, region)));
      }
      lines.push(T.NET_COST_NOTE);
      return finish(s, runner, ports, lines, 'net-cost');
    }
    // No fee in the notices (浙江): say so, and give the subsidy they do state.
    if (s.region.explicit) {
      const sub = withOccupation((occupation) => runner.run(subsidyLookup, { region: s.region.region, occupation, level: s.level }));
      if (sub.ok && sub.value.kind === 'amounts') {
        pruneFacts(runner, sub.value.rules.map((x) => x.factId));
        // "补3300 那我自己还要出多少": the resident's own figure is the table's; it is confirmed, not repeated.
        const quoted = sub.value.subsidies.length > 0 && sub.value.subsidies.every((x) => quotesAmount(u.text, x.amountYuan));
        const lines = [T.NET_COST_NO_FEE(s.region.region, quoted)];
        if (quoted) lines.push(T.NET_COST_SUBSIDY_AS_QUOTED([...new Set(sub.value.subsidies.map((x) => x.amountYuan))]));
        else lines.push(...renderShown(runner, sub.value.subsidies));
        lines.push(T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region)));
        return finish(s, runner, ports, lines, 'net-cost', true, { confidence: 0.6 });
      }
    }
    return notStated(u, s, runner, ports, '培训费和补贴', 'net-cost');
  },
  deadline: async ({ u, s, runner, ports }) => {
    // "培训费啥时候交": when to pay is the region's rules on paying, not the registration deadline.
    if (CUES.asksPayment.test(u.text)) {
      const paying = bothTopicsAnswer('process', 'fee', s, runner, ports);
      if (paying) return paying;
    }
    const r = runner.run(deadlineStatus, { region: s.region.region });
    if (!r.ok) return notStated(u, s, runner, ports, '报名截止时间', 'deadline');
    const lines: string[] = [];
    let closed = false;
    for (const d of r.value.deadlines) {
      const closes = chineseDate(d.closes);
      const fact = runner.facts.find((f) => f.id === d.factId)!;
      if (d.status === 'open') lines.push(T.DEADLINE_OPEN(d.label, closes, d.daysUntilClose));
      else if (d.status === 'closes-today') lines.push(T.DEADLINE_TODAY(d.label, closes));
      else if (d.status === 'closed') {
        lines.push(T.DEADLINE_CLOSED(d.label, closes, d.daysSince));
        if (d.subject === 'registration') closed = true;
      } else lines.push(renderFact(fact));
      // "报名从啥时候开始": the notice's own words for the window ("即日起至…").
      if (CUES.asksStart.test(u.text)) lines.push(T.DEADLINE_WINDOW(fact.quote));
    }
    // "4月25号报名还行不": on the day the resident names, through the same tool on that day's clock.
    const on = CUES.onDay.test(u.text) ? eventDate(u.text, r.value.today) : undefined;
    if (on && on.length === 10 && on !== r.value.today) {
      const then = runner.run(deadlineStatus, { region: s.region.region, on });
      if (then.ok)
        for (const d of then.value.deadlines)
          if (d.subject === 'registration' && (d.status === 'open' || d.status === 'closes-today' || d.status === 'closed'))
            lines.unshift(T.DEADLINE_ON_DAY(chineseDate(then.value.today), d.label, chineseDate(d.closes), d.status !== 'closed'));
    }
    lines.push(...(await related(u, s, runner, ports, 'deadline')));
    // "大数据的评价机构这次还能报吗": a quota rule of the region that names the occupation asked about
    // (by any of its names) limits what may still be applied for, whatever the date.
    if (u.occupation) {
      const names = ports.facts.ofKind('occupation', (o) => o.name === u.occupation).flatMap((o) => [o.name, ...o.aliases]).filter((n) => n.length >= 2);
      const limits = ports.facts.ofKind('rule', (f) => f.topics[0] === 'quota' && s.region.regions.includes(f.region) && !runner.facts.includes(f) && names.some((n) => f.statement.includes(n)));
      runner.facts.push(...limits.slice(0, 2));
      lines.push(...limits.slice(0, 2).map(renderFact));
    }
    lines.push(T.DEADLINE_AS_OF(chineseDate(r.value.today)));
    // Closed: the next intake is not in the notice; the resident gets the form of interest and whom to call.
    if (closed) lines.push(T.DEADLINE_CLOSED_NEXT, T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region, u.place)));
    return finish(s, runner, ports, lines, 'deadline');
  },
  eligibility: async ({ u, s, runner, ports }) => {
    // "做财务的 能报数字化管理师吗": the occupation's scope rule that names the resident's work comes first.
    const scope = jobInScope(u, s, ports);
    return (
      answerEligibility(u, s.region, s.level, runner, (lines, route, answered, extra) => {
        if (scope) runner.facts.unshift(scope);
        // "…要是符合的话报名找谁" from 滕州: where to register comes with the verdict, the district's office.
        const office = u.place && u.place !== u.region && CUES.asksWhere.test(u.text) ? hotline(runner, ports, s.region.region, u.place) : [];
        return finish(s, runner, ports, [...(scope ? [renderFact(scope)] : []), ...lines, ...office], route, answered, extra);
      }) ??
      (await notStated(u, s, runner, ports, '报名条件', 'eligibility'))
    );
  },
  title: async ({ u, s, runner, ports }) => {
    const r = runner.run(titleRecognition, { region: s.region.region, level: s.level });
    if (!r.ok || r.facts.length === 0) return notStated(u, s, runner, ports, '职称认定办法', 'title');
    const ranked = rankFacts(ports.facts, u.text, r.facts).map((x) => x.fact);
    const shown = distinctFacts([...ranked, ...byDocumentOrder(r.facts, ports)]).slice(0, 4);
    pruneFacts(runner, r.facts.filter((f) => !shown.includes(f)).map((f) => f.id));
    const lines = [...shown.map(renderFact), ...(await related(u, s, runner, ports, 'title'))];
    // "我在滕州上班 职称认定去哪办": the district's office.
    if (u.place && u.place !== u.region && CUES.asksWhere.test(u.text)) lines.push(...hotline(runner, ports, s.region.region, u.place));
    return finish(s, runner, ports, lines, 'title');
  },
  contact: async ({ u, s, runner, ports }) => {
    // One district named: its office; several ("山亭和台儿庄"): the region's list, narrowed to them below.
    const districts = ports.facts.regions.flatMap((r) => r.names).filter((n) => n !== u.region && u.text.includes(n));
    const district = u.place && u.place !== u.region && districts.length <= 1 ? u.place : undefined;
    // "刘超群电话多少": a person a notice names is looked up in that notice's region, whichever region is assumed.
    const person = ports.facts.ofKind('contact', (f) => personNames(f.name).some((n) => u.text.includes(n)))[0];
    const region = person?.region ?? s.region.region;
    let r = runner.run(contactsLookup, { region, district: person ? undefined : district });
    if (district && (!r.ok || r.facts.length === 0)) r = runner.run(contactsLookup, { region });
    if (!r.ok || r.facts.length === 0) return notStated(u, s, runner, ports, '联系电话', 'contact');
    // The offices or people the question names ("山亭和台儿庄的报名电话", "姚老师手机号"), else by purpose.
    const named = namedContacts(u.text, r.facts, ports);
    const shown = named.length ? named : pickContacts(u, r.facts);
    pruneFacts(runner, r.facts.filter((f) => !shown.includes(f)).map((f) => f.id));
    const lines = shown.map(renderFact);
    // "滕州人社局在哪": the notices give its phone, not its address.
    if (CUES.asksAddress.test(u.text) && !shown.some((f) => f.kind === 'contact' && f.address)) lines.unshift(T.NOT_STATED(T.ADDRESS_OF(shown.length === 1 && shown[0]!.kind === 'contact' ? shown[0]!.name : ''), s.region.region));
    return finish(s, runner, ports, lines, 'contact');
  },
  institution: async (ctx) => {
    const { u, s, runner, ports } = ctx;
    // "培训机构多少天内报名单": how long an institution has to do a thing the question names is that thing's rules.
    if (CUES.asksDuration.test(u.text) && DURATION_SUBJECTS.some((w) => u.text.includes(w))) return TOPIC_ANSWERS.rules!(ctx);
    const r = runner.run(institutionsLookup, { region: s.region.explicit || s.region.inferred ? s.region.region : undefined, occupation: u.occupation });
    const extra = await related(u, s, runner, ports, 'institution', 3);
    if ((!r.ok || r.facts.length === 0) && extra.length === 0) return notStated(u, s, runner, ports, '培训机构', 'institution');
    // "辽宁第二批评上的机构都有哪些": the region's notice names no institution (it calls for applications): which were
    // selected is not stated; what it does say, and whom to ask, come with that.
    const named = r.ok ? r.facts.filter((f) => f.kind === 'institution' && f.region === s.region.region) : [];
    if ((s.region.explicit || s.region.inferred) && named.length === 0 && CUES.asksSelected.test(u.text)) {
      const lines = [T.NOT_STATED(T.SELECTED_INSTITUTIONS, s.region.region), ...extra, T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region))];
      return finish(s, runner, ports, lines, 'institution-not-stated', true, { confidence: 0.4 });
    }
    return finish(s, runner, ports, [...(r.ok ? r.facts.filter((f) => f.kind === 'institution').map(renderFact) : []), ...extra], 'institution');
  },
  occupation: async ({ u, s, runner, ports }) => {
    // "有区块链方向吗": is the asked occupation among the resident's region's? If not, what that region lists, then where it is listed.
    if (u.occupation) {
      const own = runner.run(occupationsLookup, { region: s.region.region });
      const listed = own.ok ? own.value.occupations.map((o) => o.name) : [];
      const wanted = runner.run(occupationsLookup, { query: u.occupation });
      if (listed.length && wanted.ok && !wanted.value.occupations.some((o) => o.regions.includes(s.region.region))) {
        const name = wanted.value.occupations[0]?.name ?? u.occupation;
        // An older notice of the region may still name it through its institution ("培训方向为大数据").
        const older = ports.facts.ofKind('institution', (f) => f.region === s.region.region && f.occupations.includes(name));
        runner.facts.push(...older);
        const docs = [...new Set((own.ok ? own.facts : []).map((f) => f.doc))];
        const notice = docs.length === 1 ? `《${ports.documents.find((d) => d.id === docs[0])?.shortTitle ?? docs[0]}》` : T.REGION_NOTICES(s.region.region);
        const mentions = [...older, ...wanted.facts];
        const lines = [T.OCCUPATION_NOT_OFFERED(notice, name, listed, mentions.length > 0), ...groupByRegion(mentions, true)];
        return finish(s, runner, ports, lines, 'occupation-elsewhere');
      }
    }
    const r = runner.run(occupationsLookup, { region: s.region.explicit || s.region.inferred ? s.region.region : undefined, query: u.occupation });
    if (!r.ok || r.facts.length === 0) return notStated(u, s, runner, ports, '职业目录', 'occupation');
    const lines = [...groupByRegion(r.facts), ...(await related(u, s, runner, ports, 'occupation'))];
    return finish(s, runner, ports, lines, 'occupation');
  },
  refund: async ({ u, s, runner, ports }) => {
    const r = runner.run(refundPolicy, { region: s.region.region });
    if (!r.ok || r.facts.length === 0) return notStated(u, s, runner, ports, '退款规定', 'refund');
    const conflict = r.facts.some((f) => f.conflictsWith?.length);
    const lines = conflict ? [T.REFUND_CONFLICT_INTRO] : [];
    for (const f of r.facts) lines.push(`· ${renderFact(f)}（《${ports.documents.find((d) => d.id === f.doc)?.shortTitle ?? f.doc}》${f.section}）`);
    return finish(s, runner, ports, lines, 'refund');
  },
  form: async ({ u, s, runner, ports }) => {
    // The sign-up form's fields, in the notice's order, and where it goes.
    const fields = ports.facts.ofKind('form-field').sort((a, b) => a.order - b.order);
    if (fields.length === 0) return notStated(u, s, runner, ports, '报名表', 'form');
    runner.facts.push(...fields);
    const lines = [T.FORM_FIELDS(fields.map((f) => (f.optional ? T.OPTIONAL_FIELD(f.label) : f.label))), ...(await related(u, s, runner, ports, 'process'))];
    // "没有职称报名表那栏咋填": the one field the question names, in the form's own words, first.
    const named = fields.filter((f) => [...f.label].length >= 2 && u.text.includes(f.label));
    if (named.length === 1 && named[0]!.quote !== named[0]!.label) lines.unshift(T.FORM_FIELD_AS_PRINTED(named[0]!.label, named[0]!.quote));
    // "我在薛城…报名表交哪": the form goes to that district's office.
    if (u.place && u.place !== u.region) lines.push(...hotline(runner, ports, s.region.region, u.place));
    lines.push(T.FORM_START_HINT);
    return finish(s, runner, ports, lines, 'form');
  },
  rules: async ({ u, s, runner, ports, topic }) => {
    if (topic === 'class' && VENUE_QUESTION.test(u.text)) {
      // Not in the notices: say so, with what they do say about scheduling, and whom to call.
      const schedule = await bestFacts(u, s, ports, 'class', true);
      runner.facts.push(...schedule);
      const lines = [T.NOT_STATED(answerCues().examVenue.test(u.text) ? '考试地点' : '上课地点', s.region.region), ...schedule.map(renderFact), T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region))];
      return finish(s, runner, ports, lines, 'class-venue-not-stated', true, { confidence: 0.3 });
    }
    runner.run(rulesByTopic, { region: s.region.explicit || s.region.inferred ? s.region.region : undefined, topic });
    const best = await bestFacts(u, s, ports, topic, true);
    // A region the resident named says nothing on this topic: say so, rather than quote stray text.
    if (best.length === 0) return notStated(u, s, runner, ports, s.region.explicit ? T.TOPIC_LABELS[topic] ?? '' : '', topic);
    // "辽宁没有信用报告怎么办": a thing the question names that only one or two of the region's rules hold
    // (信用报告, in the materials rule) makes those rules the answer's first lines.
    const naming = namingRules(u.text, s, ports).filter((f) => !best.includes(f));
    if (naming.length) best.splice(0, best.length, ...distinctFacts([...naming, ...best]).slice(0, 3));
    // "初级都学点啥": the level's course is the answer, whatever words it happens to share with the question.
    if (topic === 'course' && s.level) best.splice(0, best.length, ...levelCourse(best, s.level, ports, u.text, s.region.regions));
    // "初级是全程网课吗 要不要去现场": whether the classes are online or on site is the format and the hours of each part.
    if (topic === 'course' && CUES.namesClassFormat.test(u.text)) {
      const hours = ports.facts.ofKind('hours', (h) => s.region.regions.includes(h.region) && (!s.level || h.level === s.level) && (!s.occupation || h.occupation === s.occupation));
      if (hours.length > 0 && hours.length <= 2) best.splice(1, 0, ...hours.filter((h) => !best.includes(h)));
    }
    // "课程详细安排在哪看": where the details are is the topic's rule that refers to them ("详情见…《学员手册》").
    if (CUES.asksWhere.test(u.text)) {
      const refers = ports.facts.ofKind('rule', (f) => f.topics.includes(topic) && s.region.regions.includes(f.region) && CUES.refersElsewhere.test(f.statement));
      if (refers.length) best.splice(0, best.length, ...distinctFacts([...byDocumentOrder(refers, ports), ...best]).slice(0, 4));
    }
    const courseOfLevel = topic === 'course' && s.level !== undefined && best.some((f) => f.kind === 'rule' && f.topics.includes('course') && f.label.includes(s.level!));
    // "考完多久能拿到证": how long is asked; the region's rules of the topic that set a time limit answer it.
    if (CUES.asksDuration.test(u.text)) {
      const subjects = DURATION_SUBJECTS.filter((w) => u.text.includes(w));
      const timedRules = (ofTopic: boolean) =>
        ports.facts.ofKind('rule', (f) => (!ofTopic || f.topics.includes(topic)) && s.region.regions.includes(f.region) && statesTimeLimit(f.statement));
      // "培训机构多少天内报名单": no rule of the topic sets a time, but the thing whose time is asked is named: any of
      // the region's rules whose time clause names it.
      let all = timedRules(true);
      if (all.length === 0 && subjects.length) all = timedRules(false).filter((f) => timeLimitClauses(f.statement).some((c) => subjects.some((w) => c.includes(w))));
      // "合格证多久发": a limit answers only when its clause names the thing asked about (the 30 days of
      // "颁发合格证书，并在30日内将名单报…" are the list's, not the certificate's).
      const named = subjects.length ? all.filter((f) => timeLimitClauses(f.statement).some((c) => subjects.some((w) => c.includes(w)))) : all;
      // The steps between them (the 10 working days of the province's check) are of the same clause of the notice.
      const timed = all.filter((f) => named.includes(f) || named.some((n) => n.doc === f.doc && n.section === f.section));
      if (all.length && !timed.length) {
        const nearest = best.filter((f) => f.kind === 'rule').slice(0, 2);
        runner.facts.splice(0, runner.facts.length, ...nearest);
        const region = s.region.region;
        const lines = [T.NOT_STATED(T.DURATION_OF(u.text.includes(`${subjects[0]!}书`) ? `${subjects[0]!}书` : subjects[0]!), region), ...(nearest.length ? [T.NEAREST_CLAUSE, ...nearest.map(renderFact)] : []), T.UNKNOWN_HOTLINE(hotline(runner, ports, region))];
        return finish(s, runner, ports, lines, `${topic}-duration-not-stated`, true, { confidence: 0.4 });
      }
      if (timed.length) {
        best.splice(0, best.length, ...withSiblings(byDocumentOrder(timed, ports).slice(0, 4), ports).slice(0, 4));
        runner.facts.splice(0, runner.facts.length, ...best);
        return finish(s, runner, ports, groupByRegion(best), `${topic}-asked`, true, { confidence: 0.7 });
      }
    }
    // "钱交给谁 咋交" (paying is the fee's), "金华的补贴去哪申请" (where, of the subsidy): how or where to do a thing
    // is the process rules on that thing, when the region has any.
    // "考等级证书还要另外交钱不": paying for the exam is the rules of both topics too.
    const also =
      topic === 'exam' || topic === 'certificate'
        ? CUES.asksPayment.test(u.text) ? (['fee'] as Topic[]) : []
        : topic !== 'process' ? [] : [...(CUES.asksPayment.test(u.text) ? (['fee'] as Topic[]) : []), ...(CUES.asksWhere.test(u.text) ? u.alsoTopics : [])].filter((t) => t !== topic);
    // A certificate is paid for by its exam ("考等级证还要交钱吗"): the exam's rules on paying.
    for (const other of also) {
      const both = bothTopicsAnswer(topic, other, s, runner, ports);
      if (both) return both;
    }
    // Cite what is shown, not every rule of the topic.
    runner.facts.splice(0, runner.facts.length, ...best);
    // "这个等级证书是全国统一的吗" with no region named: other regions' rules are asked in nearly these words,
    // the assumed region's nearest ask is far off. Its own clauses come first, then what the others state.
    if (!s.region.explicit && !s.region.inferred) {
      const elsewhere = askedElsewhere(u, s, ports).filter((f) => !best.includes(f));
      if (elsewhere.length) {
        runner.facts.push(...elsewhere);
        const lines = [...groupByRegion(best), T.STATED_ELSEWHERE([...new Set(elsewhere.map((f) => f.region))]), ...groupByRegion(elsewhere, true)];
        return finish(s, runner, ports, lines, `${topic}-elsewhere`, true, { confidence: 0.65 });
      }
    }
    // "等级考试考啥" with no region named: the assumed region's notice only hands it on; where the other
    // notices state it themselves, they answer beside it, each under its region.
    if (!s.region.explicit && !s.region.inferred && s.asksValue && deferredOnly(best)) {
      const elsewhere = await statedElsewhere(u, s, ports, topic);
      if (elsewhere.length) {
        const own = [T.DEFERRED_LEAD_OF(s.region.region), ...best.map(renderFact), ...deferredContext(best, ports).map(renderFact)];
        runner.facts.push(...elsewhere);
        const lines = [...own, T.STATED_ELSEWHERE([...new Set(elsewhere.map((f) => f.region))]), ...groupByRegion(elsewhere), T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region))];
        return finish(s, runner, ports, lines, `${topic}-elsewhere`, true, { confidence: 0.7 });
      }
    }
    // A message that names its topic plainly, answered by a rule whose main topic it is, is answered, not hedged
    // ("这个项目面向哪些人" → 培育对象), whatever words the rule happens to use.
    // Not when a time or an amount is asked ("多久", "多少钱"): the rule must then state it, and the word cover says whether it does.
    const ownRule = u.topicScore >= PLAIN_CUE && best[0]?.topics[0] === topic && !CUES.asksDuration.test(u.text) && !answerCues().howMuch.test(u.text);
    if (!ownRule && !courseOfLevel && weakCover(u, best, ports)) return hedged(u, s, runner, ports, best, topic);
    // Judged on the facts found; shown with each older notice's institution replaced by the current one.
    if (!documentsNamed(u.text, ports.documents).length) {
      const current = distinctFacts(best.map((f) => currentInstitution(f, u, ports, latestDocuments(ports))));
      best.splice(0, best.length, ...current);
      runner.facts.splice(0, runner.facts.length, ...current);
    }
    const lines = groupByRegion(best);
    // "峄城报名": where to register comes with that district's office.
    if (u.place && u.place !== u.region && (topic === 'process' || CUES.asksWhere.test(u.text))) lines.push(...hotline(runner, ports, s.region.region, u.place));
    return finish(s, runner, ports, lines, topic, true, { confidence: 0.8 });
  },
};

export async function answerTopic(u: Understanding, session: Session, ports: Ports): Promise<Answer> {
  const topic = u.topic;
  if (topic === undefined) return { lines: [], tools: [], facts: [], passages: [], confidence: 0, route: 'none', answered: false };
  const runner = new ToolRunner({ facts: ports.facts, now: ports.now() });
  const s = slotsFor(u, session, ports);
  const slotsOut: Partial<Slots> = {};
  if (s.level) slotsOut.level = s.level;

  const withOccupation = <V>(call: (occupation: string | undefined) => ToolResult<V>): ToolResult<V> => {
    const r = call(s.occupation);
    if (!r.ok && s.occupationInherited) return call(undefined);
    return r;
  };
  // "证书去年10月发的 现在申请补贴还来得及吗": a window counted from the resident's own date, whichever of
  // these topics the words cued (the story makes it look like eligibility or certificates).
  if (WINDOW_TOPICS.has(topic)) {
    const window = windowLines(u, s.region, runner, ports);
    if (window) return finish(s, runner, ports, window, 'deadline');
  }
  // A rule asked for in other words ("数字化管理师一共分几个等级", "推荐表能一次填几个职业"): that rule, before the
  // topic's own lists. Topics whose answers are computed by a tool (amounts, hours, dates, eligibility, contacts)
  // keep their tools.
  // "辽宁机构申报先报到哪里", "材料能直接寄省厅吗": where an application goes first is the region's steps in order.
  const applying = (t: Topic) => PATH_TOPICS.has(t) || t === 'materials' || t === 'institution';
  if (CUES.asksFirstStep.test(u.text) && (applying(topic) || (topic === 'contact' && u.alsoTopics.some(applying)))) {
    const steps = stepsAnswer(s, runner, ports);
    if (steps) return steps;
  }
  if (!COMPUTED_TOPICS.has(topic)) {
    const asked = askedRule(u, s, ports);
    if (asked) {
      runner.facts.push(...asked);
      return finish(s, runner, ports, groupByRegion(asked), `${topic}-asked`, true, { confidence: 0.85 });
    }
  }
  // "中级90学时3500 平均一个学时多少钱", "补完以后初级一个学时合多少钱": the cost-per-hour tool, per level.
  if (CUES.perHour.test(u.text) && PER_HOUR_TOPICS.has(topic)) {
    const lines = perHourLines(s, runner, ports);
    if (lines.length) return finish(s, runner, ports, [...regionLead(s, s.region.region), ...lines], 'net-cost');
  }
  // "从报名到拿证整个流程是啥": the region's steps in order, from its latest notice that lays them out.
  if (CUES.asksWholeProcess.test(u.text) && applying(topic)) {
    const steps = stepsAnswer(s, runner, ports);
    if (steps) return steps;
  }
  // "辽宁申报培训机构得具备啥条件", "2020年注册的能申报吗": an institution's conditions, where the region's rules
  // state them (rules of both topics), whichever of the two led.
  const asked = new Set([topic, ...u.alsoTopics]);
  if (asked.has('institution') && asked.has('eligibility') && CUES.asksConditions.test(u.text) && !CUES.stillOpen.test(u.text)) {
    const conditions = ports.facts.ofKind('rule', (f) => s.region.regions.includes(f.region) && f.topics.includes('institution') && f.topics.includes('eligibility'));
    if (conditions.length && (s.region.explicit || s.region.inferred)) {
      runner.facts.push(...conditions);
      return finish(s, runner, ports, conditions.map(renderFact), 'institution');
    }
  }
  // "等级考试要交多少钱" read as an exam question: the cost of that item is a fee rule of its topic; when the
  // notice hands it on, the fee's entry says so (not stated, whom to ask), whichever of the two led.
  // "自己出的钱加上考试费总共多少": the net cost is asked with the other cost added; the net cost answers, with
  // the rules on what else is paid (the exam's cost, which the notice hands on).
  if (topic !== 'net-cost' && u.alsoTopics.includes('net-cost') && answerCues().howMuch.test(u.text) && CUES.asksOtherCosts.test(u.text))
    return TOPIC_ANSWERS['net-cost']!({ u, s, runner, ports, topic: 'net-cost', slotsOut, withOccupation });
  if (!AMOUNT_ROUTES.has(topic) && u.alsoTopics.includes('fee') && answerCues().howMuch.test(u.text) && !CUES.namesTrainingFee.test(u.text) && otherItemCost(u, s, ports))
    return TOPIC_ANSWERS.fee!({ u, s, runner, ports, topic: 'fee', slotsOut, withOccupation });
  const entry = TOPIC_ANSWERS[topic] ?? TOPIC_ANSWERS.rules!;
  const answer = await entry({ u, s, runner, ports, topic, slotsOut, withOccupation });
  // "枣庄2023年那个方案里补贴是怎么说的": a region's older notice named by its year, which the topic's answer
  // did not lead with (the latest notice's tables answered), answers in its own facts.
  const older = olderNamedFacts(u, topic, ports);
  if (older.length && !older.some((o) => o.doc === answer.facts[0]?.doc)) {
    const named = new ToolRunner({ facts: ports.facts, now: ports.now() });
    named.facts.push(...older);
    return finish(s, named, ports, older.map(renderFact), `${topic}-named`, true, { confidence: 0.8 });
  }
  return answer;
}

/** Topics a question on the cost of one training hour is read as (its words cue fees, hours or the subsidy). */
const PER_HOUR_TOPICS: ReadonlySet<Topic> = new Set<Topic>(['fee', 'net-cost', 'hours', 'subsidy']);

/** Each level's (the one asked, else every level with a fee) cost per training hour, from the cost-per-hour tool. */
function perHourLines(s: Slotted, runner: ToolRunner, ports: Ports): string[] {
  const region = s.region.region;
  const courses = ports.facts.ofKind('fee', (f) => s.region.regions.includes(f.region) && (!s.occupation || f.occupation === s.occupation) && (!s.level || f.level === s.level));
  const lines: string[] = [];
  for (const fee of courses.filter((f, i, all) => all.findIndex((g) => g.occupation === f.occupation && g.level === f.level) === i)) {
    const r = runner.run(costPerHour, { region, occupation: fee.occupation, level: fee.level });
    if (!r.ok) continue;
    const { occupation, level, hours, feeYuan, feePerHourYuan, netYuan, netPerHourYuan } = r.value;
    if (feeYuan === undefined || feePerHourYuan === undefined) continue;
    lines.push(T.COST_PER_HOUR({ occupation, level, hours, fee: feeYuan, feePerHour: feePerHourYuan, net: netYuan, netPerHour: netPerHourYuan }));
  }
  return lines;
}

/**
 * The facts of the topic asked in the older notices the question names by their year (a region's plan of
 * 2023 beside its notice of 2026), best covering the question first; none when no such notice is named,
 * or it has nothing on the topic (then the usual answer, which prefers the named notice in its ranking).
 */
function olderNamedFacts(u: Understanding, topic: Topic, ports: Ports): Fact[] {
  if (!CUES.namesNotice.test(u.text)) return [];
  // latestDocuments holds the newest notice of each region that has several.
  const latest = latestDocuments(ports);
  const withSeveral = new Set(ports.documents.filter((d) => latest.has(d.id)).map((d) => d.region));
  const all = documentsNamed(u.text, ports.documents);
  // Both of a region's notices named ("2023年方案和2026年通知 …一样吗"): a comparison, not the older one alone.
  if (all.some((d) => latest.has(d.id))) return [];
  const named = new Set(all.filter((d) => withSeveral.has(d.region)).map((d) => d.id));
  if (named.size === 0) return [];
  const asked = new Set([topic, ...u.alsoTopics]);
  const own = ports.facts.all().filter((f) => named.has(f.doc) && f.kind !== 'form-field' && f.topics.some((t) => asked.has(t)));
  const ranked = rankFacts(ports.facts, u.text, own);
  if (ranked.length === 0) return [];
  return distinctFacts(ranked.filter((x) => x.score >= ranked[0]!.score * 0.75).map((x) => x.fact)).slice(0, 3);
}

/**
 * "初级都学些啥": a level's course, whole. When a course rule of the level asked was found, the other
 * course rules of that level in the same notice (its format, theory, practice; online, offline) come
 * with it, in the notice's order; the level is read from each rule's own label.
 */
function levelCourse(best: Fact[], level: Level, ports: Ports, text: string, regions: readonly Region[]): Fact[] {
  const ofLevel = (f: Fact) => f.kind === 'rule' && f.topics.includes('course') && f.label.includes(level);
  // Retrieval may surface no course rule of the level ("中级线下那24学时学啥" is near the hours): the region's own.
  const latest = latestDocuments(ports);
  const own = ports.facts.ofKind('rule', (f) => regions.includes(f.region) && ofLevel(f));
  const hit = best.find(ofLevel) ?? own.find((f) => latest.has(f.doc)) ?? own[0];
  if (!hit) return best;
  let all = byDocumentOrder(ports.facts.ofKind('rule', (f) => f.doc === hit.doc && ofLevel(f)), ports);
  // A part named ("线下", "实训"): the rules on that part, by the part their label names ("中级课程：线下").
  const parts = all.filter((f) => {
    const part = f.kind === 'rule' ? f.label.split('：')[1] : undefined;
    return part !== undefined && part.length >= 2 && text.includes([...part].slice(0, 2).join(''));
  });
  if (parts.length) all = parts;
  return distinctFacts([...all, ...best.filter((f) => !ofLevel(f))]).slice(0, 4);
}

/**
 * A cost the question asks about that is not the training fee: a fee rule of another topic the question
 * names (考核费用 under exam), in the region asked about, whose notice hands its amount on (deferral markers).
 */
function otherItemCost(u: Understanding, s: Slotted, ports: Ports): Extract<Fact, { kind: 'rule' }> | undefined {
  const topics = new Set<Topic>([u.topic, ...u.alsoTopics].filter((t): t is Topic => t !== undefined && t !== 'fee' && t !== 'process'));
  if (!topics.size) return undefined;
  for (const region of s.region.regions) {
    const hit = ports.facts.ofKind('rule', (f) => f.region === region && f.topics.includes('fee') && f.topics.some((t) => topics.has(t)) && DEFERRAL_MARKERS.some((m) => f.statement.includes(m)))[0];
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Beside a net cost: the items the fee leaves out (its "excludes", once for all levels) and the region's
 * fee rules that leave a cost out of the fee ("考核费用个人自理（不含在培训费内）"); a question naming one
 * item the fee leaves out (教材) gets the list without those rules.
 */
function otherCosts(text: string, region: Region, fees: ReadonlyArray<{ factId: string }>, runner: ToolRunner, ports: Ports, withExcludes = true): string[] {
  const lines: string[] = [];
  const feeFacts = fees.map((f) => ports.facts.byId(f.factId)).filter((f): f is Extract<Fact, { kind: 'fee' }> => f?.kind === 'fee');
  const excludes = [...new Set(feeFacts.flatMap((f) => f.excludes))];
  // The fee line shown already says what it leaves out (the fee route); a net cost does not.
  if (withExcludes && excludes.length) lines.push(T.FEE_EXCLUDES(excludes.join('、')));
  // One item the fee leaves out named ("教材另外算吗"): the list answers it; other costs were not asked.
  if (excludedAsked(text, fees, ports)) return lines;
  const rules = ports.facts.ofKind('rule', (f) => f.region === region && f.topics.includes('fee') && CUES.exclusionClause.test(f.statement) && !runner.facts.includes(f));
  runner.facts.push(...rules);
  lines.push(...rules.map(renderFact));
  return lines;
}

/** The item of a fee's "not included" list the question names (教材费, 食宿, 交通费), by its words. */
function excludedAsked(text: string, fees: ReadonlyArray<{ factId: string }>, ports: Ports): string | undefined {
  for (const { factId } of fees) {
    const f = ports.facts.byId(factId);
    if (f?.kind !== 'fee') continue;
    for (const words of excludedWords(f)) {
      // By the word's first two characters: "教材费" is asked as "教材", "交通费" as "交通".
      const word = words.find((w) => [...w].length >= 2 && text.includes([...w].slice(0, 2).join('')));
      if (word) return word;
    }
  }
  return undefined;
}

/** The content words of each item of a fee's "not included" list, cut once per fact. */
const excludedWordsCache = new WeakMap<Fact, readonly string[][]>();
function excludedWords(f: Extract<Fact, { kind: 'fee' }>): readonly string[][] {
  let words = excludedWordsCache.get(f);
  if (!words) excludedWordsCache.set(f, (words = f.excludes.map((item) => contentWords(item))));
  return words;
}

/** Topics answered by computing tools; a rule matched by its asks does not replace them. */
const COMPUTED_TOPICS: ReadonlySet<Topic> = new Set<Topic>(['fee', 'subsidy', 'net-cost', 'hours', 'deadline', 'eligibility', 'contact', 'refund', 'form', 'title', 'certificate']);
/** A rule's nearest ask this similar to the question, and this far ahead of any other fact's, is the answer. */
export const ASK_DIRECT = 0.6;
const ASK_MARGIN = 0.15;

const NOT_HAN = /[^\p{Script=Han}]+/u;

/** The words that are no thing's name, per facts table and language data (rebuilt when either is replaced). */
let notNamesCache: { facts: Ports['facts']; cues: typeof TOPIC_CUES; programme: RegExp; said: string[] } | undefined;
function notNames(ports: Ports): { programme: RegExp; said: string[] } {
  if (notNamesCache?.facts !== ports.facts || notNamesCache.cues !== TOPIC_CUES || notNamesCache.programme.source !== PROGRAMME_WORDS.source) {
    const said = [
      ...TOPIC_CUES.flatMap((t) => t.cues.map(([cue]) => cue)),
      ...ports.facts.regions.flatMap((r) => [r.region, ...r.names]),
      ...ports.facts.ofKind('occupation').flatMap((f) => [f.name, ...f.aliases]),
    ].filter((w) => [...w].length >= 2);
    notNamesCache = { facts: ports.facts, cues: TOPIC_CUES, programme: new RegExp(PROGRAMME_WORDS.source, 'gu'), said: [...new Set(said)] };
  }
  return notNamesCache;
}
/** The shortest run of the question's characters that counts as naming a thing (信用报告, 学员手册). */
const NAMED_RUN = 4;

/**
 * The region's rules that hold the longest run (NAMED_RUN characters or more) of the question that is not the
 * programme's own words, a place or an occupation, when at most two rules hold it: the question names a
 * thing only they speak of. None otherwise.
 */
function namingRules(text: string, s: Slotted, ports: Ports): Fact[] {
  const rules = ports.facts.ofKind('rule', (f) => s.region.regions.includes(f.region));
  // A thing's name is what is left of the question without the words that say what is asked ("继续教育",
  // "证书": topic cues), the programme's own words, places and occupations.
  const { programme, said } = notNames(ports);
  let rest = text.replace(programme, ' ');
  for (const w of said) if (rest.includes(w)) rest = rest.split(w).join(' ');
  for (const part of rest.split(NOT_HAN)) {
    const chars = [...part];
    // Names are short: runs of up to 12 characters are tried, longest first.
    for (let n = Math.min(chars.length, 12); n >= NAMED_RUN; n--)
      for (let i = 0; i + n <= chars.length; i++) {
        const run = chars.slice(i, i + n).join('');
        const holding = rules.filter((f) => f.statement.includes(run));
        if (holding.length === 0) continue;
        return holding.length <= 2 ? holding : [];
      }
  }
  return [];
}

/** How much nearer another region's rule must be asked than any of the assumed region's facts to be shown beside them. */
const ELSEWHERE_MARGIN = 0.2;

/**
 * Rules of regions other than the assumed one whose own asks are the question in other words (at least
 * ASK_COVER), when the assumed region's nearest ask is ELSEWHERE_MARGIN further off; at most two.
 */
function askedElsewhere(u: Understanding, s: Slotted, ports: Ports): Fact[] {
  const matches = factsByAsks(u.text, ports.facts);
  const top = matches[0];
  if (!top || top.fact.kind !== 'rule' || s.region.regions.includes(top.fact.region) || top.similarity < ASK_COVER) return [];
  const home = matches.find((m) => s.region.regions.includes(m.fact.region))?.similarity ?? 0;
  if (top.similarity - home < ELSEWHERE_MARGIN) return [];
  return matches
    .filter((m) => m.fact.kind === 'rule' && !s.region.regions.includes(m.fact.region) && top.similarity - m.similarity <= ASK_MARGIN)
    .slice(0, 2)
    .map((m) => m.fact);
}

/** The rule (with its sibling steps) whose own asks are nearest the question, in the region asked about, when it stands out. */
function askedRule(u: Understanding, s: Slotted, ports: Ports): Fact[] | undefined {
  // The region the question is about (named, inferred in regionScopeFor, or assumed) decides whose rules may answer.
  const matches = factsByAsks(u.text, ports.facts).filter((m) => s.region.regions.includes(m.fact.region));
  const best = matches[0];
  if (!best || best.fact.kind !== 'rule' || best.similarity < ASK_DIRECT) return undefined;
  // Rules nearly as near answer with it ("文号 啥时候施行的": the number and the date); only rules, only a few.
  const near = matches.filter((m) => best.similarity - m.similarity <= ASK_MARGIN);
  // A typed fact of the topic asked (a fee for a fee question) is close too: its tool answers. One of another
  // topic ("多长时间" near the hours of a course, asked about certificates) is left out.
  if (near.some((m) => m.fact.kind !== 'rule' && (!u.topic || m.fact.topics.includes(u.topic)))) return undefined;
  const rules = near.filter((m) => m.fact.kind === 'rule').slice(0, 3).map((m) => m.fact);
  // The region's older notice answers in its words; its latest notice's rule on the same topic, asked for in
  // nearby words, comes first ("培训是网课还是面授": the 2026 notice's 线上线下混合式 before the 2023 plan's).
  const latest = documentsNamed(u.text, ports.documents).length ? new Set<string>() : latestDocuments(ports);
  const newer = !latest.has(best.fact.doc) && !s.region.explicit
    ? matches.find((m) => m.fact.kind === 'rule' && latest.has(m.fact.doc) && m.fact.region === best.fact.region && m.similarity >= ASK_MATCH && !rules.includes(m.fact) && m.fact.topics.some((t) => best.fact.topics.includes(t)))
    : undefined;
  return withSiblings(newer ? [newer.fact, ...rules] : rules, ports);
}

/** No topic recognised: the facts in the best passages, if the passages are good enough. */
export async function answerFromFacts(u: Understanding, session: Session, ports: Ports): Promise<Answer | undefined> {
  const s = slotsFor(u, session, ports);
  const best = await bestFacts(u, s, ports);
  if (best.length === 0) return undefined;
  const runner = new ToolRunner({ facts: ports.facts, now: ports.now() });
  runner.facts.push(...best);
  if (weakCover(u, best, ports)) return hedged(u, s, runner, ports, best, 'facts');
  return finish(s, runner, ports, groupByRegion(best), 'facts', true, { confidence: 0.7 });
}

/**
 * Below this share of the question's words covered by the chosen facts, the
 * facts are near the question but may not answer it (see rankFacts).
 */
export const MIN_COVER = 0.3;
/** A fact whose nearest ask is this similar to the question is a candidate answer (cosine, 0..1). */
export const ASK_MATCH = 0.3;
/** …and at this similarity it answers the question, whatever words of the notice the question lacks. */
export const ASK_COVER = 0.65;
/** …and at this one it stays a candidate whatever topic the question was routed to. */
const ASK_KEEP = 0.5;

/** The chosen facts cover too little of what was asked to be called the answer. */
function weakCover(u: Understanding, facts: Fact[], ports: Ports): boolean {
  // A fact one of whose asks is the question in other words answers it.
  if (factsByAsks(u.text, ports.facts).some((m) => m.similarity >= ASK_COVER && facts.includes(m.fact))) return false;
  const ranked = rankFacts(ports.facts, u.text, facts);
  if (ranked.length === 0) return true;
  // Words the facts do not hold ("事业编", "加分") keep the cover down, whatever bigrams happen to match.
  return Math.max(...ranked.map((r) => r.words ?? r.score)) < MIN_COVER;
}

/**
 * "The notices don't say this directly": the closest facts (never an amount,
 * which could be taken for the answer), and whom to call. Logged as a gap.
 */
function hedged(u: Understanding, s: Slotted, runner: ToolRunner, ports: Ports, facts: Fact[], route: Topic | OtherRoute): Answer {
  const shown = facts.filter((f) => !statesAmount(renderFact(f))).slice(0, 3);
  runner.facts.splice(0, runner.facts.length, ...shown);
  const lines = [shown.length ? T.NOT_DIRECTLY_STATED : T.UNKNOWN, ...groupByRegion(shown), T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region, u.place))];
  return finish(s, runner, ports, lines, `${route}-weak`, true, { confidence: 0.35 });
}

/** Weights of the fact ranking: passage relevance, coverage of the question's words, topic match. */
const COVERAGE_WEIGHT = 0.6;
const TOPIC_BONUS = 0.2;
/** Preference for the assumed region's facts when the question names none. */
const DEFAULT_REGION_BONUS = 0.15;
/** Weight of the similarity of a fact's nearest ask to the question. */
const ASK_WEIGHT = 1;
/** Preference for the facts of a notice the question names by its year ("2023年那个方案里…"). */
const NAMED_DOCUMENT_BONUS = 0.3;
/** …and, when it names none, for each region's latest notice over its older one (a tie-breaker). */
const LATEST_DOCUMENT_BONUS = 0.05;
/** A fact found by its own words (no passage) must cover this share of the question, and counts as a passage this good. */
const DIRECT_COVER = 0.6;
const DIRECT_PASSAGE_SCORE = 0.35;
/** Passages below these are not good enough to answer from (see answer-from-passages.ts). */
const MIN_PASSAGE = { score: 0.35, keyword: 2 };

/**
 * The facts that answer the question: retrieval finds the passages (the
 * named region's, or every region's), the facts whose quotes lie in them
 * are ranked by passage rank, coverage of the question and topic. At most
 * three, each close to the best.
 */
export async function bestFacts(u: Understanding, s: Pick<Slotted, 'region'>, ports: Ports, topic?: Topic, strict = false): Promise<Fact[]> {
  const passages = await ports.kb.search(u.text, { k: 4, regions: s.region.explicit || s.region.inferred ? s.region.regions : undefined });
  const good = passages.filter((p) => p.score >= MIN_PASSAGE.score && p.keywordScore >= MIN_PASSAGE.keyword);
  let found = factsInPassages(ports.facts, good).filter((x) => x.fact.kind !== 'contact' || topic === 'contact');
  // Facts found directly, beside retrieval: a fact whose own label, statement and quote cover most of the
  // question answers it even when no passage ranked it ("威海这个方案文号是多少" -> the 文号 fact).
  const scope = s.region.explicit || s.region.inferred ? s.region.regions : undefined;
  for (const d of rankFacts(ports.facts, u.text).slice(0, 8)) {
    if (d.score < DIRECT_COVER || found.some((x) => x.fact.id === d.fact.id)) continue;
    if (scope && !scope.includes(d.fact.region)) continue;
    if (d.fact.kind === 'form-field' || (d.fact.kind === 'contact' && topic !== 'contact')) continue;
    found.push({ fact: d.fact, rank: good.length, passageScore: DIRECT_PASSAGE_SCORE });
  }
  // Facts whose own asks are nearest the question: the residents' words for them ("几个人能开班" for 开班人数).
  const asked = factsByAsks(u.text, ports.facts);
  const askSimilarity = new Map(asked.map((m) => [m.fact.id, m.similarity]));
  for (const m of asked) {
    if (m.similarity < ASK_MATCH || found.some((x) => x.fact.id === m.fact.id)) continue;
    if (scope && !scope.includes(m.fact.region)) continue;
    if (m.fact.kind === 'form-field' || (m.fact.kind === 'contact' && topic !== 'contact')) continue;
    found.push({ fact: m.fact, rank: good.length, passageScore: m.similarity });
  }
  if (strict && topic) {
    // The topic decides the category (the question's own words), retrieval and coverage pick within it.
    // …except a fact whose own asks are near the question, whatever topic it is filed under.
    const onTopic = found.filter((x) => x.fact.topics.includes(topic) || (askSimilarity.get(x.fact.id) ?? 0) >= ASK_KEEP);
    if (onTopic.length === 0) return topicRules(u, s, ports, topic);
    // No region named, and only other regions' rules were found: the assumed region's own rules of the topic,
    // when it has any ("今年培训的学时明年还能用吗" is 枣庄's 当年度有效, not 威海's clause).
    // Only when they cover the question as well: another region's rule in the question's own words
    // ("两目录一系统", 浙江's) still answers, cited as that region's.
    if (!s.region.explicit && !onTopic.some((x) => s.region.regions.includes(x.fact.region))) {
      const home = topicRules(u, s, ports, topic).filter((f) => s.region.regions.includes(f.region));
      const cover = (facts: readonly Fact[]) => rankFacts(ports.facts, u.text, facts)[0]?.score ?? 0;
      if (home.length && cover(home) >= cover(onTopic.map((x) => x.fact))) return withSiblings(home, ports);
    }
    found = onTopic;
  }
  if (found.length === 0) return topic ? topicRules(u, s, ports, topic) : [];
  // No region named: the assumed region's facts when it has any (answers say which region they assume).
  if (!s.region.explicit) {
    const home = found.filter((x) => s.region.regions.includes(x.fact.region));
    if (home.length) found = home;
    // "这个培训是给谁的": who the training is for is not answered, with no region named, from a notice addressed
    // to institutions only (辽宁's), unless the question speaks as an institution. (How papers are submitted may be.)
    else if (topic === 'audience' && !INSTITUTION_VOICE?.test(u.text)) {
      const forInstitutions = new Set(ports.documents.filter((d) => d.audience === 'institutions').map((d) => d.id));
      const forResidents = found.filter((x) => !forInstitutions.has(x.fact.doc));
      if (forResidents.length) found = forResidents;
      // Only such a notice found: the assumed region's own rules of the topic, when it has any.
      else if (found.length && ports.facts.ofKind('rule', (f) => f.topics[0] === topic && s.region.regions.includes(f.region)).length) return topicRules(u, s, ports, topic);
    }
  }
  const coverage = new Map(rankFacts(ports.facts, u.text, found.map((f) => f.fact)).map((x) => [x.fact.id, x.score]));
  const named = new Set(documentsNamed(u.text, ports.documents).map((d) => d.id));
  const latest = named.size ? new Set<string>() : latestDocuments(ports);
  const ranked = found
    .map((x) => ({
      fact: x.fact,
      score:
        x.passageScore / (1 + 0.3 * x.rank) +
        COVERAGE_WEIGHT * (coverage.get(x.fact.id) ?? 0) +
        (topic && x.fact.topics.includes(topic) ? TOPIC_BONUS : 0) +
        ASK_WEIGHT * (askSimilarity.get(x.fact.id) ?? 0) +
        (!s.region.explicit && x.fact.region === s.region.region ? DEFAULT_REGION_BONUS : 0) +
        (named.has(x.fact.doc) ? NAMED_DOCUMENT_BONUS : latest.has(x.fact.doc) ? LATEST_DOCUMENT_BONUS : 0),
    }))
    .sort((a, b) => b.score - a.score);
  const top = ranked[0]!.score;
  const chosen = distinctFacts(ranked.filter((x) => x.score >= top * 0.75).map((x) => x.fact)).slice(0, 3);
  return withSiblings(chosen, ports);
}

/**
 * "等级考试谁组织": an institution of a region's older notice (the 2023 plan's evaluator for 大数据) gives way to
 * the one in the same role in the region's latest notice, unless the question names an occupation only the
 * older one serves.
 */
function currentInstitution(f: Fact, u: Understanding, ports: Ports, latest: ReadonlySet<string>): Fact {
  if (f.kind !== 'institution' || latest.size === 0 || latest.has(f.doc)) return f;
  if (u.occupation && f.occupations.includes(u.occupation)) return f;
  const current = ports.facts.ofKind('institution', (g) => g.region === f.region && g.role === f.role && latest.has(g.doc) && (!u.occupation || g.occupations.includes(u.occupation)));
  return current[0] ?? f;
}

/** Each region's latest notice (by its year), when the region has several; read only, kept per documents list. */
const latestByDocuments = new WeakMap<Ports['documents'], Set<string>>();
function latestDocuments(ports: Ports): Set<string> {
  let latest = latestByDocuments.get(ports.documents);
  if (!latest) latestByDocuments.set(ports.documents, (latest = latestDocumentsOf(ports)));
  return latest;
}

function latestDocumentsOf(ports: Ports): Set<string> {
  const out = new Set<string>();
  const byRegion = new Map<string, Array<{ id: string; year: number }>>();
  for (const d of ports.documents) {
    const year = documentYear(d);
    if (year === undefined) continue;
    byRegion.set(d.region, [...(byRegion.get(d.region) ?? []), { id: d.id, year }]);
  }
  for (const docs of byRegion.values()) {
    if (docs.length < 2) continue;
    const newest = Math.max(...docs.map((d) => d.year));
    for (const d of docs) if (d.year === newest) out.add(d.id);
  }
  return out;
}

/** "申报程序（一）" → "申报程序": facts whose labels share a stem are steps of one list. */
function labelStem(f: Fact): string | undefined {
  if (f.kind !== 'rule') return undefined;
  const stem = withoutListNumber(f.label);
  return stem.length >= 2 && stem !== f.label ? stem : undefined;
}

/** When the best fact is one step of a numbered list (申报程序（一）…（三）), give the whole list in order. */
function withSiblings(chosen: Fact[], ports: Ports): Fact[] {
  const first = chosen[0];
  const stem = first && labelStem(first);
  if (!first || !stem) return chosen;
  const siblings = ports.facts.ofKind('rule', (f) => f.doc === first.doc && labelStem(f) === stem);
  if (siblings.length < 2) return chosen;
  return distinctFacts([...siblings, ...chosen.slice(1)]).slice(0, 5);
}

/** The topic's rules in the region scope, best covering the question first (no passage found). */
function topicRules(u: Understanding, s: Pick<Slotted, 'region'>, ports: Ports, topic: Topic): Fact[] {
  // No region named: the assumed region's rules when it has any.
  const scope = s.region.explicit || ports.facts.ofKind('rule', (f) => f.topics.includes(topic) && s.region.regions.includes(f.region)).length
    ? s.region.regions
    : undefined;
  const own = ports.facts.ofKind('rule', (f) => f.topics.includes(topic) && (!scope || scope.includes(f.region)));
  const ranked = rankFacts(ports.facts, u.text, own);
  const picked = ranked.length ? ranked.filter((x) => x.score >= ranked[0]!.score * 0.75).map((x) => x.fact) : byDocumentOrder(own, ports);
  return distinctFacts(picked).slice(0, 3);
}

/**
 * Rules that answer a specific detail of the question (发票, 交给谁, 每年几次,
 * 在编人员) beyond what the tool said: the best facts of the retrieved
 * passages that are rules of the topic, or cover the question well. Cited
 * like the rest.
 */
async function related(u: Understanding, s: Pick<Slotted, 'region'>, runner: ToolRunner, ports: Ports, topic: Topic, max = 2): Promise<string[]> {
  // Only the region the answer is about (named or assumed): never another region's rule.
  const best = await bestFacts(u, { region: { ...s.region, explicit: true } }, ports, topic);
  const coverage = new Map(rankFacts(ports.facts, u.text, best).map((x) => [x.fact.id, x.score]));
  const extra = best
    .filter((f) => !runner.facts.includes(f) && f.kind === 'rule' && (f.topics.includes(topic) || (coverage.get(f.id) ?? 0) >= 0.4))
    .slice(0, max);
  runner.facts.push(...extra);
  return extra.map(renderFact);
}

/**
 * The region's occupation-scope rule naming the work the resident says they do ("做财务的" → "…IT、财务等
 *各类经营管理活动的人员"), when the occupation asked about (or the region's only one) has such a rule.
 */
function jobInScope(u: Understanding, s: Slotted, ports: Ports): Fact | undefined {
  const job = CUES.statesJob.exec(u.text)?.groups?.['job']?.toLowerCase();
  if (!job) return undefined;
  const words = [...new Set([job, ...([...job].length > 2 ? [[...job].slice(0, 2).join('')] : [])])];
  const occupations = ports.facts.ofKind('occupation', (o) => s.region.regions.includes(o.region)).flatMap((o) => [o.name, ...o.aliases]);
  return ports.facts
    .ofKind('rule', (f) => f.topics[0] === 'occupation' && s.region.regions.includes(f.region))
    .find((f) => {
      const text = f.statement.toLowerCase();
      return words.some((w) => text.includes(w) && !occupations.some((n) => n.toLowerCase().includes(w)));
    });
}

/** The lines of the facts a tool's items point to (by `factId`), in the items' order. */
/**
 * "初级补贴到底是1000还是1300": a figure the resident quotes that is another level's fee or subsidy in the
 * region answered is shown as that level's, so the mix-up is cleared, not left standing.
 */
function quotedOtherLevels(text: string, kind: 'fee' | 'subsidy', region: Region, shown: ReadonlyArray<{ factId: string; level: Level; occupation: string }>, runner: ToolRunner, ports: Ports): string[] {
  const amounts = amountsIn(text, NOT_AMOUNT_UNITS);
  if (amounts.length === 0 || shown.length === 0) return [];
  const levels = new Set(shown.map((x) => x.level));
  const occupations = new Set(shown.map((x) => x.occupation));
  const others = ports.facts
    .ofKind(kind, (f) => f.region === region && occupations.has(f.occupation) && !levels.has(f.level) && f.amountYuan !== undefined && amounts.includes(f.amountYuan))
    .filter((f) => !runner.facts.includes(f));
  runner.facts.push(...others);
  return others.map(renderFact);
}

/** The message names this amount of money ("补3300"; a number of hours or people names none). */
function quotesAmount(text: string, yuan: number): boolean {
  return amountsIn(text, NOT_AMOUNT_UNITS).includes(yuan);
}

function renderShown(runner: ToolRunner, items: ReadonlyArray<{ factId: string }>): string[] {
  return items.flatMap((item) => {
    const f = runner.facts.find((x) => x.id === item.factId);
    return f ? [renderFact(f)] : [];
  });
}

/** Drop facts a tool returned but the reply does not use, so they are not cited. */
function pruneFacts(runner: ToolRunner, ids: string[]): void {
  for (let i = runner.facts.length - 1; i >= 0; i--) if (ids.includes(runner.facts[i]!.id)) runner.facts.splice(i, 1);
}

/** Character bigrams of a line's Chinese and digits, for near-repeat detection. */
function gramSet(line: string): Set<string> {
  const t = line.replace(/[^\p{Script=Han}0-9]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

/**
 * What distinctFacts compares of a fact: its line's bigrams and the numbers, levels and titles the line
 * states, kept per fact with the pattern they were read with (the profile language's titles may change).
 */
const lineFeatures = new WeakMap<Fact, { differences: RegExp; grams: Set<string>; key: string }>();
function lineFeaturesOf(f: Fact, differences: RegExp): { grams: Set<string>; key: string } {
  let features = lineFeatures.get(f);
  if (!features || features.differences !== differences) {
    const line = renderFact(f);
    features = { differences, grams: gramSet(line), key: (line.match(differences) ?? []).join('|') };
    lineFeatures.set(f, features);
  }
  return features;
}

/** Facts without near-repeats (two notices often say the same thing in nearly the same words). */
function distinctFacts(facts: Fact[]): Fact[] {
  const out: Fact[] = [];
  const seen: Array<{ grams: Set<string>; key: string }> = [];
  const differences = statedDifferences(profileLanguage().titles.known);
  for (const f of facts) {
    // Lines that differ in a number, a level or a title say different things, however alike.
    const { grams, key } = lineFeaturesOf(f, differences);
    const repeat = seen.some((h) => {
      if (h.key !== key) return false;
      let common = 0;
      for (const x of grams) if (h.grams.has(x)) common++;
      return common / Math.min(grams.size, h.grams.size) >= 0.85;
    });
    if (repeat) continue;
    seen.push({ grams, key });
    out.push(f);
  }
  return out;
}

/** Most lines of facts in one reply (a phone screen). */
const MAX_LINES = 6;

/** Facts of the region's main (first listed) notice first, keeping each notice's order. */
function byDocumentOrder<F extends Fact>(facts: F[], ports: Ports): F[] {
  const rank = (f: Fact) => {
    const i = ports.documents.findIndex((d) => d.id === f.doc);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return facts.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
}


/** "初级和中级有什么区别": fees and hours of each level side by side. */

async function compareLevels(u: Understanding, s: Slotted, runner: ToolRunner, ports: Ports): Promise<Answer> {
  const region = s.region.region;
  const lines: string[] = [];
  for (const level of u.levels) {
    const fee = runner.run(feeLookup, { region, occupation: s.occupation, level });
    const hours = runner.run(hoursLookup, { region, occupation: s.occupation, level });
    for (const item of [...(fee.ok ? fee.value.fees.map((x) => x.factId) : []), ...(hours.ok ? hours.value.hours.map((x) => x.factId) : [])]) {
      const f = runner.facts.find((x) => x.id === item);
      if (f) lines.push(renderFact(f));
    }
  }
  if (lines.length === 0) return notStated(u, s, runner, ports, '各等级的差别', 'fee');
  lines.push(T.COMPARE_MORE);
  return finish(s, runner, ports, lines, 'compare');
}

async function hoursAnswer(
  u: Understanding,
  s: Slotted,
  runner: ToolRunner,
  ports: Ports,
  withOccupation: <V>(call: (occupation: string | undefined) => ToolResult<V>) => ToolResult<V>,
): Promise<Answer> {
  for (const region of fallbackRegions(s, ports)) {
    const r = withOccupation((occupation) => runner.run(hoursLookup, { region, occupation, level: s.level }));
    if (r.ok && r.value.hours.length) {
      const lines = regionLead(s, region);
      lines.push(...renderShown(runner, r.value.hours));
      lines.push(...(await related(u, s, runner, ports, 'hours')));
      return finish(s, runner, ports, lines, 'hours');
    }
  }
  return notStated(u, s, runner, ports, '学时要求', 'hours');
}

/**
 * Which contacts to show when no district was named: technical support for
 * system questions, the institution for school questions, else the offices
 * that take registrations and policy questions.
 */
/** Contacts the text names: a person or office by its name, or an office by its district (a place name of the facts' regions). */
function namedContacts(text: string, facts: Fact[], ports: Ports): Fact[] {
  const places = ports.facts.regions.flatMap((r) => r.names).filter((n) => text.includes(n));
  return facts.filter(
    (f) =>
      f.kind === 'contact' &&
      (text.includes(f.name) || personNames(f.name).some((n) => text.includes(n)) || (f.district !== undefined && places.some((p) => f.district!.startsWith(p)))),
  );
}

function pickContacts(u: Understanding, facts: Fact[]): Fact[] {
  const contacts = facts.filter((f): f is Extract<Fact, { kind: 'contact' }> => f.kind === 'contact');
  if (contacts.length <= 3) return facts;
  const wants = (re: RegExp) => contacts.filter((c) => c.purposes.some((p) => re.test(p)));
  const cues = answerCues().contacts;
  if (cues.technicalQuestion.test(u.text)) return wants(cues.technicalPurpose).length ? wants(cues.technicalPurpose) : contacts;
  const institutions = contacts.filter((c) => c.address || cues.institutionName.test(c.name));
  if (cues.institutionQuestion.test(u.text)) return institutions.length ? institutions : contacts;
  const offices = wants(cues.officePurpose);
  return offices.length ? offices : contacts;
}

/** Lines grouped under 【region】 headers when facts come from several regions. */
function groupByRegion(facts: Fact[], headed = false): string[] {
  const regions = [...new Set(facts.map((f) => f.region))];
  if (regions.length === 1 && !headed) return facts.map(renderFact);
  const lines: string[] = [];
  for (const r of regions) {
    lines.push(T.REGION_HEADER(r));
    for (const f of facts.filter((x) => x.region === r)) lines.push(renderFact(f));
  }
  return lines;
}

/** "【浙江】" when the answer comes from a region other than the one assumed. */
function regionLead(s: Slotted, region: Region): string[] {
  if (s.region.explicit && region === s.region.region) return [];
  if (!s.region.explicit && region === s.region.region) return [];
  return [T.REGION_FALLBACK_NOTE(s.region.region, region)];
}

/**
 * The notices don't state it: say so for the region and give the hotline
 * (a low-confidence answer, so staff see it among the gaps). Without a
 * named subject the engine tries the passages first.
 */
/** Routes whose "X" is an amount looked up by a typed tool over every fact of the region. */
const AMOUNT_ROUTES: ReadonlySet<string> = new Set(['fee', 'subsidy', 'net-cost']);

/**
 * "The notice does not state X" — said only after searching for X: first the
 * region's rules on the topic (shown, with the hotline for the rest), then
 * the region's passages for the question itself (any fact they hold answers
 * it, or, when it covers the question only weakly, is shown as the closest
 * clauses with the hotline, never as silence). Only when both find nothing
 * is silence claimed.
 */
async function notStated(u: Understanding, s: Slotted, runner: ToolRunner, ports: Ports, what: string, route: Topic): Promise<Answer> {
  if (!what) return { lines: [], tools: runner.calls, facts: [], passages: [], confidence: 0, route, answered: false };
  // The region may still state a rule on the topic (e.g. 威海's 培育对象 for eligibility).
  const topics: Topic[] = route === 'eligibility' ? ['eligibility', 'audience'] : TopicSchema.safeParse(route).success ? [route as Topic] : [];
  // Every rule of the topics (for eligibility: 报名条件 and 培育对象), the ones covering the question's own words first
  // ("用人单位的高技能人才能报吗" → the rule that names 高技能人才).
  const own = distinctFacts(
    topics.flatMap((topic) => {
      const r = runner.run(rulesByTopic, { region: s.region.region, topic });
      return r.ok ? r.facts.filter((f) => s.region.regions.includes(f.region)) : [];
    }),
  );
  if (own.length) {
    const cover = new Map(rankFacts(ports.facts, u.text, own).map((x) => [x.fact.id, x.words ?? x.score]));
    const ranked = [...own].sort((a, b) => (cover.get(b.id) ?? 0) - (cover.get(a.id) ?? 0));
    // What the region's notices do say on the topic, and whom to ask for the rest.
    const shown = ranked.slice(0, 4);
    const before = runner.facts.length;
    // An amount the fee/subsidy tools found none of is truly not stated ("金华的通知中没有写明培训费"); on any
    // other topic the region does speak to it, in its own terms, so no claim of silence — the hotline answers the rest.
    const lead = AMOUNT_ROUTES.has(route) ? T.NOT_STATED(what, s.region.region) : T.REGION_SAYS(s.region.region, what);
    // A retired resident asking whether they can take part, where the region's rule leaves retirees out: the verdict first.
    const retiredOut = route === 'eligibility' && u.profile.retired && shown.some(excludesRetired);
    // "我是自由职业者 能参加吗": a group the resident names that the rule shown lists (or leaves out) in so many words.
    const group = !retiredOut && route === 'eligibility' && CUES.canEnrol.test(u.text) ? namedGroupVerdict(u.text, shown, ports) : undefined;
    const verdict = retiredOut ? [T.ELIGIBILITY_EXCLUDED(T.RETIRED_PEOPLE)] : group ? [group] : [];
    const lines = [...verdict, lead, ...shown.map(renderFact), T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region))];
    const cited = [...shown, ...runner.facts.slice(before)];
    const src = sourceLine(sourcesOf(ports.documents, cited));
    if (src) lines.push(src);
    return { lines, tools: runner.calls, facts: cited, passages: [], sources: sourcesOf(ports.documents, cited), confidence: 0.5, route: `${route}-rules`, answered: true };
  }
  // Nothing on the topic: the region's passages for the question itself, before silence is claimed.
  const found = (await bestFacts(u, { region: { ...s.region, explicit: true } }, ports)).filter((f) => s.region.regions.includes(f.region) && f.kind !== 'form-field');
  if (found.length > 0) {
    runner.facts.splice(0, runner.facts.length, ...found);
    // An amount, a number of hours or a phone the tools found none of stays unstated, whatever else the region's clauses near the question say.
    if (AMOUNT_ROUTES.has(route) || route === 'hours' || route === 'contact') {
      // For a phone, only clauses on what else the question names ("申请补贴的电话": the subsidy's conditions);
      // the rest is noise ("金华电话多少" is not about 区块链).
      const near = route === 'contact' ? found.filter((f) => f.topics.some((t) => u.alsoTopics.includes(t))) : found;
      const shown = near.filter((f) => !statesAmount(renderFact(f))).slice(0, 2);
      runner.facts.splice(0, runner.facts.length, ...shown);
      if (shown.length) {
        const lines = [T.NOT_STATED(what, s.region.region), ...shown.map(renderFact), T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region))];
        return finish(s, runner, ports, lines, `${route}-not-stated`, true, { confidence: 0.4 });
      }
    } else {
      // The region has no rule on the topic, and none of the clauses near the question is on it either
      // ("浙江培训退费怎么规定的" finds the subsidy rule): they are the closest clauses, not the answer.
      if (weakCover(u, found, ports) || !found.some((f) => f.topics.includes(route))) return hedged(u, s, runner, ports, found, route);
      return finish(s, runner, ports, groupByRegion(found), `${route}-found`, true, { confidence: 0.6 });
    }
  }
  const before = runner.facts.length;
  const lines = [T.NOT_STATED(what, s.region.region), T.UNKNOWN_HOTLINE(hotline(runner, ports, s.region.region))];
  const cited = runner.facts.slice(before);
  // The notices searched are the claim's source, beside any contact fact the hotline came from.
  const sources = [...searchedSources(ports.documents, s.region.regions), ...sourcesOf(ports.documents, cited)];
  const src = sourceLine(sources);
  if (src) lines.push(src);
  return { lines, tools: runner.calls, facts: cited, passages: [], sources, confidence: 0.3, route: `${route}-not-stated`, answered: true };
}
