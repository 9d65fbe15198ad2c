/**
 * Phrases of the language data (knowledge/language/*.json) turned into
 * regular expressions: an alternation of literal phrases, longest first, so
 * an operator's list is matched as written (no regex syntax to learn).
 */

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** The alternation of the phrases, longest first (第二学士 before 学士); never matches when empty. */
export function alternation(words: readonly string[], normalise: (s: string) => string = (s) => s): string {
  const unique = [...new Set(words.map(normalise))].filter((w) => w !== '');
  return unique.length ? unique.sort((a, b) => b.length - a.length).map(escape).join('|') : '(?!)';
}

/** A regular expression (Unicode flag) matching any of the phrases. */
export function phrasesRegex(words: readonly string[], flags = ''): RegExp {
  return new RegExp(alternation(words), 'u' + flags);
}

/** NFKC, as form answers are compared (（ -> (, ： -> :). */
export const nfkc = (s: string) => s.normalize('NFKC');

/** Compile once per language data object (the data are immutable once loaded). */
export function cachedPer<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) cache.set(key, (v = make(key)));
    return v;
  };
}
