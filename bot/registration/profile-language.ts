/**
 * The profile language data (knowledge/language/profile.json) compiled into
 * matchers, with what is a fact taken from the facts table: the titles the
 * notices name and the levels. This file holds no phrasing of its own. It is
 * compiled once per data and facts table (cached), for the engine's stories
 * (bot/engine/understand/extract-profile.ts) and the form (./eligibility.ts,
 * ./extract.ts).
 */
import { readFileSync } from 'node:fs';
import { FactsFileSchema, LevelSchema, type Level } from '../../knowledge/facts/schema.js';
import { defaultProfileLanguage, fillPlaceholders, type ProfileLanguage, type ProfilePlaceholder } from '../../knowledge/language/profile-schema.js';
import { EducationSchema, type Degree, type Education } from '../../tools/eligibility-check.js';
import { FactsTable } from '../../tools/facts-table.js';
import { NUMBER_PATTERN, YEAR_MONTH_PATTERN, type DurationWords } from '../chinese-quantities.js';
import { alternation, phrasesRegex } from '../phrase-patterns.js';

/** The titles the facts name: those title rules lead to, and those eligibility clauses require (table order). */
export function factTitles(facts: FactsTable): { all: string[]; inConditions: string[] } {
  const all: string[] = [];
  const inConditions: string[] = [];
  for (const f of facts.all()) {
    if (f.kind === 'title' && f.title) all.push(f.title);
    if (f.kind === 'eligibility') {
      for (const c of f.clauses) for (const cond of c.all) if (cond.kind === 'title') for (const t of cond.anyOf) all.push(t), inConditions.push(t);
    }
  }
  return { all: [...new Set(all)], inConditions: [...new Set(inConditions)] };
}

export interface CompiledProfileLanguage {
  readonly data: ProfileLanguage;
  /** The facts schema's levels. */
  readonly levels: readonly Level[];
  education: {
    /** Highest first: in a story (with `inStories` words). */
    story: ReadonlyArray<readonly [Education, RegExp]>;
    /** Highest first: in the form's 学历 answer. */
    answer: ReadonlyArray<readonly [Education, RegExp]>;
    /** Any education word that makes a form message's segment the 学历 (not a kind of school, which may be an employer). */
    any: RegExp;
    /** Degree phrases removed before the education is read. */
    notEducation: RegExp;
    /** A denied level ("没本科"), removed before the education is read (global). */
    negated: RegExp;
  };
  /** The degrees a text names (in the data's order); `inEducationAnswer` for the form's 学历 answer. */
  degrees(text: string, inEducationAnswer: boolean): Degree[];
  studying: { any: RegExp; graduatingThisYear: RegExp; notGraduatingThisYear: RegExp };
  titles: {
    /** Every known title, longest first: the data's gazetteer and the facts' titles. */
    known: readonly string[];
    /** The known title a text holds (the longest), if any. */
    knownIn(text: string): string | undefined;
    /** The titles a story holds, in order. */
    inStory(text: string): string[];
    none: RegExp;
  };
  certificates: { held: RegExp; notLevel: RegExp; none: RegExp; asRequirement?: RegExp };
  years: { sinceTitle: RegExp; sinceCertificate: RegExp; work: RegExp; noWork: RegExp; duration: DurationWords };
  dated: { certificate: RegExp; title: RegExp; work: RegExp; ongoing: RegExp };
  relatedMajor: RegExp;
  retirement: { words: RegExp; others: RegExp };
  answers: ProfileLanguage['answers'];
}

function compile(data: ProfileLanguage, facts: FactsTable): CompiledProfileLanguage {
  const fromFacts = factTitles(facts);
  const levels = LevelSchema.options;
  // Every level is recognised by its own name, highest first; the data adds the other words.
  const byRank = [...EducationSchema.options].reverse().map((level) => ({ level, words: [], schools: [], inStories: [], ...data.education.find((e) => e.level === level) }));
  const storyTitles = [...new Set([...data.titles.inStories, ...fromFacts.all])].sort((a, b) => b.length - a.length);
  const synonyms = new Map(data.titles.synonyms.flatMap((s) => s.words.map((w) => [w, s.title] as const)));
  const storyWords = [...storyTitles, ...[...synonyms].filter(([, t]) => storyTitles.includes(t)).map(([w]) => w)];
  const known = [...new Set([...data.titles.names, ...fromFacts.all])].sort((a, b) => b.length - a.length);
  const fill = (source: string) =>
    fillPlaceholders(source, (name: ProfilePlaceholder) => {
      switch (name) {
        case 'level':
          return `(?:${alternation(levels)})`;
        case 'title':
          return `(?:${alternation(storyWords)})`;
        case 'conditionTitle':
          return `(?:${alternation(fromFacts.inConditions)})`;
        case 'number':
          return NUMBER_PATTERN;
        case 'date':
          return YEAR_MONTH_PATTERN;
      }
    });
  const pattern = (source: string, flags = '') => new RegExp(fill(source), 'u' + flags);
  const anyOf = (sources: readonly string[], flags = '') => new RegExp(sources.map((s) => `(?:${fill(s)})`).join('|'), 'u' + flags);

  const degreeScan = (inAnswer: boolean) => {
    const word = new Map<string, Degree>();
    for (const d of data.degrees.named) for (const w of [...d.words, ...(inAnswer ? d.inEducationAnswer : [])]) if (!word.has(w)) word.set(w, d.degree);
    return { re: phrasesRegex([...word.keys()], 'g'), word };
  };
  const degreeStory = degreeScan(false);
  const degreeAnswer = degreeScan(true);
  const storyTitleRe = phrasesRegex(storyWords, 'g');
  const countsAs = pattern(data.titles.countsAs, 'g');
  const contextual = data.titles.contextual.map((c) => ({ title: c.title, when: phrasesRegex(c.when), unless: phrasesRegex(c.unless) }));

  return {
    data,
    levels,
    education: {
      story: byRank.map((e) => [e.level, phrasesRegex([e.level, ...e.words, ...e.schools, ...e.inStories])] as const),
      answer: byRank.map((e) => [e.level, phrasesRegex([e.level, ...e.words, ...e.schools])] as const),
      any: phrasesRegex(byRank.flatMap((e) => [e.level, ...e.words])),
      notEducation: phrasesRegex(data.degrees.notEducation, 'g'),
      // Never matches when the data lists no negation words.
      negated: data.educationNegations.length
        ? new RegExp(`(?:${alternation(data.educationNegations)})(?:${alternation(byRank.flatMap((e) => [e.level, ...e.words]))})`, 'gu')
        : /(?!)/gu,
    },
    degrees(text, inEducationAnswer) {
      const scan = inEducationAnswer ? degreeAnswer : degreeStory;
      const found = new Set([...text.matchAll(scan.re)].map((m) => scan.word.get(m[0])!));
      return data.degrees.named.map((d) => d.degree).filter((d) => found.has(d));
    },
    studying: {
      any: phrasesRegex([...data.studying.words, ...data.studying.graduatingThisYear]),
      graduatingThisYear: phrasesRegex(data.studying.graduatingThisYear),
      notGraduatingThisYear: phrasesRegex(data.studying.notGraduatingThisYear),
    },
    titles: {
      known,
      knownIn: (text) => known.find((t) => text.includes(t)),
      inStory(text) {
        // "能算助理工程师吗" asks what something counts as; it does not say the resident holds the title.
        const held = text.replace(countsAs, '');
        const found = new Set([...held.matchAll(storyTitleRe)].map((m) => synonyms.get(m[0]) ?? m[0]));
        return storyTitles.filter((t) => {
          if (!found.has(t)) return false;
          const c = contextual.find((x) => x.title === t);
          if (!c) return true;
          return c.when.test(held) && !c.unless.test(held) && ![...found].some((o) => o !== t && o.includes(t));
        });
      },
      none: phrasesRegex(data.titles.none),
    },
    certificates: {
      held: anyOf(data.certificates.held, 'g'),
      notLevel: phrasesRegex(data.certificates.notLevel),
      none: anyOf(data.certificates.none),
      ...(data.certificates.asRequirement ? { asRequirement: anyOf([data.certificates.asRequirement]) } : {}),
    },
    years: {
      sinceTitle: pattern(data.years.sinceTitle),
      sinceCertificate: pattern(data.years.sinceCertificate),
      work: phrasesRegex(data.years.work),
      noWork: phrasesRegex(data.years.noWork),
      duration: data.years,
    },
    dated: {
      certificate: pattern(data.dated.certificate),
      title: pattern(data.dated.title),
      work: pattern(data.dated.work),
      ongoing: pattern(data.dated.ongoing),
    },
    relatedMajor: phrasesRegex(data.relatedMajor),
    retirement: {
      words: phrasesRegex(data.retirement.words),
      others: new RegExp(`(?:${alternation(data.retirement.others)})[^，。,.]{0,4}(?:${alternation(data.retirement.othersRetired)})`, 'u'),
    },
    answers: data.answers,
  };
}

let shippedFacts: FactsTable | undefined;
/** The shipped facts table (knowledge/facts/facts.json), for callers that have none at hand. */
function defaultFacts(): FactsTable {
  shippedFacts ??= new FactsTable(FactsFileSchema.parse(JSON.parse(readFileSync(new URL('../../knowledge/facts/facts.json', import.meta.url), 'utf8'))));
  return shippedFacts;
}

let current: { data: ProfileLanguage; facts?: FactsTable } = { data: defaultProfileLanguage() };
const cache = new WeakMap<ProfileLanguage, WeakMap<FactsTable, CompiledProfileLanguage>>();

/** The compiled profile language over `facts` (else the facts given to useProfileLanguage, else the shipped table). */
export function profileLanguage(facts?: FactsTable, data: ProfileLanguage = current.data): CompiledProfileLanguage {
  const table = facts ?? current.facts ?? defaultFacts();
  let byFacts = cache.get(data);
  if (!byFacts) cache.set(data, (byFacts = new WeakMap()));
  let c = byFacts.get(table);
  if (!c) byFacts.set(table, (c = compile(data, table)));
  return c;
}

/**
 * Understand profiles with this language data (and, when given, this facts
 * table for callers that pass none) from now on: createApp with the data
 * and facts it loaded; tests to prove a phrasing added to the data works
 * without a code change.
 */
export function useProfileLanguage(data: ProfileLanguage, facts?: FactsTable): void {
  current = { data, ...(facts ? { facts } : {}) };
}
