/**
 * A comparison key for verbatim quotes: the notices break lines mid-sentence
 * and mix full- and half-width punctuation, so a quote is "in" a document when
 * their keys match: NFKC-folded, all white space removed.
 */
export function matchKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** True when `quote` occurs in `documentText`, ignoring white space and width. */
export function containsQuote(documentText: string, quote: string): boolean {
  const q = matchKey(quote);
  return q.length > 0 && matchKey(documentText).includes(q);
}
