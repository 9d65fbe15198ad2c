/**
 * The language data of a resident's profile: how residents say their
 * education, degrees, titles, certificates, years of work and retirement, and
 * how they answer the bot's own eligibility questions ("没有", "两年", "是").
 * Used by the engine (a story in a question: bot/engine/understand/extract-profile.ts)
 * and by the registration form (bot/registration/eligibility.ts, extract.ts).
 * An operator edits knowledge/language/profile.json; the bot checks it at start
 * and refuses a bad file naming the entry.
 *
 * What is a fact is not written here: the titles the notices name (助理工程师,
 * 工程师, 技术员) come from the facts table, and so does every level; the
 * education levels and degrees are the eligibility tool's own values
 * (tools/eligibility-check.ts), each recognised by its own name — the data
 * only adds the other words residents use for them.
 *
 * Phrases match where they occur in the message. Patterns are regular
 * expressions written as text (Unicode flag), for what needs words in between;
 * they may use these placeholders, filled in when the data is compiled:
 *   {level}           a level (初级, 中级, 高级 — the facts schema's levels)
 *   {title}           a title a story counts (the facts' titles, `titles.inStories`, their synonyms)
 *   {conditionTitle}  a title an eligibility clause of the facts names
 *   {number}          a number in digits or Chinese numerals (3, 两, 十一, 半)
 *   {date}            a calendar year with an optional month ("2021年", "2021年3月")
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DegreeSchema, EducationSchema } from '../../tools/eligibility-check.js';

export const PROFILE_PLACEHOLDERS = ['level', 'title', 'conditionTitle', 'number', 'date'] as const;
export type ProfilePlaceholder = (typeof PROFILE_PLACEHOLDERS)[number];

/** Fill a pattern's placeholders; an unknown one is an error. */
export function fillPlaceholders(source: string, fill: (name: ProfilePlaceholder) => string): string {
  return source.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    if (!(PROFILE_PLACEHOLDERS as readonly string[]).includes(name)) throw new Error(`unknown placeholder ${whole}`);
    return fill(name as ProfilePlaceholder);
  });
}

/** What a placeholder stands for when a pattern is only checked (any text of the right shape). */
const CHECK_FILL: Record<ProfilePlaceholder, string> = {
  level: '(?:x)',
  title: '(?:x)',
  conditionTitle: '(?:x)',
  number: '(?:\\d+)',
  date: '(?<year>\\d{4})(?:(?<month>\\d{1,2}))?',
};

function compiles(source: string): boolean {
  try {
    new RegExp(fillPlaceholders(source, (name) => CHECK_FILL[name]), 'u');
    return true;
  } catch {
    return false;
  }
}

/** A regular expression written as its source text, with placeholders; it must compile (with the Unicode flag). */
const Pattern = z.string().min(1).refine(compiles, { message: 'not a valid regular expression (or an unknown {placeholder})' });
/** A pattern about a dated event: it names the date once ({date}). */
const DatedPattern = Pattern.refine((s) => s.split('{date}').length === 2, { message: 'must contain {date} exactly once' });
const Phrase = z.string().min(1);
const Phrases = z.array(Phrase);
const SomePhrases = Phrases.min(1);

const unique = <T>(key: (x: T) => string, what: string) =>
  (xs: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const x of xs) {
      const k = key(x);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `${what} ${k} is listed twice` });
      seen.add(k);
    }
  };

export const ProfileLanguageSchema = z.object({
  /**
   * Words for each education level besides its own name ("大专" for 专科). `words` count in a
   * story and in the form's answers; `inStories` only in a story ("大四" tells a student's year,
   * not what to write in the 学历 field); `schools` are kinds of school ("技师学院") that give the
   * level in a story and in the 学历 answer, but a form message naming one ("枣庄技师学院") may
   * just as well name an employer. The highest level named wins.
   */
  education: z
    .array(z.object({ level: EducationSchema, words: Phrases, inStories: Phrases.default([]), schools: Phrases.default([]) }))
    .superRefine(unique((e) => e.level, 'education level')),
  /** Words that deny the education named right after them ("没本科", "不是大专"): that level is not the resident's. */
  educationNegations: Phrases.default([]),
  degrees: z.object({
    /**
     * How each degree is named; listed in the order a profile lists them. `inEducationAnswer`:
     * words that name the degree only inside the form's 学历 answer (there "学士" is the degree).
     * Where one name contains another ("第二学士学位"), the one that starts first and is longest wins.
     */
    named: z
      .array(z.object({ degree: DegreeSchema, words: SomePhrases, inEducationAnswer: Phrases.default([]) }))
      .superRefine(unique((d) => d.degree, 'degree')),
    /** Phrases naming a degree that must not be read as an education level ("硕士学位" is not 硕士 study). */
    notEducation: Phrases,
    /**
     * "我硕士": the degree a graduate of that education usually holds, assumed when the story names no degree;
     * the answer then says it assumed it (学历 and 学位 are separate, and review decides).
     */
    impliedByEducation: z.array(z.object({ education: EducationSchema, degree: DegreeSchema })).default([]),
    /** …unless the story speaks of degrees itself ("硕士 没拿到学位"): then only a degree it names counts. */
    notImpliedWhen: Phrases.default([]),
  }),
  /** Still studying: `words` and `graduatingThisYear` say so; `notGraduatingThisYear` (大三) means no degree yet. */
  studying: z.object({ words: SomePhrases, graduatingThisYear: SomePhrases, notGraduatingThisYear: SomePhrases }),
  titles: z.object({
    /** Professional titles residents hold besides those the facts name (a gazetteer: the form keeps a title's plain name). */
    names: Phrases,
    /** Other words for a title ("高工" for 高级工程师). */
    synonyms: z.array(z.object({ title: Phrase, words: SomePhrases })),
    /** Titles of `names` that count in a story besides the facts' own titles (the others are often what is asked about). */
    inStories: Phrases,
    /**
     * Titles that count in a story only with one of the `when` words and none of the `unless` words
     * ("工程师" is also part of the programme's name), and not when a longer title holding it was named.
     */
    contextual: z.array(z.object({ title: Phrase, when: SomePhrases, unless: Phrases })),
    /** Asking what something counts as ("能算助理工程师吗"): the title named there is not held. */
    countsAs: Pattern,
    /** Saying one has no title, anywhere in a story. */
    none: SomePhrases,
  }),
  certificates: z.object({
    /** Holding a level certificate; the level named in the match is the certificate's. */
    held: z.array(Pattern).min(1),
    /** Words near a match that make it another certificate (培训合格证书 is not a level certificate). */
    notLevel: Phrases,
    /** Saying one holds no level certificate. */
    none: z.array(Pattern).min(1),
    /**
     * Words just before a match that make it a question about a requirement, not a certificate held
     * ("报中级必须先有初级证吗", "一定要有初级证书吗"): the pattern is tested on the text before the match.
     */
    asRequirement: Pattern.optional(),
  }),
  years: z.object({
    /** Years counted since the title ("取得助理工程师三年"): the clause holding the match gives them. */
    sinceTitle: Pattern,
    /** Years counted since the level certificate ("拿证两年"). */
    sinceCertificate: Pattern,
    /** A clause with years and one of these words gives the years of work. */
    work: SomePhrases,
    /** No work yet (0 years of work). */
    noWork: SomePhrases,
    /** Whole answers that mean no years at all ("没有", "刚开始"). */
    zero: SomePhrases,
    /** Words before a duration that leave it as it is ("大概三年", "满一年三个月"). */
    approximately: Phrases,
    /** Words before a duration that make it a little less ("快四年" does not meet a four-year clause). */
    under: Phrases,
    /** Words after a duration ("三年了", "两年多"). */
    trailing: Phrases,
  }),
  /** Events with a date ("2021年考的初级证"): years since then, on the injected clock. */
  dated: z.object({
    certificate: DatedPattern,
    title: DatedPattern,
    /** The start of work ("2015年毕业后…"); it counts only with `ongoing` in the message ("一直做…", "参加工作"). */
    work: DatedPattern,
    ongoing: Pattern,
  }),
  /** Words saying the major is related to the occupation. */
  relatedMajor: SomePhrases,
  retirement: z.object({
    /** The resident is retired. */
    words: SomePhrases,
    /** Someone else's retirement ("我爸退休了") says nothing about the resident: these people… */
    others: SomePhrases,
    /** …followed closely by these words. */
    othersRetired: SomePhrases,
  }),
  /** Short answers to the bot's own eligibility question. */
  answers: z.object({
    /** "None" to a question about certificates, degrees or titles ("没有", "暂无"). */
    none: SomePhrases,
    /** How a yes opens ("是的", "对", "有", "相关"). */
    yesOpenings: SomePhrases,
    /** How a no opens ("不是", "没有", "否", "无关"). */
    noOpenings: SomePhrases,
  }),
});
export type ProfileLanguage = z.infer<typeof ProfileLanguageSchema>;
export type ProfileLanguageInput = z.input<typeof ProfileLanguageSchema>;

/** Parse and validate a profile language file; throws naming every bad entry (start-up refuses a bad file). */
export function loadProfileLanguage(path: string): ProfileLanguage {
  return parseProfileLanguage(JSON.parse(readFileSync(path, 'utf8')), path);
}

/** Validate profile language data (e.g. an edited copy); throws naming every bad entry. */
export function parseProfileLanguage(data: unknown, where = 'profile language data'): ProfileLanguage {
  const parsed = ProfileLanguageSchema.safeParse(data);
  if (!parsed.success) throw new Error(`language data ${where} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

let shipped: ProfileLanguage | undefined;
/** The shipped profile language data (knowledge/language/profile.json), loaded and validated once. */
export function defaultProfileLanguage(): ProfileLanguage {
  shipped ??= loadProfileLanguage(new URL('./profile.json', import.meta.url).pathname);
  return shipped;
}
