/**
 * The language data of the conversation (how residents phrase things), as
 * zod-validated JSON an operator edits without touching code. Matching is
 * on the normalised message (NFKC, lower case, punctuation and spaces
 * dropped): a phrase matches when the message contains it, an `exact`
 * phrase only when the message is exactly it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PatternSchema } from './pattern.js';
import { FormFieldKeySchema } from '../facts/schema.js';

const Phrases = z.array(z.string().min(1)).min(1);
const MaybePhrases = z.array(z.string().min(1));

/** A regular expression written as its source text, for what needs words in between (knowledge/language/pattern.ts). */
const Pattern = PatternSchema;

/** What residents put around one field's answer ("我是男的", "报中级吧", "滕州这边"), stripped before it is checked. */
const AroundAnswer = z.object({ before: MaybePhrases.default([]), after: MaybePhrases.default([]) });

export const ConversationLanguageSchema = z.object({
  /** Asking to see one's own stored registration. */
  myRegistration: Phrases,
  /** Asking to change one's own submitted registration. */
  changeRegistration: Phrases,
  /** Messages that start the registration form ("报个名", "先帮我记上"). */
  registerStart: Phrases,
  /** Questions about registering here ("在这能报吗", "怎么报名"): answered, then the form is offered. */
  registerQuestions: Phrases,
  /** Accepting the offer to start the form ("好的", "行", "可以", "嗯"), matched exactly. */
  acceptOffer: Phrases,
  /** Deletion: a verb and an object make a request; a negation or a question marker makes it a question about deleting. */
  deletion: z.object({
    verbs: Phrases,
    objects: Phrases,
    negations: Phrases,
    questionMarkers: Phrases,
  }),
  /** The second step that actually deletes. */
  confirmDelete: Phrases,
  /** Saying no to a deletion (anything that is not a confirmation keeps the data anyway). */
  declineDelete: Phrases,
  /** Messages that are never a form answer (holding, acknowledging, asking for a person), matched exactly. */
  nonAnswersExact: Phrases,
  /** Parts of a message that make it not a form answer wherever they appear. */
  nonAnswersContained: Phrases,
  /**
   * Several regions in one message: a joiner between two region names makes it a question about each
   * ("威海和浙江分别…"); a comparison word asks for the difference too ("X比Y多多少", "哪个多").
   */
  multiRegion: z.object({ joiners: Phrases, compare: Phrases }),
  /** What makes a message a question ("吗", "多少", "？") rather than a statement about oneself. */
  questionMarkers: Phrases,
  /** Words that name a form field ("手机号", "单位"), so "手机号改成…" or "单位：…" fills that field. */
  fieldWords: z.record(z.string().min(1), FormFieldKeySchema),
  /**
   * How answers to the form are worded around their value: openings and words of a correction
   * ("不对，…", "改成"), what surrounds a title ("我是…职称") or an employer ("在…上班", "单位叫…"),
   * and the words that say an answer is about a certificate or a title.
   */
  formPhrases: z.object({
    correctionOpenings: Phrases,
    correctionWords: Phrases,
    titlePrefixes: Phrases,
    titleSuffixes: Phrases,
    employerNamedBy: Phrases,
    employerPrefixes: Phrases,
    employerSuffixes: Phrases,
    certificateWords: Phrases,
    titleWords: Phrases,
    /** What makes a form message a question ("吗", "多少", "哪里"), and what does so only at its end ("呢"). */
    questionWords: Phrases,
    questionEndings: MaybePhrases,
    /** What may follow a field word ("手机" + "号码") before the value. */
    fieldTails: MaybePhrases,
    /** Saying a field is wrong ("填错了", "不对"); with nothing after it, the field is asked again. */
    wrong: Phrases,
    /** Saying what a field becomes ("改成", "应该是"): an explicit correction. */
    changeTo: Phrases,
    /** Words between a field word and its value that correct nothing ("是", "叫", "填的是"). */
    valueIntro: Phrases,
    /** Openings of a segment that are not part of it ("嗯", "那个", "然后"); each may repeat. */
    fillers: MaybePhrases,
    /** Words before a field word ("把手机号改成…"). */
    fieldOpenings: MaybePhrases,
    /** Introducing oneself before a value ("我是本科"). */
    selfIntro: MaybePhrases,
    /** After a level, words that make it part of something else (初级工程师, 中级职称, 初级证): not the level asked for. */
    levelNotFollowedBy: MaybePhrases,
    /** Endings of employers' names (公司, 局, 医院 …), so a segment like "在XX医院上班" is the employer. */
    employerNameEndings: Phrases,
    /** Openings of one's name ("我叫", "本人"). */
    namePrefixes: Phrases,
    /** A segment that is only one of these is the gender ("男的", "女生"). */
    genderWords: Phrases,
    /** Leaving the form, wherever it appears in the message ("不报了", "取消报名"). */
    cancelContained: MaybePhrases,
  }),
  /**
   * Per field, what residents put before and after the answer (besides the field's own words
   * and a colon or "是", which are stripped anyway): "我是男的", "报中级吧", "滕州这边".
   */
  answerWords: z.partialRecord(FormFieldKeySchema, AroundAnswer),
  /**
   * The form's short replies, matched whole: yes and no to consent, confirming, going on, cancelling
   * (and confirming or declining that), asking to see the draft or to delete, "no title", the genders,
   * "the ID number is right", and the generic words for the city-level unit (市直) — `cityLevelInText`
   * are those that also count inside a longer answer ("在市直单位").
   */
  formWords: z.object({
    yes: Phrases,
    no: Phrases,
    confirm: Phrases,
    continueAnyway: Phrases,
    cancel: Phrases,
    cancelConfirm: Phrases,
    cancelDecline: Phrases,
    showDraft: Phrases,
    deleteData: Phrases,
    noTitle: Phrases,
    genderMale: Phrases,
    genderFemale: Phrases,
    idIsRight: Phrases,
    cityLevel: Phrases,
    cityLevelInText: Phrases,
  }),
  /** Suffixes of place names (市, 区, 县): a district option is also written without it (滕州市 -> 滕州). */
  placeNameSuffixes: MaybePhrases,
  /**
   * Cues of the answer layer: a short elliptical follow-up ("补贴呢？"), asking for an amount
   * ("多少"), asking where exams (not classes) are held, the particles around a bare level ("中级呢"),
   * several topics asked in one sentence ("各是多少", "分别", "和"), what joins two asks ("还有", "顺便问一下"),
   * and what makes a clause an ask.
   */
  answerCues: z.object({
    elliptical: Pattern,
    howMuch: Phrases,
    examVenue: Phrases,
    particles: Phrases,
    eachAsked: Pattern,
    twoTopicsInClause: Phrases,
    clauseJoiners: Phrases,
    asks: Phrases,
  }),
  /**
   * Which of a region's contacts a question wants: words of a technical question ("登录", "系统") and the
   * purpose words of the technical contacts ("技术"); words asking for the training institution
   * ("学校", "石油") and the words of an institution's name ("大学"); the purpose words of the offices
   * residents call about policy ("咨询", "政策") and about registering ("报名").
   */
  contactCues: z.object({
    technicalQuestion: Phrases,
    technicalPurposes: Phrases,
    institutionQuestion: Phrases,
    institutionNames: Phrases,
    policyPurposes: Phrases,
    officePurposes: Phrases,
  }),
  /**
   * How names of institutions are written, for the check that a model's reply names no institution
   * it was not given: their endings (大学, 局 …); what may follow an ending when it is a plain word
   * (大学本科, 局限); words that end a phrase before a name (请联系…) and that may start one (和…, 您…);
   * and abbreviations (人社 for 人力资源和社会保障).
   */
  institutionNames: z.object({
    endings: Phrases,
    notAnEnd: Phrases,
    breakers: Phrases,
    leaders: Phrases,
    abbreviations: z.array(z.object({ full: z.string().min(1), short: z.string().min(1) })),
  }),
  /** Ways of saying "I have no title" (the 职称 answer). */
  noTitle: Phrases,
  /** Endings of professional-title names (工程师, 农艺师, 教授 …), so any title can be entered. */
  titleEndings: Phrases,
});
export type ConversationLanguage = z.infer<typeof ConversationLanguageSchema>;

/** Parse and validate a language file; throws with every problem named (start-up refuses a bad file). */
export function loadConversationLanguage(path: string): ConversationLanguage {
  const parsed = ConversationLanguageSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`language data ${path} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** How messages are compared with the phrases. */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s。.!！~～,，、;；:："“”'‘’?？]+/gu, '');
}

/** Phrases as compared, normalised once each: they are data (a few thousand), matched many times a turn. */
const phraseKeys = new Map<string, string>();

function phraseKey(phrase: string): string {
  let key = phraseKeys.get(phrase);
  if (key === undefined) {
    key = normaliseForMatch(phrase);
    if (phraseKeys.size < 50_000) phraseKeys.set(phrase, key);
  }
  return key;
}

/** The last few messages normalised: one turn matches the same text against many phrase lists. */
const recentTexts: string[] = [];
const recentKeys: string[] = [];
let recentNext = 0;

function textKey(text: string): string {
  for (let i = 0; i < recentTexts.length; i++) if (recentTexts[i] === text) return recentKeys[i]!;
  const key = normaliseForMatch(text);
  recentTexts[recentNext] = text;
  recentKeys[recentNext] = key;
  recentNext = (recentNext + 1) % 4;
  return key;
}

/** True when the (raw) message contains one of the phrases. */
export function containsAny(text: string, phrases: readonly string[]): boolean {
  const t = textKey(text);
  for (const p of phrases) {
    const q = phraseKey(p);
    // A phrase that is only punctuation ("？") is looked for as written.
    if (q === '' ? text.includes(p) : t.includes(q)) return true;
  }
  return false;
}

/** True when the (raw) message is exactly one of the phrases. */
export function isExactly(text: string, phrases: readonly string[]): boolean {
  const t = textKey(text);
  for (const p of phrases) if (t === phraseKey(p)) return true;
  return false;
}

let shipped: ConversationLanguage | undefined;
/** The shipped language data (knowledge/language/conversation.json), loaded and validated once. */
export function defaultConversationLanguage(): ConversationLanguage {
  shipped ??= loadConversationLanguage(new URL('./conversation.json', import.meta.url).pathname);
  return shipped;
}

/** Use this conversation language data from now on (createApp loads it from DTE_LANGUAGE_DIR). */
export function useConversationLanguage(data: ConversationLanguage): void {
  shipped = data;
}
