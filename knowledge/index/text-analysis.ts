/**
 * Text analysis shared by the keyword index and the query side: traditional →
 * simplified conversion (opencc-js), jieba segmentation with the programme's
 * own vocabulary, stopword removal, and expansion of colloquial words into the
 * notices' vocabulary ("退钱" → "退款"). The jieba dictionary takes ~200 ms to
 * load, so it is loaded once, on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { simplifiedConverter } from '../text/simplified-chinese.js';
import { defaultRetrievalLanguage, retrievalLanguageVersion } from '../language/retrieval-schema.js';

/** The vocabulary of segmentation and query expansion: knowledge/language/retrieval.json, checked at load. */
const retrievalLanguage = defaultRetrievalLanguage();

/** Bump when the analysis code changes: part of the index manifest (the vocabulary has its own version below). */
export const ANALYSIS_VERSION = 4;
/** Changes with the retrieval language data (recorded in the index manifest, so an edit rebuilds the index). */
export const VOCABULARY_VERSION = retrievalLanguageVersion();

/** Words jieba must keep whole (the programme's vocabulary and Zaozhuang's districts): language data. */
export const DOMAIN_WORDS: readonly string[] = retrievalLanguage.domainWords;

/**
 * Colloquial words residents use → words the notices use (language data). Expansions weigh
 * EXPANSION_WEIGHT of an original query word.
 */
export const QUERY_EXPANSIONS: Readonly<Record<string, readonly string[]>> = retrievalLanguage.queryExpansions;
export const EXPANSION_WEIGHT = 0.5;

const STOPWORDS: ReadonlySet<string> = new Set(retrievalLanguage.stopwords);

let jieba: Jieba | undefined;
const toCn = simplifiedConverter(['hk', 'tw']);

/**
 * The shared jieba instance with the default dictionary and DOMAIN_WORDS.
 * The dictionary file is read here, once, rather than through
 * `@node-rs/jieba/dict.js`, whose module keeps both dict.txt and idf.txt
 * (11 MB, idf unused) in memory for the life of the process; the bytes
 * handed to jieba are the same.
 */
export function segmenter(): Jieba {
  if (!jieba) {
    const dict = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 100000 n`).join('\n')));
  }
  return jieba;
}

/** Traditional (Hong Kong, then Taiwan variants) → simplified Chinese (text it cannot change is not converted). */
export function toSimplified(text: string): string {
  return toCn(text);
}

/** Word → the first word of its synonym group (language data; see RetrievalLanguageSchema.synonyms). */
export const SYNONYM_HEADS: ReadonlyMap<string, string> = new Map(
  retrievalLanguage.synonyms.flatMap((group) => group.map((w) => [toSimplified(w.normalize('NFKC')).toLowerCase(), group[0]!] as const)),
);

/** The last few queries normalised: one answer normalises the same message for both example indexes and the knowledge base. */
const recentQueries: Array<{ query: string; normalised: string }> = [];

/** Query normalisation: width-folded (NFKC), simplified, lower-case, single spaces. */
export function normaliseQuery(query: string): string {
  for (const q of recentQueries) if (q.query === query) return q.normalised;
  const normalised = toSimplified(query.normalize('NFKC')).toLowerCase().replace(/\s+/gu, ' ').trim();
  recentQueries.unshift({ query, normalised });
  if (recentQueries.length > 4) recentQueries.pop();
  return normalised;
}

/** A token worth indexing: not a stopword, not punctuation or white space. */
function keep(token: string): boolean {
  const t = token.trim();
  return t !== '' && !STOPWORDS.has(t) && /[\p{L}\p{N}]/u.test(t);
}

/** Index terms of a text (documents): jieba search-mode words, lower-cased, stopwords dropped. */
export function analyse(text: string): string[] {
  return searchWords(text.normalize('NFKC').toLowerCase())
    .map((t) => t.trim())
    .filter(keep);
}

/** The last few texts cut in search mode: one answer cuts the same normalised message for the keyword index and the example index. */
const recentCuts: Array<{ text: string; words: readonly string[] }> = [];

/** jieba's search-mode words of `text` (HMM on); read only (callers map them). */
function searchWords(text: string): readonly string[] {
  for (const c of recentCuts) if (c.text === text) return c.words;
  const words = segmenter().cutForSearch(text, true);
  recentCuts.unshift({ text, words });
  if (recentCuts.length > 4) recentCuts.pop();
  return words;
}

/** The content words of a question (jieba's precise mode, stopwords dropped), e.g. for matching against fact texts. */
export function contentWords(text: string): string[] {
  return segmenter()
    .cut(text.normalize('NFKC').toLowerCase(), true)
    .map((t) => t.trim())
    .filter(keep);
}

/** Query terms with weights: the query's own words (1) and their expansions (EXPANSION_WEIGHT). */
export function analyseQuery(normalisedQuery: string): Map<string, number> {
  const terms = new Map<string, number>();
  const tokens = searchWords(normalisedQuery).map((t) => t.trim());
  for (const t of tokens) if (keep(t)) terms.set(t, 1);
  for (const t of tokens) {
    for (const e of QUERY_EXPANSIONS[t] ?? []) {
      if (!terms.has(e)) terms.set(e, EXPANSION_WEIGHT);
    }
  }
  return terms;
}
