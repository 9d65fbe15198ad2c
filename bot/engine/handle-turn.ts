/**
 * One turn: understand -> (form | intent | tools | retrieval) -> reply.
 * Plain data in, plain data out; the clock, facts, knowledge base and the
 * optional LLM come in through `ports`. Exact facts only ever come from the
 * tools; anything the notices don't cover gets "I don't know" and a hotline.
 */
import * as T from '../../prompts/answers.js';
import type { Effect, InboundMessage, Ports, Session, Slots, SourceRef, ToolCall, TurnResult } from './types.js';
import { LevelSchema, type Region } from '../../knowledge/facts/schema.js';
import { PLAIN_CUE, findOccupation, understand, type Understanding } from './understand/understand.js';
import { answerDocumentMeta } from './answer/document-meta.js';
import { ASK_COVER, ToolRunner, answerFromFacts, answerTopic, bestFacts, coveredRegionNames, hotline, regionScopeFor, type Answer } from './answer/answer-topic.js';
import { factsByAsks } from './understand/nearest.js';
import type { Route } from './answer/answer-types.js';
import { CUES, DETAIL_CUES, FOREIGN_SUBJECTS, INSTITUTION_VOICE, LEVEL_CUES, SUBSIDY_ELIGIBILITY, type DetailCue } from './understand/lexicon.js';
import { contactLine, personNames, renderFact } from './answer/render-fact.js';
import { sourcesOf } from './answer/sources.js';
import { answerFromPassages, unknownAnswer } from './answer/answer-from-passages.js';
import { formLevel, offerForm, resumeFormPrompt, routeForm } from './route-form.js';
import { readFormSpec } from '../registration/form-spec.js';
import { answerAcrossLevels, answerAcrossOccupations, answerAcrossRegions, levelsCompared, occupationsCompared, regionsAskedTogether } from './answer/across-regions.js';
import { answerToAsked, mergeProfiles, storedProfile } from './understand/profile-state.js';
import { containsAny, defaultConversationLanguage } from '../../knowledge/language/schema.js';
import { hasProfile } from './understand/extract-profile.js';
import { searchedSources, sourceLine } from './answer/sources.js';
import { answerCues } from './answer/answer-cues.js';
import { statesAmount } from '../chinese-quantities.js';
import { beijingDate } from '../../tools/beijing-date.js';
import { maskPersonalData } from '../mask.js';
import { answerFromTaught, withTaughtHit } from './answer/taught-answer.js';

/** Answers below this confidence are logged as gaps for the staff console. */
export const GAP_CONFIDENCE = 0.5;

export async function handleTurn(input: { message: InboundMessage; session: Session }, ports: Ports): Promise<TurnResult> {
  const { message } = input;
  const session: Session = structuredClone(input.session);
  const text = message.text.trim();

  if (!text) {
    return reply(session, [T.HELP_EXAMPLES], { route: 'empty', confidence: 1 });
  }

  const read = replayed(understand(text, ports.facts, session.slots, todayOf(ports)), session, ports);
  // "我想报初级 政府补多少钱": a wish to register with a plain policy question in it. The question is answered
  // and the form offered, rather than the form started over the question.
  const asksToo = read.intent === 'register' && !session.form && read.topic !== undefined && read.topicScore >= PLAIN_CUE && CUES.questionMarks.test(read.text);
  const u: Understanding = asksToo ? { ...read, intent: undefined } : read;

  // The registration form owns the conversation while it is open.
  const form = routeForm(text, session, message, ports, u.intent, undefined, u.topic, u.topicScore >= PLAIN_CUE);
  if (form) return form;
  // A question asked inside the form is about the form's region (枣庄's form, whatever was asked before it).
  if (session.form && !u.region) {
    const formRegion = readFormSpec(ports.facts)?.region;
    if (formRegion) u.region = formRegion;
  }
  // ... and about the level the form holds ("帮我报个中级", then "我是助理工程师 拿证一年半 够不够"), unless it names one.
  if (session.form && !u.level && u.levels.length === 0) {
    const level = LevelSchema.safeParse(formLevel(session));
    if (level.success) u.level = level.data;
  }
  const result = await answer(u, text, session, ports);
  const resume = resumeFormPrompt(result.session, ports);
  if (resume) {
    // Inside the form, the hint on how to start it is no use: it is open, and its question follows.
    result.replies = result.replies.map((r) => r.split(`\n${T.FORM_START_HINT}`).join(''));
    result.replies.push(resume);
  }
  else {
    const offer = offerForm(text, result.session, message, undefined, asksToo);
    if (offer) result.replies.push(offer);
  }
  return result;
}

/** The longest question asked again for a follow-up: longer ones are stories, not asks. */
const REPLAY_MAX = 40;
/** What a replayed follow-up may say beside the changed names and its follow-up words ("的", "那"). */
const REPLAY_REST = 2;

/**
 * "那浙江呢" after "威海补贴同一等级一年能领几次": a follow-up that only names another region, level or
 * occupation asks the last question again with that one changed. Read as that question (its words say what
 * is asked); otherwise, or when the last question named several of what changes, the follow-up as it is.
 */
function replayed(u: Understanding, session: Session, ports: Ports): Understanding {
  const last = session.slots.lastAsk;
  if (!u.followUp || !last || !u.topic || u.topic !== session.slots.topic || u.topic === 'eligibility' || session.form) return u;
  // A district named ("我是高新区的") is a detail of its own; a notice named by its year ("2023那个方案") is that notice's.
  if ((u.place && u.place !== u.region) || CUES.namesNotice.test(last)) return u;
  const swaps: Array<[readonly string[], string | undefined]> = [
    [ports.facts.regions.flatMap((r) => [r.region, ...r.names]), u.region],
    [LevelSchema.options, u.level],
    [ports.facts.ofKind('occupation').flatMap((f) => [f.name, ...f.aliases]), u.occupation],
  ];
  // Only the changed names and the words of a follow-up ("那…呢"): "中级多了啥" asks something of its own.
  let rest = u.text;
  for (const [names] of swaps) for (const n of names) if ([...n].length >= 2) rest = rest.split(n).join('');
  if ([...rest.replace(CUES.followUpOpening, '').replace(CUES.followUpEnding, '')].length > REPLAY_REST) return u;
  let text = last;
  let changed = false;
  for (const [names, now] of swaps) {
    if (!now) continue;
    const said = [...new Set(names.filter((n) => [...n].length >= 2 && text.includes(n)))].sort((a, b) => b.length - a.length);
    // The longest name said and the names inside it are one mention ("浙江省"/"浙江"); two mentions, no replay.
    const main = said[0];
    if (main && said.some((n) => !main.includes(n))) return u;
    text = main ? text.split(main).join(now) : `${now}${text}`;
    changed = true;
  }
  // "那枣庄的初级呢" after "浙江大数据初级要学多少学时": the occupation the new region does not offer is left out.
  const kept = u.region && !u.occupation ? findOccupation(text, ports.facts) : undefined;
  if (kept && !ports.facts.offersOccupation(u.region!, kept)) {
    const names = [kept, ...(ports.facts.ofKind('occupation', (f) => f.name === kept)[0]?.aliases ?? [])];
    for (const n of names.filter(Boolean).sort((a, b) => b.length - a.length)) text = text.split(n).join('');
  }
  if (!changed || text === last) return u;
  const again = understand(text, ports.facts, { ...session.slots, lastAsk: undefined }, todayOf(ports));
  return again.topic === u.topic ? again : u;
}

/** The answer to a message that is not for the form. */
async function answer(understood: Understanding, text: string, session: Session, ports: Ports): Promise<TurnResult> {
  let u = understood;
  if (u.privacyProbe) {
    // Refused, and whom to ask when the need is genuine (the office that handles registrations), cited.
    const runner = new ToolRunner({ facts: ports.facts, now: ports.now() });
    const region = regionScopeFor(u, session, ports).region;
    // "刘超群家住哪": a contact person a notice names has only the office details the notice publishes.
    const named = ports.facts.ofKind('contact', (f) => personNames(f.name).some((n) => u.text.includes(n)));
    runner.facts.push(...named);
    const lines = named.length
      ? [T.PRIVACY_PUBLIC_CONTACT, ...named.map(contactLine)]
      : [T.PRIVACY_REFUSAL, T.PRIVACY_OFFICE(hotline(runner, ports, region, u.place))];
    const sources = sourcesOf(ports.documents, runner.facts);
    const src = sourceLine(sources);
    if (src) lines.push(src);
    return reply(session, lines, { route: 'privacy', confidence: 1, tools: runner.calls, sources });
  }
  if (u.intent === 'greeting' || u.intent === 'help') {
    return reply(session, [T.GREETING(ports.botName), T.HELP_EXAMPLES], { route: u.intent, confidence: 1 });
  }
  if (u.intent === 'thanks') return reply(session, [T.THANKS], { route: 'thanks', confidence: 1 });
  if (u.intent === 'bye') return reply(session, [T.BYE], { route: 'bye', confidence: 1 });

  // A pending eligibility question: this message may be the missing detail.
  // It is, when it answers the slot the bot asked for ("没有职称" to the title question is not a new question
  // about titles), or says more about the resident without asking something else.
  if (session.pending?.kind === 'eligibility' && !u.intent) {
    const pending = session.pending;
    const asked = answerToAsked(pending.asked, text);
    // "没有职称" / "有初级证" said in reply (not asked as a question) is more of the story, whatever topic its words cue.
    const moreStory = hasProfile(u.profile) && !containsAny(text, defaultConversationLanguage().questionMarkers);
    if (asked || moreStory || !u.topic || u.topic === 'eligibility') {
      const before = pending.profile ?? storedProfile({ profileText: pending.profileText }, todayOf(ports));
      const profile = mergeProfiles(mergeProfiles(before, u.profile), asked ?? {});
      // The level judged is the level asked about; "有初级证" names a certificate, not a new level to judge.
      const newLevel = u.level && !(u.profile.levelCertificates ?? []).includes(u.level) ? u.level : undefined;
      const level = newLevel ?? pending.level;
      const again: Understanding = { ...u, topic: 'eligibility', profile, level, levels: level ? [level] : u.levels };
      delete session.pending;
      session.profile = profile;
      delete session.profileText;
      return finish(session, again, await answerTopic(again, session, ports), text);
    }
  }
  delete session.pending;

  // What staff taught for a question the notices did not answer comes first: it is the staff's answer to it.
  const taught = answerFromTaught(u.text, session, ports);
  if (taught) return withTaughtHit(finish(session, u, taught.answer, text), taught.id);
  // A detail the notices do not state ("证书有几年有效期", "拿了证工资能涨多少"): said so, after searching for it.
  const unstated = !u.intent ? await unstatedDetail(u, session, ports) : undefined;
  // "等级考核考哪几部分", no region named: the assumed region's notices are silent on it, others state it.
  const elsewhere = !u.intent && !unstated ? await detailStatedElsewhere(u, session, ports) : undefined;
  if (elsewhere) return finish(session, u, elsewhere, text);
  if (unstated) {
    const said = await answerUnstatedDetail(u, unstated, session, ports);
    // "学费多少 能分期交不": another clause asks what the notices do state; it is answered first.
    const other = u.outOfScope ? undefined : askedBeside(u, unstated.detail, ports, session);
    if (!other) return finish(session, u, said, text);
    const first = await answerTopic(other, session, ports);
    if (!first.answered) return finish(session, u, said, text);
    return finish(session, u, joinAnswers([first, said]), text);
  }
  if (u.outOfScope && !u.intent) {
    // "Out of scope" is a claim too: said only when the notices' own text does not answer it well
    // ("脱产培训期间工资照发吗" names 工资, and a notice answers it).
    const found = await answerFromFacts(u, session, ports);
    const subject = FOREIGN_SUBJECTS.exec(u.text)?.[0];
    const onSubject = Boolean(subject) && (found?.facts ?? []).some((f) => renderFact(f).includes(subject!) || f.quote.includes(subject!));
    // "以考代评的系列 比如会计 …能直接认定吗": a term of the notices' own in so many words (four characters or
    // more of the message, in a clause found) makes it the programme's question, whatever example it names.
    // The foreign subject itself is not such a term ("养老保险" is in a clause too).
    const rest = subject ? u.text.split(subject).join(' ') : u.text;
    const ownTerm = (found?.facts ?? []).some((f) => sharesRun(rest, f.quote, OWN_TERM_LENGTH));
    if (found?.answered && (onSubject || ownTerm)) return finish(session, u, found, text);
    return finish(session, u, unknownAnswer(u, regionScopeFor(u, session, ports).region, ports, 'out-of-scope'), text);
  }
  if (u.otherPlace && !u.region) {
    const lines = [T.NOT_COVERED_PLACE(u.otherPlace, coveredRegionNames(ports))];
    return finish(session, u, { lines, tools: [], facts: [], passages: [], confidence: 1, route: 'not-covered', answered: true }, text);
  }

  // "那我能报中级吗" after telling the bot about oneself: judge on what was said before (typed, never re-read
  // as text), at the level asked now.
  const known = storedProfile(session, todayOf(ports));
  // "现在能报中级吗" after the resident told the bot about themselves: both whether they qualify for that
  // level (on what they said) and whether sign-up is still open.
  if (known && u.topic === 'deadline' && u.level && CUES.canEnrol.test(u.text) && !hasProfile(u.profile)) {
    const judged: Understanding = { ...u, topic: 'eligibility', profile: known };
    return finish(session, u, await answerParts([judged, u], session, ports), text);
  }
  if (u.topic === 'eligibility' && known) u = { ...u, profile: mergeProfiles(known, u.profile) };
  if (hasProfile(u.profile)) {
    session.profile = mergeProfiles(known, u.profile);
    delete session.profileText;
  }

  // A bare level ("中级"): what that level costs, the subsidy and the hours.
  if (!u.topic && !u.intent && u.level && u.text.replace(answerCues().levelParticles, '').length <= 3 && !session.slots.topic) {
    const overview = (['fee', 'subsidy', 'hours'] as const).map((topic) => ({ ...u, topic }));
    return finish(session, u, await answerParts(overview, session, ports), text);
  }

  // "枣庄2026年这个通知是哪天发的 文号多少": the notice's own metadata, or that the notice states none.
  const meta = answerDocumentMeta(u, session, ports);
  if (meta) return finish(session, u, meta, text);

  // "威海和浙江补贴分别多少", "枣庄比威海多多少": every region named, each with its source.
  const together = regionsAskedTogether(u, ports);
  if (together.length >= 2) return finish(session, u, await answerAcrossRegions(u, together, session, ports), text);
  // "中级比初级多多少学时": each level, and the difference from the comparison tool.
  const levels = levelsCompared(u);
  if (levels.length >= 2) return finish(session, u, await answerAcrossLevels(u, levels, session, ports), text);
  // "浙江大数据和智能制造初级补贴 哪个多": each occupation, and the difference from the comparison tool.
  const occupations = occupationsCompared(u);
  if (occupations.length === 2) return finish(session, u, await answerAcrossOccupations(u, occupations, session, ports), text);

  let answer: Answer | undefined;
  const parts = splitQuestions(u, ports, session);
  if (parts.length > 1) answer = await answerParts(parts, session, ports);
  else if (u.topic) answer = await answerTopic(u, session, ports);
  else answer = await answerFromFacts(u, session, ports);
  if (!answer || !answer.answered) {
    const fromPassages = await answerFromPassages(u, session, ports);
    if (fromPassages.answered || !answer || answer.lines.length === 0) answer = fromPassages;
  }
  if (u.injection) answer = { ...answer, lines: [T.INJECTION_NOTE, ...answer.lines] };
  const result = finish(session, u, answer, text);
  return ports.llm && LLM_ROUTES.test(answer.route) ? rephrase(result, text, ports) : result;
}

/** Characters in a row a message must share with a clause for that clause to be on the message's own term. */
const OWN_TERM_LENGTH = 4;

/** `text` and `other` share a run of at least `n` characters (Han, letters or digits; punctuation breaks runs). */
function sharesRun(text: string, other: string, n: number): boolean {
  const chars = [...text];
  for (let i = 0; i + n <= chars.length; i++) {
    const run = chars.slice(i, i + n).join('');
    if (!/^[\p{Script=Han}\p{L}\p{N}]+$/u.test(run)) continue;
    if (other.includes(run)) return true;
  }
  return false;
}

/**
 * "补贴多少，什么时候截止": two questions in one message. Each clause with a
 * topic of its own is understood on its own, sharing the region, occupation
 * and level named anywhere in the message.
 */
function splitQuestions(u: Understanding, ports: Ports, session: Session): Understanding[] {
  // "培训合格证书有啥用": the titles it leads to, and the continuing-education hours it counts for.
  if (u.topic === 'title' && CUES.asksCertificateUse.test(u.text)) return [u, { ...u, topic: 'continuing-education', alsoTopics: [], topicScore: Math.max(u.topicScore, PLAIN_CUE) }];
  if (!u.topic || u.alsoTopics.length === 0) return [u];
  const cues = answerCues();
  // "金华领补贴 必须在哪种机构培训": who may claim, asked across a space, is one question.
  const claim = u.topic === 'subsidy' ? SUBSIDY_ELIGIBILITY.exec(u.text) : null;
  if (claim && claim[0].split(cues.clauseSplit).length > 1) return [u];
  // A story about oneself ("我有助理工程师职称三年了，能报中级吗") is one question, however many clauses;
  // a clause after it that plainly asks something else without telling more ("…能报中级吗 中级补贴多少") is a second.
  if (u.topic === 'eligibility' && hasProfile(u.profile)) {
    const more = u.text
      .split(cues.clauseSplit)
      .map((c) => c.trim())
      .filter((c) => c.length >= 2 && cues.asks.test(c) && !CUES.canEnrol.test(c) && !CUES.canEnrolLevel.test(c))
      .map((c) => understand(c, ports.facts, session.slots, todayOf(ports)))
      .filter((p) => p.topic && p.topic !== 'eligibility' && p.topicScore >= PLAIN_CUE && !hasProfile(p.profile) && !p.followUp)
      // "…能报吗 补完多少钱 啥时候截止": each other topic asked once.
      .filter((p, i, all) => all.findIndex((q) => q.topic === p.topic) === i)
      .slice(0, 3);
    return [u, ...more.map((p) => sharingSlots(p, u))];
  }
  // "学费跟补贴各是多少": two topics asked in one clause.
  if (cues.eachAsked.test(u.text) && u.alsoTopics[0] && !/[，,；;。？?！!\s]/.test(u.text.slice(0, -1))) {
    return [u, { ...u, topic: u.alsoTopics[0] }];
  }
  let clauses = u.text.split(cues.clauseSplit).map((c) => c.trim()).filter((c) => c.length >= 2);
  // "浙江区块链中级补贴和学时": one clause whose two halves each name a topic asks both.
  if (clauses.length < 2 && cues.twoTopicsInClause.test(u.text)) {
    const halves = u.text.split(cues.twoTopicsInClause).map((c) => c.trim()).filter(Boolean);
    const topics = halves.map((h) => understand(h, ports.facts, session.slots, todayOf(ports)).topic);
    if (halves.length === 2 && topics[0] && topics[1] && topics[0] !== topics[1]) {
      return topics.map((topic) => ({ ...u, topic }));
    }
  }
  if (clauses.length < 2) return [u];
  const parts: Understanding[] = [];
  for (const c of clauses) {
    const p = understand(c, ports.facts, session.slots, todayOf(ports));
    // A clause asks something when it says so, or names a topic plainly ("顺便问下初级学费").
    // "在金华想领补贴 去省外机构培训行不行": a clause that only says what the resident wants to do is the question's context.
    const context = !cues.asks.test(c) && CUES.statesPurpose.test(c);
    if (!p.topic || context || (p.topic === 'eligibility' && hasProfile(p.profile)) || p.followUp || (!cues.asks.test(c) && !(p.topicScore >= 5 && c.length <= 8 && !hasProfile(p.profile))) || parts.some((x) => x.topic === p.topic)) continue;
    parts.push(sharingSlots(p, u));
    // "学费和补贴分别多少": two topics inside one clause.
    const second = p.alsoTopics[0];
    if (second && cues.twoTopicsInClause.test(c) && !parts.some((x) => x.topic === second)) parts.push({ ...p, topic: second });
  }
  // "中级学费3500 补贴1300对吧 那我要准备多少钱": the net cost's answer states the fee and the subsidy too; clauses
  // about those two alone are parts of it.
  if (u.topic === 'net-cost' && parts.every((p) => NET_COST_PARTS.has(p.topic!))) return [u];
  return parts.length > 1 ? parts.slice(0, 4) : [u];
}

/** Topics the net cost's answer states itself (the fee, the subsidy and what is left). */
const NET_COST_PARTS: ReadonlySet<string> = new Set(['fee', 'subsidy', 'net-cost']);

/** A clause's understanding with the region, occupation, level and place the whole message names where the clause names none. */
function sharingSlots(p: Understanding, u: Understanding): Understanding {
  p.region ??= u.region;
  p.occupation ??= u.occupation;
  // A level the clause only guessed from a figure ("那实际付2200对吧" after "中级3500补1300") gives way to the level the message names.
  if (u.level && p.level !== u.level && !LEVEL_CUES.some(([re]) => re.test(p.text))) {
    p.level = u.level;
    p.levels = u.levels;
  }
  p.level ??= u.level;
  if (!p.levels.length) p.levels = u.levels;
  if (p.place === undefined) p.place = u.place;
  return p;
}

/** The notices' text (facts and indexed chunks), for "is this detail stated anywhere?". */
const corpusText = new WeakMap<object, Map<string, string>>();
/** The text of the notices of `regions` (all notices when undefined): chunks and fact quotes, joined once per region set. */
/** The regions of the notices addressed to residents (documents.json `audience` other than institutions). */
function residentRegions(ports: Ports): Region[] {
  return [...new Set(ports.documents.filter((d) => d.audience !== 'institutions').map((d) => d.region))];
}

function corpusOf(ports: Ports, regions?: readonly Region[]): string {
  const key = regions ? [...regions].sort().join(',') : '*';
  let byRegions = corpusText.get(ports.kb);
  if (!byRegions) corpusText.set(ports.kb, (byRegions = new Map()));
  let text = byRegions.get(key);
  if (text === undefined) {
    const within = (r: Region) => !regions || regions.includes(r);
    text = [...ports.kb.chunks().filter((c) => within(c.region)).map((c) => c.text), ...ports.facts.all().filter((f) => within(f.region)).map((f) => f.quote)].join('\n');
    byRegions.set(key, text);
  }
  return text;
}

/**
 * A detail the question asks about that the notices do not state (分期, 通过率, 有效期 …): searched for in
 * the named region's notices when a region was named, else in every notice.
 */
async function unstatedDetail(u: Understanding, session: Session, ports: Ports): Promise<{ detail: DetailCue; region?: Region } | undefined> {
  const cued = DETAIL_CUES.filter((d) => d.cue.test(u.text) && !d.unless?.test(u.text));
  if (cued.length === 0) return undefined;
  const scope = regionScopeFor(u, session, ports);
  // No region named: every notice residents are addressed by (a resident's "要交学历证书复印件吗" is not answered
  // by the institutions' notice listing an applicant's 法人登记证书复印件), every notice in an institution's voice.
  const forResidents = INSTITUTION_VOICE?.test(u.text) ? undefined : residentRegions(ports);
  const regions = scope.explicit ? scope.regions : forResidents;
  // Every detail the message names is checked, not only the first ("线上课用什么app" names the platform, and 线上).
  const detail = cued.find((d) => !d.evidence.test(corpusOf(ports, regions)));
  if (!detail) return undefined;
  // A fact asked for in these very words answers the question: no claim of silence ("金华申请补贴要带啥材料" names 带).
  const asked = factsByAsks(u.text, ports.facts).filter((m) => !regions || regions.includes(m.fact.region))[0];
  return asked && asked.similarity >= ASK_COVER ? undefined : { detail, region: regions ? scope.region : undefined };
}

/**
 * A detail (DETAIL_CUES) that the assumed region's notices and passages do not state, asked with no region
 * named, which other regions' rules do state: said so, with the assumed region's nearest clause, the others'
 * rules region by region, and whom to call.
 */
async function detailStatedElsewhere(u: Understanding, session: Session, ports: Ports): Promise<Answer | undefined> {
  const scope = regionScopeFor(u, session, ports);
  if (scope.explicit) return undefined;
  const detail = DETAIL_CUES.find((d) => d.cue.test(u.text) && !d.unless?.test(u.text));
  if (!detail || detail.evidence.test(corpusOf(ports, scope.regions))) return undefined;
  const stating = ports.facts.ofKind('rule', (f) => !scope.regions.includes(f.region) && f.topics.includes(detail.topic) && detail.evidence.test(f.quote));
  if (stating.length === 0) return undefined;
  const own = (await bestFacts({ ...u, topic: detail.topic }, { region: scope }, ports, detail.topic, true)).filter((f) => !statesAmount(renderFact(f))).slice(0, 1);
  const regions = [...new Set(stating.map((f) => f.region))];
  const shown = regions.flatMap((r) => stating.filter((f) => f.region === r).slice(0, 2));
  const unknown = unknownAnswer(u, scope.region, ports, 'unknown');
  const lines = [T.DETAIL_NOT_STATED(detail.label, own.length > 0, scope.region), ...own.map(renderFact), T.STATED_ELSEWHERE(regions)];
  for (const r of regions) lines.push(T.REGION_HEADER(r), ...shown.filter((f) => f.region === r).map(renderFact));
  lines.push(...unknown.lines.slice(1));
  const facts = [...own, ...shown, ...unknown.facts];
  const sources = [...sourcesOf(ports.documents, facts), ...searchedSources(ports.documents, [scope.region])];
  const src = sourceLine(sources);
  if (src && !lines.includes(src)) lines.push(src);
  return { ...unknown, lines, facts, sources, confidence: 0.6, route: `${detail.topic}-elsewhere`, answered: true };
}

/**
 * "Not stated" for the detail, what the notices do say on the topic (never
 * an amount, which could be mistaken for the answer), and whom to call.
 */
async function answerUnstatedDetail(u: Understanding, { detail, region: named }: { detail: DetailCue; region?: Region }, session: Session, ports: Ports): Promise<Answer> {
  const region = regionScopeFor(u, session, ports);
  const unknown = unknownAnswer(u, region.region, ports, 'unknown');
  // A deadline is what the clock makes of it: the deadline tool's status today ("已于…截止") is what the notice says.
  if (detail.topic === 'deadline') {
    const status = await answerTopic({ ...u, topic: 'deadline', alsoTopics: [] }, session, ports);
    if (status.answered) {
      const own = sourceLine(status.sources ?? []);
      const note = T.DEFAULT_REGION_NOTE(region.region);
      const said = status.lines.filter((l) => l !== own && l !== note && !l.startsWith(T.UNKNOWN_HOTLINE([]).slice(0, 4)));
      const lines = [...(status.lines.includes(note) ? [note] : []), T.DETAIL_NOT_STATED(detail.label, true, named), ...said, ...unknown.lines.slice(1)];
      const facts = [...status.facts, ...unknown.facts];
      const sources = sourcesOf(ports.documents, facts);
      const src = sourceLine(sources);
      if (src) lines.push(src);
      return { ...unknown, lines, facts, tools: status.tools, sources, route: 'detail-not-stated', answered: true, confidence: 0.3 };
    }
  }
  const found = (await bestFacts({ ...u, topic: detail.topic }, { region }, ports, detail.topic, true)).filter((f) => !statesAmount(renderFact(f)));
  // The region's clause that comes closest to the detail first ("具体时间…另行通知" for the days of class), found or not.
  const closest = detail.nearest
    ? ports.facts.all().filter((f) => region.regions.includes(f.region) && f.topics.includes(detail.topic) && detail.nearest!.test(f.quote))
    : [];
  const known = [...closest.slice(0, 1), ...found.filter((f) => !closest.slice(0, 1).includes(f))].slice(0, 2);
  const lines = [T.DETAIL_NOT_STATED(detail.label, known.length > 0, named), ...known.map(renderFact), ...unknown.lines.slice(1)];
  const facts = [...known, ...unknown.facts];
  // The claim rests on the notices searched (the named region's, else the assumed region's), beside the clauses shown.
  const sources = [...sourcesOf(ports.documents, facts), ...searchedSources(ports.documents, named ? region.regions : [region.region])];
  const src = sourceLine(sources);
  if (src && !lines.includes(src)) lines.push(src);
  return { ...unknown, lines, facts, sources, route: 'detail-not-stated', answered: true, confidence: 0.3 };
}

/** A clause of the message, other than the one naming an unstated detail, that plainly asks a topic of its own. */
function askedBeside(u: Understanding, detail: DetailCue, ports: Ports, session: Session): Understanding | undefined {
  const clauses = u.text.split(answerCues().clauseSplit).map((c) => c.trim()).filter((c) => c.length >= 2);
  // Only the clauses that do not name the detail; none when no single clause names it (it spans them: one question).
  const others = clauses.filter((c) => !detail.cue.test(c));
  if (others.length === clauses.length) return undefined;
  for (const c of others) {
    const p = understand(c, ports.facts, session.slots, todayOf(ports));
    if (p.topic && p.topicScore >= PLAIN_CUE && answerCues().asks.test(c) && !hasProfile(p.profile)) return sharingSlots(p, u);
  }
  return undefined;
}

/** The answers to each part, one after another, with one source line at the end. */
async function answerParts(parts: Understanding[], session: Session, ports: Ports): Promise<Answer> {
  const answers: Answer[] = [];
  for (const p of parts) answers.push(await answerTopic(p, session, ports));
  // A part that could only be hedged, on a topic another part answered ("培训费啥时候交 是不是报完名马上就得交"),
  // is that answer's second half: it adds no "not directly stated" beside it.
  const topicOf = (a: Answer) => String(a.route).replace(/-(weak|asked|not-stated)$/u, '');
  const sure = answers.filter((a) => a.answered && !String(a.route).endsWith('-weak'));
  const answered = answers.filter((a) => a.answered && !(String(a.route).endsWith('-weak') && sure.some((b) => topicOf(b) === topicOf(a))));
  return answered.length ? joinAnswers(answered) : answers[0]!;
}

/** Answered parts one after another, each one's own source line dropped, one source line for all at the end. */
function joinAnswers(answered: readonly Answer[]): Answer {
  const sources = answered.flatMap((a) => a.sources ?? []);
  const ownSources = new Set(answered.map((a) => sourceLine(a.sources ?? [])).filter(Boolean));
  const lines = [...new Set(answered.flatMap((a) => a.lines.filter((l) => !ownSources.has(l))))];
  // Each part's leading clause is named before any part's further ones, so no answer goes uncited.
  const leading = answered.flatMap((a) => a.sources?.slice(0, 1) ?? []);
  const src = sourceLine([...leading, ...sources], Math.max(3, answered.length));
  if (src) lines.push(src);
  return {
    lines,
    tools: answered.flatMap((a) => a.tools),
    facts: answered.flatMap((a) => a.facts),
    passages: answered.flatMap((a) => a.passages),
    sources,
    confidence: Math.min(...answered.map((a) => a.confidence)),
    route: answered.map((a) => a.route).join('+') as Route,
    answered: true,
    regionNoted: answered.some((a) => a.regionNoted) || undefined,
  };
}

/** Year and month today in Beijing, from the injected clock (for "2021年考的" → years since). */
function todayOf(ports: Ports): { year: number; month: number } {
  const date = beijingDate(ports.now());
  if (lastToday?.date !== date) {
    const [year, month] = date.split('-').map(Number) as [number, number];
    lastToday = { date, year, month };
  }
  return { year: lastToday.year, month: lastToday.month };
}

/** The last date todayOf read (a turn asks for it several times). */
let lastToday: { date: string; year: number; month: number } | undefined;

/** Answers the LLM may rephrase: facts and passages, not refusals, forms or "not covered". */
const LLM_ROUTES = /^(?!privacy|not-covered|out-of-scope|form)/;

/**
 * Optional LLM mode: the model rephrases (and may look further with the
 * same tools); its reply is kept only if the port's grounding check passed
 * (it returns null otherwise). Sources are attached here, never by the model.
 */
async function rephrase(offline: TurnResult, question: string, ports: Ports): Promise<TurnResult> {
  const reply = offline.replies.join('\n');
  let llm: Awaited<ReturnType<NonNullable<Ports['llm']>['answer']>>;
  try {
    llm = await ports.llm!.answer({ question, slots: offline.session.slots, offline: { reply, trace: offline.trace } });
  } catch {
    // The port promises null on failure; a throw still never costs the resident the offline answer.
    llm = null;
  }
  if (!llm) return { ...offline, trace: { ...offline.trace, notes: [...(offline.trace.notes ?? []), 'llm: fell back to the offline answer'] } };
  const sources = [...offline.trace.sources];
  for (const src of llm.sources) if (!sources.some((x) => x.doc === src.doc && x.quote === src.quote)) sources.push(src);
  const line = sourceLine(sources);
  return {
    ...offline,
    replies: [line && !llm.reply.includes('来源') ? `${llm.reply}\n${line}` : llm.reply],
    trace: { ...offline.trace, mode: 'llm', tools: llm.tools, sources, notes: [...(offline.trace.notes ?? []), ...(llm.notes ?? [])] },
  };
}

/** Record slots for follow-ups, attach sources, log gaps, optionally rephrase with the LLM. */
function finish(session: Session, u: Understanding, answer: Answer, question: string): TurnResult {
  const slots: Slots = { ...session.slots };
  if (u.topic) slots.topic = u.topic;
  if (u.region) slots.region = u.region;
  if (u.occupation) slots.occupation = u.occupation;
  if (u.level) slots.level = u.level;
  if (u.headcount) slots.headcount = u.headcount;
  // A question with a topic of its own, short enough to be one ask, is what a later "那X呢" asks again.
  // Not one holding personal data (a phone or ID number): the session keeps no unmasked copy of it.
  if (u.topic && !u.followUp && u.topic !== 'eligibility' && [...u.text].length <= REPLAY_MAX && maskPersonalData(u.text) === u.text) slots.lastAsk = u.text;
  // Any other question that is no follow-up ends it: "那浙江呢" after a long subsidy story must not ask an older fee question.
  else if (!u.followUp) delete slots.lastAsk;
  if (answer.slots) Object.assign(slots, answer.slots);
  session.slots = slots;
  if (answer.pending) session.pending = answer.pending;
  if (answer.regionNoted) session.regionNoted = true;

  const effects: Effect[] = [
    { kind: 'log-question', question, answered: answer.answered, confidence: answer.confidence, route: answer.route },
  ];
  return {
    replies: [answer.lines.join('\n')],
    session,
    effects,
    trace: {
      route: answer.route,
      understood: { ...slots, intent: u.intent },
      tools: answer.tools,
      sources: answer.sources ?? [],
      mode: 'offline',
      confidence: answer.confidence,
    },
  };
}

function reply(session: Session, replies: string[], t: { route: string; confidence: number; tools?: ToolCall[]; sources?: SourceRef[] }): TurnResult {
  return {
    replies: [replies.join('\n')],
    session,
    effects: [],
    trace: { route: t.route, tools: t.tools ?? [], sources: t.sources ?? [], mode: 'offline', confidence: t.confidence },
  };
}

