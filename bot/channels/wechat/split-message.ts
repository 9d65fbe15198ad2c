/**
 * Splitting of long replies into WeChat-sized messages.
 * Pure: no I/O, no clock.
 */

const SENTENCE_END = /[。！？；!?;\n]/u;

/**
 * Split `text` into pieces of at most `max` characters (Unicode code points),
 * in order, preferring paragraph boundaries (blank lines), then sentence ends
 * (。！？；and newline, punctuation kept with its sentence), and cutting hard
 * only when a single sentence is longer than `max`. Joining the pieces gives
 * back the text up to the whitespace trimmed at the cuts. Empty or blank text
 * gives `[]`. `max` below 1 is treated as 1.
 */
export function splitMessage(text: string, max: number): string[] {
  const limit = Math.max(1, Math.floor(max));
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (length(trimmed) <= limit) return [trimmed];

  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    const t = current.trim();
    if (t !== '') pieces.push(t);
    current = '';
  };

  for (const paragraph of trimmed.split(/\n\s*\n/u)) {
    const para = paragraph.trim();
    if (para === '') continue;
    const joiner = current === '' ? '' : '\n\n';
    if (length(current) + length(joiner) + length(para) <= limit) {
      current += joiner + para;
      continue;
    }
    flush();
    if (length(para) <= limit) {
      current = para;
      continue;
    }
    for (const sentence of sentences(para)) {
      if (length(current) + length(sentence) <= limit) {
        current += sentence;
        continue;
      }
      flush();
      if (length(sentence) <= limit) {
        current = sentence;
        continue;
      }
      for (const chunk of hardCut(sentence, limit)) {
        flush();
        current = chunk;
      }
    }
  }
  flush();
  return pieces;
}

/** Sentences of a paragraph, each keeping its closing punctuation. */
function sentences(paragraph: string): string[] {
  const out: string[] = [];
  let buf = '';
  for (const ch of paragraph) {
    buf += ch;
    if (SENTENCE_END.test(ch)) {
      out.push(buf);
      buf = '';
    }
  }
  if (buf !== '') out.push(buf);
  return out;
}

function hardCut(sentence: string, limit: number): string[] {
  const chars = [...sentence];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += limit) out.push(chars.slice(i, i + limit).join(''));
  return out;
}

/** Length in code points, so an emoji or a rare CJK character counts once. */
function length(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
