/**
 * The form's phrasings (knowledge/language/conversation.json) compiled into
 * the matchers of the extractor, the validators and the form: what makes a
 * message a question, a correction, a filler; what surrounds a field's
 * answer; how employers' names end. Compiled once per language data. This
 * file holds no phrasing of its own; levels come from the facts schema and
 * the ID-number and phone formats are generic.
 */
import { LevelSchema } from '../../knowledge/facts/schema.js';
import { defaultConversationLanguage, type ConversationLanguage } from '../../knowledge/language/schema.js';
import { alternation, cachedPer, nfkc } from '../phrase-patterns.js';
import type { FormField } from './types.js';

export interface FormPhrases {
  question: RegExp;
  /** After a field word: optional tail and wrongness, then a new value's introduction; group 1 is set for an explicit change ("改成"). */
  change: RegExp;
  /** A segment that opens with an explicit change ("改成…"), for the field named before. */
  changeOnly: RegExp;
  /** What follows a field word that only says it is wrong ("手机号填错了"). */
  wrongOnly: RegExp;
  /** Says something is wrong, anywhere. */
  wrongAnywhere: RegExp;
  filler: RegExp;
  fieldOpening: RegExp;
  /** Labelled ID numbers and mobile numbers (the label words are the fields' words). */
  idLabelled: RegExp;
  phoneLabelled: RegExp;
  level: RegExp;
  /** Ends like a title name (工程师, 教授 …). */
  titleLike: RegExp;
  notLevelContext: RegExp;
  employer: RegExp;
  name: RegExp;
  gender: RegExp;
  /** Before a field's answer: its own words with a colon or an introduction, and the answer words of the field (and `selfIntro` where `withSelfIntro`). */
  before(field: FormField, withSelfIntro?: boolean): RegExp;
  after(field: FormField): RegExp;
  placeNameSuffix: RegExp;
  cancel: RegExp;
}

/** ASCII and full-width digits, X for the ID number's check character. */
const ID_CHARS = '[0-9０-９Xx]';

function compile(language: ConversationLanguage): FormPhrases {
  const f = language.formPhrases;
  const alt = (words: readonly string[]) => alternation(words, nfkc);
  const re = (source: string, flags = '') => new RegExp(source, 'u' + flags);
  const fieldWords = (field: FormField) => Object.entries(language.fieldWords).filter(([, v]) => v === field).map(([w]) => w);
  const intro = `(?:(${alt(f.changeTo)})|${alt(f.valueIntro)}|[:：])`;
  const labelJoin = `(?:${alt([...f.changeTo, ...f.valueIntro])}|[:：])?`;
  const before = new Map<string, RegExp>();
  return {
    question: re(`${alt(f.questionWords)}|(?:${alt(f.questionEndings)})$`),
    change: re(`^(?:${alt(f.fieldTails)})?(?:${alt(f.wrong)})?[\\s]*${intro}\\s*`),
    changeOnly: re(`^(?:${alt(f.changeTo)})\\s*`),
    wrongOnly: re(`^(?:${alt(f.fieldTails)})?(?:${alt(f.wrong)})$`),
    wrongAnywhere: re(alt(f.wrong)),
    filler: re(`^(?:${f.fillers.length ? [...f.fillers].sort((a, b) => b.length - a.length).map((w) => `(?:${alt([w])})+`).join('|') : '(?!)'})\\s*`),
    fieldOpening: re(`^(?:${alt(f.fieldOpenings)})`),
    idLabelled: re(`(?:${alt(fieldWords('idNumber'))})\\s*${labelJoin}\\s*(${ID_CHARS}[0-9０-９Xx\\s]{5,24}${ID_CHARS}|[0-9]{6,})`),
    phoneLabelled: re(`(?:${alt(fieldWords('phone'))})\\s*${labelJoin}\\s*((?:\\+?86[\\s-]?)?[0-9][0-9\\s-]{4,18}[0-9])`),
    level: re(`(${alt(LevelSchema.options)})(?!${alt(f.levelNotFollowedBy)})`),
    titleLike: re(alt(language.titleEndings)),
    notLevelContext: re(alt([...f.titleWords, ...f.certificateWords])),
    employer: re(
      `^(?:${alt([...language.formPhrases.employerPrefixes, ...language.formPhrases.employerNamedBy])})?(.{2,50}?(?:${alt(f.employerNameEndings)}))(?:${alt([...f.employerSuffixes, ...(language.answerWords.employer?.after ?? [])])})?$`,
    ),
    name: re(`^(?:${alt(f.namePrefixes)})\\s*(.+)$`),
    gender: re(`^(?:${alt(fieldWords('gender'))})?(?:${alt(f.valueIntro)})?(${alt(f.genderWords)})$`),
    before(field, withSelfIntro = false) {
      const key = `${field}:${withSelfIntro}`;
      let r = before.get(key);
      if (!r) {
        const own = fieldWords(field);
        const words = [...(language.answerWords[field]?.before ?? []), ...(withSelfIntro ? f.selfIntro : [])];
        before.set(key, (r = re(`^(?:(?:${alt(own)})(?:[:：]|${alt(f.valueIntro)})?|${alt(words)})`)));
      }
      return r;
    },
    after: (() => {
      const cache = new Map<string, RegExp>();
      return (field: FormField) => {
        let r = cache.get(field);
        if (!r) cache.set(field, (r = re(`(?:${alt(language.answerWords[field]?.after ?? [])})$`)));
        return r;
      };
    })(),
    placeNameSuffix: re(`(?:${alt(language.placeNameSuffixes)})$`),
    cancel: re(alt(f.cancelContained)),
  };
}

const compiled = cachedPer(compile);

/** The compiled form phrasings of `language` (the shipped data by default). */
export function formPhrases(language: ConversationLanguage = defaultConversationLanguage()): FormPhrases {
  return compiled(language);
}
