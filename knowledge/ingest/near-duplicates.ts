/**
 * Near-duplicate detection by character shingles over a comparison key
 * (NFKC, white space removed), so a copy that was flattened onto one line or
 * re-spaced ("新时 代", "〔 2021 〕") still matches its original.
 */
import { CHUNKING } from './chunking-params.js';

/** The comparison key: NFKC-folded, all white space removed. */
export function duplicateKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** Character shingles of size `n` of a key (the key itself when shorter). */
export function shingles(key: string, n: number = CHUNKING.dedupShingle): string[] {
  const chars = [...key];
  if (chars.length <= n) return chars.length ? [key] : [];
  const out: string[] = [];
  for (let i = 0; i + n <= chars.length; i += 1) out.push(chars.slice(i, i + n).join(''));
  return out;
}

/**
 * Remembers the text seen so far and tells how much of a new text it already
 * contains, and which earlier entry contains most of it.
 */
export class SeenText<T> {
  private readonly owners = new Map<string, T[]>();

  /** Record `text` as seen, owned by `owner`. */
  add(text: string, owner: T): void {
    for (const s of shingles(duplicateKey(text))) {
      const list = this.owners.get(s);
      if (list) {
        if (list[list.length - 1] !== owner) list.push(owner);
      } else this.owners.set(s, [owner]);
    }
  }

  /**
   * Share of `text`'s shingles already seen (0 when the text is shorter than
   * `minChars`), and the owner that holds most of them.
   */
  containment(text: string, minChars: number = CHUNKING.dedupMinChars): { ratio: number; source?: T } {
    const key = duplicateKey(text);
    if ([...key].length < minChars) return { ratio: 0 };
    const all = shingles(key);
    const votes = new Map<T, number>();
    let hit = 0;
    for (const s of all) {
      const list = this.owners.get(s);
      if (!list) continue;
      hit += 1;
      for (const o of list) votes.set(o, (votes.get(o) ?? 0) + 1);
    }
    let source: T | undefined;
    let best = 0;
    for (const [o, v] of votes) {
      if (v > best) {
        best = v;
        source = o;
      }
    }
    return { ratio: all.length ? hit / all.length : 0, source };
  }
}
