/**
 * The answer layer's cues (knowledge/language/conversation.json: answerCues,
 * contactCues, institutionNames) compiled once per language data. This file
 * holds no phrasing of its own.
 */
import { LevelSchema } from '../../../knowledge/facts/schema.js';
import { defaultConversationLanguage, type ConversationLanguage } from '../../../knowledge/language/schema.js';
import { alternation, cachedPer, phrasesRegex } from '../../phrase-patterns.js';

export interface AnswerCues {
  /** A short elliptical follow-up ("补贴呢？"). */
  elliptical: RegExp;
  howMuch: RegExp;
  examVenue: RegExp;
  /** Particles and punctuation around a bare level ("中级呢？"), removed (global). */
  levelParticles: RegExp;
  eachAsked: RegExp;
  twoTopicsInClause: RegExp;
  /** Where a message splits into clauses: punctuation, spaces, and the joiners ("还有", "顺便问一下"). */
  clauseSplit: RegExp;
  asks: RegExp;
  contacts: {
    technicalQuestion: RegExp;
    technicalPurpose: RegExp;
    institutionQuestion: RegExp;
    institutionName: RegExp;
    policyPurpose: RegExp;
    officePurpose: RegExp;
  };
  institutions: {
    /** A CJK run ending in an institution's ending, not a plain word, with an optional short bracket ("（华东）"); group 1 is the ending. */
    name: RegExp;
    breakers: readonly string[];
    leaders: readonly string[];
    abbreviations: ReadonlyArray<readonly [string, string]>;
  };
}

function compile(language: ConversationLanguage): AnswerCues {
  const a = language.answerCues;
  const c = language.contactCues;
  const n = language.institutionNames;
  return {
    elliptical: new RegExp(a.elliptical, 'u'),
    howMuch: phrasesRegex(a.howMuch),
    examVenue: phrasesRegex(a.examVenue),
    levelParticles: new RegExp(`${alternation(a.particles)}|[?？。!！\\s]`, 'gu'),
    eachAsked: new RegExp(a.eachAsked, 'u'),
    twoTopicsInClause: phrasesRegex(a.twoTopicsInClause),
    clauseSplit: new RegExp(`[，,；;。？?！!\\s]+|${alternation(a.clauseJoiners)}`, 'u'),
    asks: phrasesRegex(a.asks),
    contacts: {
      technicalQuestion: phrasesRegex(c.technicalQuestion, 'i'),
      technicalPurpose: phrasesRegex(c.technicalPurposes),
      institutionQuestion: phrasesRegex(c.institutionQuestion),
      institutionName: phrasesRegex(c.institutionNames),
      policyPurpose: phrasesRegex(c.policyPurposes),
      officePurpose: phrasesRegex(c.officePurposes),
    },
    institutions: {
      name: new RegExp(`[\\u4e00-\\u9fff]+?(${alternation(n.endings)})(?!${alternation(n.notAnEnd)})(?:\\([\\u4e00-\\u9fff]{1,8}\\))?`, 'g'),
      breakers: n.breakers,
      leaders: n.leaders,
      abbreviations: n.abbreviations.map((x) => [x.full, x.short] as const),
    },
  };
}

const compiled = cachedPer(compile);

/** The compiled answer cues of `language` (the shipped data by default). */
export function answerCues(language: ConversationLanguage = defaultConversationLanguage()): AnswerCues {
  return compiled(language);
}

/** Pattern text of a level name (初级, 中级, 高级 — the facts schema's levels). */
export const LEVEL_PATTERN = alternation(LevelSchema.options);

const differences = new WeakMap<readonly string[], RegExp>();
/** What a line states that makes it differ from a similar line: numbers, levels, titles (global). */
export function statedDifferences(titles: readonly string[]): RegExp {
  let r = differences.get(titles);
  if (!r) differences.set(titles, (r = new RegExp(`\\d+|${LEVEL_PATTERN}|${alternation(titles)}`, 'gu')));
  return r;
}
