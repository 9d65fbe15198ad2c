/**
 * Questions about several regions at once ("威海和浙江补贴分别多少",
 * "枣庄初级补贴跟浙江区块链初级比 哪个多 差多少"): the topic answered for
 * each region named, each under its own header with its own source, and,
 * when a comparison is asked and each region states exactly one quantity of
 * the same kind, the difference from the compare-quantities tool (never
 * computed here).
 */
import type { Fact, Level, Region, Topic } from '../../../knowledge/facts/schema.js';
import { containsAny, defaultConversationLanguage, type ConversationLanguage } from '../../../knowledge/language/schema.js';
import * as T from '../../../prompts/answers.js';
import { compareQuantities, quantityOf } from '../../../tools/compare-quantities.js';
import type { z } from 'zod';
import { netCost, type NetCostInput } from '../../../tools/net-cost.js';
import { totalCost } from '../../../tools/total-cost.js';
import { feeLookup } from '../../../tools/fee-lookup.js';
import { subsidyLookup } from '../../../tools/subsidy-lookup.js';
import type { Ports, Session } from '../types.js';
import type { Understanding } from '../understand/understand.js';
import { answerTopic, ToolRunner, type Answer } from './answer-topic.js';
import { CUES } from '../understand/lexicon.js';
import { sourcesOf } from './sources.js';

/** Topics a question can ask of several regions side by side. */
const PER_REGION_TOPICS: ReadonlySet<Topic> = new Set([
  'fee',
  'subsidy',
  'net-cost',
  'hours',
  'deadline',
  'title',
  'contact',
  'eligibility',
  'institution',
  'occupation',
  'talent-card',
  'audience',
  'certificate',
  'continuing-education',
  'refund',
  'process',
  'materials',
  'exam',
]);

/** Fact kinds whose quantity answers a topic's comparison. */
const QUANTITY_KIND: Partial<Record<Topic, Fact['kind']>> = { fee: 'fee', subsidy: 'subsidy', hours: 'hours' };

/**
 * The regions a message asks about side by side: two or more covered regions
 * with a joiner between the first and the last mention (和/跟/比/分别 …), or
 * none (then the usual one-region answer applies).
 */
export function regionsAskedTogether(u: Understanding, ports: Ports, language: ConversationLanguage = defaultConversationLanguage()): Region[] {
  if (u.regions.length < 2 || !u.topic || !PER_REGION_TOPICS.has(u.topic)) return [];
  // Regions of one notice (金华 and 浙江) are one answer, not two.
  const distinct = u.regions.filter((r, i) => !u.regions.slice(0, i).some((q) => ports.facts.applicableRegions(q).includes(r) || ports.facts.applicableRegions(r).includes(q)));
  if (distinct.length < 2) return [];
  const names = ports.facts.regions.filter((r) => distinct.includes(r.region)).flatMap((r) => r.names);
  const positions = names.map((n) => u.text.indexOf(n)).filter((i) => i >= 0);
  const between = u.text.slice(Math.min(...positions), Math.max(...positions));
  return containsAny(between, language.multiRegion.joiners) || containsAny(u.text, language.multiRegion.compare) ? distinct : [];
}

/** The occupation named, for the regions that list it; the others answer for their own. */
function occupationFor(u: Understanding, region: Region, ports: Ports): string | undefined {
  const lists = (o: string) => ports.facts.offersOccupation(region, o);
  // "浙江智能制造初级…比枣庄数字化管理师初级…": each region its own occupation, the one named after it.
  const named = (u.occupations.length ? u.occupations : u.occupation ? [u.occupation] : []).filter(lists);
  if (named.length <= 1) return named[0];
  const at = Math.max(...(ports.facts.regions.find((r) => r.region === region)?.names ?? [region]).map((n) => u.text.indexOf(n)));
  const mention = (o: string) => {
    const words = [o, ...(ports.facts.ofKind('occupation', (f) => f.name === o)[0]?.aliases ?? [])];
    const after = words.map((w) => u.text.indexOf(w, Math.max(at, 0))).filter((i) => i >= 0);
    return after.length ? Math.min(...after) : Number.MAX_SAFE_INTEGER;
  };
  return [...named].sort((a, b) => mention(a) - mention(b))[0];
}

/**
 * Levels asked about side by side: a comparison ("中级比初级多多少学时") or each of several
 * ("她报初级我报中级 扣掉补贴以后各自要出多少"), for the topics with a quantity per level.
 */
export function levelsCompared(u: Understanding): Level[] {
  if (!u.topic || !(u.topic in QUANTITY_KIND || u.topic === 'net-cost') || u.levels.length < 2) return [];
  // "有什么区别" is answered on everything that differs (answer-topic's compareLevels), not one quantity.
  if (CUES.levelDifference.test(u.text)) return [];
  // A sum ("初中高三个等级都考 补贴加起来多少") or a list ("三个等级补贴各多少") may be of every level; a comparison is of two.
  const compared = containsAny(u.text, defaultConversationLanguage().multiRegion.compare);
  return u.levels.slice(0, CUES.total.test(u.text) || !compared ? 3 : 2);
}

/**
 * Occupations asked about side by side ("浙江大数据和智能制造初级补贴 哪个多"): two occupations named,
 * for a topic with a quantity per occupation.
 */
export function occupationsCompared(u: Understanding): string[] {
  if (!u.topic || !(u.topic in QUANTITY_KIND || u.topic === 'net-cost') || u.occupations.length < 2) return [];
  return u.occupations.slice(0, 2);
}

/** Each occupation's quantity and, when a comparison is asked, the difference from the compare-quantities tool. */
export async function answerAcrossOccupations(u: Understanding, occupations: readonly string[], session: Session, ports: Ports): Promise<Answer> {
  const parts: Array<{ header: string; answer: Answer }> = [];
  for (const occupation of occupations) {
    const own: Understanding = { ...u, occupation, occupations: [occupation] };
    parts.push({ header: T.OCCUPATION_HEADER(occupation), answer: await answerTopic(own, { ...session, slots: { ...session.slots, occupation } }, ports) });
  }
  const compared = containsAny(u.text, defaultConversationLanguage().multiRegion.compare);
  const answer = sideBySide(u, parts, ports, (p, f) => compared && 'occupation' in f && f.occupation === occupations[parts.indexOf(p)] && (!u.level || ('level' in f && f.level === u.level)));
  return { ...answer, route: `side-by-side:${parts.map((p) => p.answer.route).join('+')}` };
}

/** Each level's quantity (fee, subsidy or hours) and the difference from the compare-quantities tool. */
export async function answerAcrossLevels(u: Understanding, levels: readonly Level[], session: Session, ports: Ports): Promise<Answer> {
  const parts: Array<{ header: string; answer: Answer }> = [];
  for (const level of levels) {
    const own: Understanding = { ...u, level, levels: [level] };
    parts.push({ header: T.LEVEL_HEADER(level), answer: await answerTopic(own, session, ports) });
  }
  // A difference only when one is asked for ("比", "差多少", "哪个多").
  const compared = containsAny(u.text, defaultConversationLanguage().multiRegion.compare);
  const answer = sideBySide(u, parts, ports, (p, f) => compared && 'level' in f && f.level === levels[parts.indexOf(p)]);
  const summed = (u.topic === 'net-cost' || u.topic === 'fee' || u.topic === 'subsidy') && CUES.total.test(u.text);
  const netCompared = u.topic === 'net-cost' && compared;
  return summed || netCompared ? withTotal(answer, parts, ports, u.headcount ?? session.slots.headcount ?? 1, u.topic!, summed, netCompared, u.text) : answer;
}

/** The region, occupation and level of each amount a part's tools returned (net cost, fee or subsidy), one per part. */
function partItems(parts: ReadonlyArray<{ answer: Answer }>): Array<z.input<typeof NetCostInput>> {
  return parts.flatMap((p) =>
    p.answer.tools
      .filter((t) => [netCost.name, feeLookup.name, subsidyLookup.name].includes(t.name) && !(t.output as { error?: unknown } | undefined)?.error)
      .flatMap((t) => {
        if (t.name === netCost.name) return [t.input as z.input<typeof NetCostInput>];
        const out = t.output as { fees?: Array<{ occupation: string; level: Level }>; subsidies?: Array<{ occupation: string; level: Level }> } | undefined;
        const region = (t.input as { region: Region }).region;
        return (out?.fees ?? out?.subsidies ?? []).map((f) => ({ region, occupation: f.occupation, level: f.level }));
      })
      .filter((item, i, all) => all.findIndex((x) => x.level === item.level && x.occupation === item.occupation && x.region === item.region) === i)
      .slice(0, 1),
  );
}

/**
 * "俺初级中级都想报 一共多少 补完自己出多少", "大数据初级中级 总共能补多少", "中级比初级自己多掏多少":
 * the parts' sums (fees and net costs, or subsidies) and the difference of two net costs, from the total-cost tool.
 */
function withTotal(answer: Answer, parts: ReadonlyArray<{ answer: Answer }>, ports: Ports, count: number, topic: Topic, summed: boolean, netCompared: boolean, text: string): Answer {
  const items = partItems(parts);
  if (items.length < 2) return answer;
  const runner = new ToolRunner({ facts: ports.facts, now: ports.now() });
  const r = runner.run(totalCost, { items: items.map((i) => ({ ...i, count })) });
  if (!r.ok) return answer;
  const v = r.value;
  const lines: string[] = [];
  if (summed && topic === 'subsidy' && v.totalSubsidyYuan !== undefined) lines.push(T.SUBSIDY_TOTAL(v.items.length, count, v.totalSubsidyYuan));
  // "初级中级都报 总共学费多少 补贴一共多少": the subsidies' sum, and the fees' too when the fee is asked beside it.
  if (summed && (topic !== 'subsidy' || CUES.namesTrainingFee.test(text)) && v.totalFeeYuan !== undefined)
    lines.push(count > 1 ? T.HEADCOUNT_LEVELS_TOTAL(count, v.items.length, v.totalFeeYuan, v.totalNetYuan) : T.NET_COST_TOTAL(v.items.length, v.totalFeeYuan, v.totalNetYuan));
  if (netCompared && v.netDifferenceYuan !== undefined) {
    const [a, b] = v.items;
    const diff = v.netDifferenceYuan;
    lines.push(diff === 0 ? T.NET_COST_SAME(a!.level, b!.level, a!.netYuan!) : diff > 0 ? T.NET_COST_DIFFERENCE(b!.level, a!.level, diff) : T.NET_COST_DIFFERENCE(a!.level, b!.level, -diff));
  }
  if (lines.length === 0) return answer;
  // After every part: the sum is of all of them.
  return { ...answer, lines: [...answer.lines, ...lines], tools: [...answer.tools, ...runner.calls] };
}

/**
 * The parts under their headers, and — when exactly one quantity of the
 * topic's kind answers each of two parts — the difference from the tool.
 */
function sideBySide(
  u: Understanding,
  parts: ReadonlyArray<{ header: string; answer: Answer }>,
  ports: Ports,
  belongs: (part: { header: string; answer: Answer }, fact: Fact) => boolean,
): Answer {
  const lines: string[] = [];
  const said = new Set<string>();
  for (const p of parts) {
    lines.push(p.header);
    // A line the previous part already said (the assumed-region note, a shared rule) is said once.
    for (const line of p.answer.lines) if (!said.has(line)) (said.add(line), lines.push(line));
  }
  const tools = parts.flatMap((p) => p.answer.tools);
  const facts = parts.flatMap((p) => p.answer.facts);
  const kind = u.topic ? QUANTITY_KIND[u.topic] : undefined;
  if (kind && parts.length === 2) {
    const quantities = parts.map((p) => p.answer.facts.filter((f) => f.kind === kind && quantityOf(f) !== undefined && belongs(p, f)));
    if (quantities.every((q) => q.length === 1)) {
      const runner = new ToolRunner({ facts: ports.facts, now: ports.now() });
      const r = runner.run(compareQuantities, { factIds: [quantities[0]![0]!.id, quantities[1]![0]!.id] });
      if (r.ok) {
        const v = r.value;
        const name = (q: typeof v.first) => T.QUANTITY_NAME(q.region, q.occupation, q.level);
        lines.push(
          v.larger === 'equal'
            ? T.COMPARE_EQUAL(name(v.first), name(v.second), v.first.value, v.first.unit)
            : T.COMPARE_DIFFERENCE(name(v.larger === 'first' ? v.first : v.second), name(v.larger === 'first' ? v.second : v.first), v.difference, v.first.unit),
        );
        tools.push(...runner.calls);
      }
    }
  }
  return {
    lines,
    tools,
    facts,
    passages: parts.flatMap((p) => p.answer.passages),
    sources: sourcesOf(ports.documents, facts),
    confidence: Math.min(...parts.map((p) => p.answer.confidence)),
    route: `side-by-side:${parts.map((p) => p.answer.route).join('+')}`,
    answered: parts.some((p) => p.answer.answered),
  };
}

export async function answerAcrossRegions(u: Understanding, regions: readonly Region[], session: Session, ports: Ports, language = defaultConversationLanguage()): Promise<Answer> {
  const parts: Array<{ header: string; answer: Answer; region: Region }> = [];
  for (const region of regions) {
    const own: Understanding = { ...u, region, regions: [region], occupation: occupationFor(u, region, ports), place: undefined };
    parts.push({ header: T.REGION_HEADER(region), region, answer: await answerTopic(own, { ...session, slots: { ...session.slots, region } }, ports) });
  }
  // A difference only when one is asked for ("比", "差多少", "哪个多").
  const compared = containsAny(u.text, language.multiRegion.compare);
  const answer = sideBySide(u, parts, ports, (_p, f) => compared && (!u.level || ('level' in f && f.level === u.level)));
  return { ...answer, route: `regions:${parts.map((p) => p.answer.route).join('+')}` };
}
