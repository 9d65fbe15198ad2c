/**
 * The words residents use, mapped to what the engine understands, compiled
 * from the language data (knowledge/language/understanding.json, schema in
 * knowledge/language/understanding-schema.ts). This file holds no phrasing of
 * its own: an operator adds a cue, a typo or an out-of-scope subject in the
 * data, and it takes effect at the next start (createApp loads the data from
 * DTE_LANGUAGE_DIR and calls useUnderstandingLanguage). No fee, date, phone
 * or rule lives in the data either; place names of the covered regions come
 * from the facts table's region aliases.
 */
import type { Level, Topic } from '../../../knowledge/facts/schema.js';
import { defaultUnderstandingLanguage, type UnderstandingLanguage } from '../../../knowledge/language/understanding-schema.js';
import { NUMBER_PATTERN } from '../../chinese-quantities.js';

export type Intent = 'greeting' | 'help' | 'thanks' | 'register' | 'delete-data' | 'show-draft' | 'bye';

export interface TopicCue {
  topic: Topic;
  /** Substrings that signal the topic, with a weight. */
  cues: ReadonlyArray<readonly [string, number]>;
}

/**
 * Details residents ask about that a notice may or may not state. When the
 * notices (facts and indexed text) contain none of the `evidence` words, the
 * bot says the detail is not stated instead of answering something nearby.
 * Whether a detail is stated is decided by the documents, not here.
 */
export interface DetailCue {
  label: string;
  cue: RegExp;
  evidence: RegExp;
  topic: Topic;
  /** Not this detail when the message also matches this. */
  unless?: RegExp;
  /** The clauses that come closest to the detail (shown first when it is not stated). */
  nearest?: RegExp;
}

const re = (source: string, flags = '') => new RegExp(source, flags);
/** Patterns that use \p{…} classes need the Unicode flag; the others keep their historical (non-Unicode) semantics. */
const unicode = (source: string) => (/\\p\{/u.test(source) ? 'u' : '');
const compileOne = (source: string, ignoreCase = false) => re(source, (ignoreCase ? 'i' : '') + unicode(source));

/** Each {number} of a pattern as its own named group (n0, n1 …): alternatives may each write a count. */
const numbered = (source: string) => {
  let i = 0;
  return source.replaceAll('{number}', () => `(?<n${i++}>${NUMBER_PATTERN})`);
};

/**
 * Topic cues are matched against the rewritten message ("学点啥" reads "学点什么"), so each cue is rewritten
 * the same way when loaded; cues that become one keep the higher weight.
 */
function rewrittenCues(cues: Record<string, number>, rewrites: ReadonlyArray<readonly [RegExp, string]>): Array<[string, number]> {
  const out = new Map<string, number>();
  for (const [cue, weight] of Object.entries(cues)) {
    const as = rewrites.reduce((t, [pattern, to]) => t.replace(pattern, to), cue);
    out.set(as, Math.max(out.get(as) ?? 0, weight));
  }
  return [...out];
}

function compile(data: UnderstandingLanguage) {
  const rewrites = data.rewrites.map((r) => [re(r.pattern, 'g' + unicode(r.pattern)), r.replacement] as const);
  return {
    REWRITES: rewrites,
    TOPIC_CUES: data.topicCues.map(({ topic, cues }) => ({ topic, cues: rewrittenCues(cues, rewrites) })) as TopicCue[],
    TOPIC_PATTERNS: data.topicPatterns.map((p) => [compileOne(p.pattern), p.topic, p.weight] as const),
    OWN_TIME_TOPICS: new Set<Topic>(data.ownTimeTopics),
    TARGET_LEVEL: compileOne(data.targetLevel),
    VENUE_QUESTION: compileOne(data.venueQuestion),
    SUBSIDY_ELIGIBILITY: compileOne(data.subsidyEligibility),
    LEVEL_CUES: data.levelCues.map((l) => [compileOne(l.pattern), l.level] as const),
    BARE_LEVEL: compileOne(data.bareLevel),
    INTENT_CUES: data.intents.map((i) => [compileOne(i.pattern, i.ignoreCase), i.intent] as const),
    OTHER_PLACES: data.otherPlaces,
    PLACE_AS_DESTINATION: data.placeAsDestination,
    NOT_AMOUNT_UNITS: data.notAmountUnits,
    INJECTION_CUES: compileOne(data.injection.pattern, data.injection.ignoreCase),
    PRIVACY_PROBE: re(data.privacyProbe, 'u'),
    FOREIGN_SUBJECTS: compileOne(data.foreignSubjects),
    PROGRAMME_WORDS: compileOne(data.programmeWords),
    INSTITUTION_VOICE: data.institutionVoice ? compileOne(data.institutionVoice) : undefined,
    CUES: Object.fromEntries(Object.entries(data.cues).map(([k, v]) => [k, compileOne(v)])) as Record<keyof UnderstandingLanguage['cues'], RegExp>,
    DEFERRAL_MARKERS: data.deferralMarkers,
    DURATION_SUBJECTS: data.durationSubjects,
    DOCUMENT_META: data.documentMeta
      ? { subject: compileOne(data.documentMeta.subject), fields: data.documentMeta.fields.map((m) => ({ field: m.field, name: m.name, ask: compileOne(m.ask), label: compileOne(m.label) })) }
      : undefined,
    HEADCOUNT: data.headcount
      ? { counted: compileOne(numbered(data.headcount.counted)), pairs: compileOne(data.headcount.pairs), onePerLevel: data.headcount.onePerLevel ? compileOne(data.headcount.onePerLevel) : undefined }
      : undefined,
    DETAIL_CUES: data.detailCues.map((d) => ({ label: d.label, cue: compileOne(d.cue), evidence: compileOne(d.evidence), topic: d.topic, unless: d.unless ? compileOne(d.unless) : undefined, nearest: d.nearest ? compileOne(d.nearest) : undefined })) as DetailCue[],
  };
}

let c = compile(defaultUnderstandingLanguage());

/** Typos, homophones and colloquialisms rewritten before matching. */
export let REWRITES: ReadonlyArray<readonly [RegExp, string]> = c.REWRITES;
/** Topic cues; the highest total weight wins, ties go to the first listed. */
export let TOPIC_CUES: readonly TopicCue[] = c.TOPIC_CUES;
/** Topic cues that need a pattern (words in between), added to the substring scores. */
export let TOPIC_PATTERNS: ReadonlyArray<readonly [RegExp, Topic, number]> = c.TOPIC_PATTERNS;
/** Things whose own rules carry their time: a time asked of them is not the registration deadline. */
export let OWN_TIME_TOPICS: ReadonlySet<Topic> = c.OWN_TIME_TOPICS;
/** The level a person asks to enrol in when several are named ("拿了初级证，能报中级吗"). */
export let TARGET_LEVEL: RegExp = c.TARGET_LEVEL;
/** Where the classes or exams take place: the notices never say (the university's address is a postal one). */
export let VENUE_QUESTION: RegExp = c.VENUE_QUESTION;
/** "能申请补贴吗": who may claim the subsidy, not how much it is. */
export let SUBSIDY_ELIGIBILITY: RegExp = c.SUBSIDY_ELIGIBILITY;
export let LEVEL_CUES: ReadonlyArray<readonly [RegExp, Level]> = c.LEVEL_CUES;
/** Short level answers ("初", "中的") when the bot just asked for a level. */
export let BARE_LEVEL: RegExp = c.BARE_LEVEL;
export let INTENT_CUES: ReadonlyArray<readonly [RegExp, Intent]> = c.INTENT_CUES;
/** Provinces and big cities outside the notices' regions (to say "not covered"). */
export let OTHER_PLACES: readonly string[] = c.OTHER_PLACES;
/** Words before an uncovered place that make it a destination ("去青岛上课"). */
export let PLACE_AS_DESTINATION: readonly string[] = c.PLACE_AS_DESTINATION;
/** Counting units that make a number a count or a date, not an amount of money ("128学时"). */
export let NOT_AMOUNT_UNITS: readonly string[] = c.NOT_AMOUNT_UNITS;
/** Phrases that signal instructions aimed at the bot rather than a question. */
export let INJECTION_CUES: RegExp = c.INJECTION_CUES;
/** Requests for someone else's personal data. */
export let PRIVACY_PROBE: RegExp = c.PRIVACY_PROBE;
/** Subjects of other programmes or of daily life: out of scope unless the programme is named. */
export let FOREIGN_SUBJECTS: RegExp = c.FOREIGN_SUBJECTS;
/** Words that tie a question to the programme (keep it in scope even with a foreign word). */
export let PROGRAMME_WORDS: RegExp = c.PROGRAMME_WORDS;
/** The voice of an institution applying to train or assess ("我们公司能申报培训机构吗"). */
export let INSTITUTION_VOICE: RegExp | undefined = c.INSTITUTION_VOICE;
export let DETAIL_CUES: readonly DetailCue[] = c.DETAIL_CUES;
/** Words by which a notice hands a question to someone else ("以评价机构公布为准"). */
export let DEFERRAL_MARKERS: readonly string[] = c.DEFERRAL_MARKERS;
/** Things whose time a resident asks; a time limit answers only in a clause naming the thing. */
export let DURATION_SUBJECTS: readonly string[] = c.DURATION_SUBJECTS;
/** Questions about a notice itself (文号, issue and effective dates) and the labels of the facts that state them. */
export let DOCUMENT_META:
  | { subject: RegExp; fields: ReadonlyArray<{ field: 'docNumber' | 'issued' | 'effective'; name: string; ask: RegExp; label: RegExp }> }
  | undefined = c.DOCUMENT_META;
/** How many people a cost question is for: a written count ({number} as the group `n`) and the ways of saying two. */
export let HEADCOUNT: { counted: RegExp; pairs: RegExp; onePerLevel?: RegExp } | undefined = c.HEADCOUNT;
/** The cues of understanding's own decisions (follow-ups, "can I enrol", "is it a question"). */
export let CUES: Readonly<Record<keyof UnderstandingLanguage['cues'], RegExp>> = c.CUES;

/**
 * Understand with this language data from now on (the module's exports are
 * live bindings, so every importer sees the new values). createApp calls it
 * with the data of DTE_LANGUAGE_DIR; tests call it to prove a phrasing added
 * to the data works without a code change.
 */
export function useUnderstandingLanguage(data: UnderstandingLanguage): void {
  c = compile(data);
  ({ REWRITES, TOPIC_CUES, TOPIC_PATTERNS, OWN_TIME_TOPICS, TARGET_LEVEL, VENUE_QUESTION, SUBSIDY_ELIGIBILITY, LEVEL_CUES, BARE_LEVEL, INTENT_CUES, OTHER_PLACES, PLACE_AS_DESTINATION, NOT_AMOUNT_UNITS, INJECTION_CUES, PRIVACY_PROBE, FOREIGN_SUBJECTS, PROGRAMME_WORDS, INSTITUTION_VOICE, DETAIL_CUES, DEFERRAL_MARKERS, DURATION_SUBJECTS, DOCUMENT_META, HEADCOUNT, CUES } = c);
}
