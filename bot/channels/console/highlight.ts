/**
 * Marks the words of a quote that also occur in the question, so staff see
 * at a glance why a clause was picked. Chinese has no spaces, so "words" are
 * character bigrams (and runs of Latin letters or digits) after NFKC folding.
 */
import { html, type SafeHtml } from './html.js';

const WORDY = /[\p{L}\p{N}]/u;

function fold(ch: string): string {
  return ch.normalize('NFKC').toLowerCase();
}

/** The bigrams of the question's letters and digits (punctuation and spaces dropped). */
export function questionBigrams(question: string): Set<string> {
  const chars = [...question].map(fold).filter((c) => WORDY.test(c));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * Character ranges [start, end) (in code points of `quote`) covered by a
 * bigram of the question. Adjacent ranges are merged.
 */
export function matchedRanges(quote: string, question: string): Array<[number, number]> {
  const grams = questionBigrams(question);
  const chars = [...quote];
  const hit = new Array<boolean>(chars.length).fill(false);
  // Pair each wordy character with the next wordy character, skipping spaces and line breaks.
  const positions: number[] = [];
  chars.forEach((c, i) => {
    if (WORDY.test(fold(c))) positions.push(i);
  });
  for (let k = 0; k + 1 < positions.length; k++) {
    const a = positions[k]!;
    const b = positions[k + 1]!;
    if (b - a > 1 && /[^\s]/u.test(chars.slice(a + 1, b).join(''))) continue;
    if (grams.has(fold(chars[a]!) + fold(chars[b]!))) {
      hit[a] = true;
      hit[b] = true;
    }
  }
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < chars.length; i++) {
    if (!hit[i]) continue;
    let j = i;
    while (j + 1 < chars.length && (hit[j + 1] || (/\s/u.test(chars[j + 1]!) && hit[j + 2]))) j++;
    ranges.push([i, j + 1]);
    i = j;
  }
  return ranges;
}

/** The quote as escaped HTML with the matched words wrapped in <mark>. */
export function highlightQuote(quote: string, question: string): SafeHtml {
  const chars = [...quote];
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const [s, e] of matchedRanges(quote, question)) {
    parts.push(html`${chars.slice(at, s).join('')}<mark>${chars.slice(s, e).join('')}</mark>`);
    at = e;
  }
  parts.push(html`${chars.slice(at).join('')}`);
  return html`${parts}`;
}
