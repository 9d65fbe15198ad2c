/**
 * Homophone typos, in general rather than one by one: a run of 2–6 Chinese
 * characters that sounds exactly like a word of the domain (same pinyin,
 * tones ignored) but is written differently, and that appears nowhere in
 * the notices' own text, is that word: 枣壮 -> 枣庄, 培训废 -> 培训费,
 * 不贴 -> 补贴, 社宝 -> 社保, 英材卡 -> 英才卡, 助里 -> 助理.
 *
 * The domain words are the language data's cue words, rewrite targets and
 * retrieval's whole words, and the facts table's own names (regions and their places, occupations,
 * titles, labels) — not every word of the notices: common words there
 * (按时, 实现, 工业) sound like everyday speech (俺是, 是线, 公也) and would
 * rewrite it. A run that does occur in the notices (学士 beside 学时)
 * is a real word and is never replaced, nor is a run jieba's dictionary
 * holds as one word (完了 beside 晚了, 不能); a sound shared by two domain
 * words is ambiguous and replaces nothing.
 *
 * pinyin-pro does the reading (a maintained dictionary with polyphone
 * context); each character's reading is looked up once and cached, so a
 * message costs a few map lookups per character.
 */
import { pinyin } from 'pinyin-pro';
import type { FactsTable } from '../../../tools/facts-table.js';
import { TOPIC_CUES, REWRITES } from './lexicon.js';
import { segmenter, DOMAIN_WORDS } from '../../../knowledge/index/text-analysis.js';

const HAN = /^\p{Script=Han}+$/u;
const readings = new Map<string, string>();

/** The toneless reading of one character (its most common one). */
function readingOf(char: string): string {
  let r = readings.get(char);
  if (r === undefined) {
    r = pinyin(char, { toneType: 'none', type: 'array' })[0] ?? char;
    readings.set(char, r);
  }
  return r;
}

/** Per character: whether it is Han (HAN.test), kept like the readings (a message repeats few characters). */
const hanChars = new Map<string, boolean>();

function isHan(char: string): boolean {
  let h = hanChars.get(char);
  if (h === undefined) {
    h = HAN.test(char);
    if (hanChars.size < 100_000) hanChars.set(char, h);
  }
  return h;
}

/** True when jieba's dictionary holds the run as one word (完了, 不能): a real word, not a typo. */
function isWord(run: string): boolean {
  const cut = segmenter().cut(run, false);
  return cut.length === 1 && cut[0] === run;
}

function keyOf(chars: readonly string[]): string {
  return chars.map(readingOf).join(' ');
}


interface Vocabulary {
  /** Reading -> the one domain word with it (ambiguous readings are left out). */
  bySound: Map<string, string>;
  /** Every reading of two syllables or more that begins some reading of bySound: a run whose reading is none of these can grow into no word. */
  soundPrefixes: Set<string>;
  /** Every text the notices and the facts hold, to tell real words from typos. */
  known: string;
}

const cache = new WeakMap<FactsTable, { vocabulary: Vocabulary; cues: typeof TOPIC_CUES }>();

function domainWords(facts: FactsTable): Set<string> {
  const words = new Set<string>();
  const add = (w: string) => {
    const t = w.trim();
    if ([...t].length >= 2 && [...t].length <= 6 && HAN.test(t)) words.add(t);
  };
  for (const t of TOPIC_CUES) for (const [cue] of t.cues) add(cue);
  for (const [, to] of REWRITES) add(to);
  // The words retrieval keeps whole (石油大学, 惠才卡) are the domain's own terms too.
  for (const w of DOMAIN_WORDS) add(w);
  for (const r of facts.regions) {
    add(r.region);
    for (const n of r.names) add(n);
  }
  for (const f of facts.all()) {
    if ('occupation' in f && typeof f.occupation === 'string') add(f.occupation);
    if (f.kind === 'occupation') for (const a of f.aliases) add(a);
    if ('label' in f && typeof f.label === 'string') for (const part of f.label.split(/[（）()、，\s]/u)) add(part);
  }
  return words;
}

function vocabularyOf(facts: FactsTable): Vocabulary {
  const hit = cache.get(facts);
  // The cue words are live bindings of the language data: rebuild when it was swapped.
  if (hit && hit.cues === TOPIC_CUES) return hit.vocabulary;
  // Everything the facts hold (quotes, clauses, statements, labels, names) is text of the notices.
  const known = facts
    .all()
    .map((f) => JSON.stringify(f))
    .join('\n');
  const bySound = new Map<string, string>();
  const ambiguous = new Set<string>();
  // Only terms the notices themselves use are targets (补贴, 英才卡, 枣庄); a cue phrase of speech
  // (晚了, 教什么) is not, or "补贴完了" and "叫什么卡" would be rewritten into it.
  for (const w of domainWords(facts)) {
    if (!known.includes(w)) continue;
    const key = keyOf([...w]);
    const other = bySound.get(key);
    if (other !== undefined && other !== w) ambiguous.add(key);
    else bySound.set(key, w);
  }
  for (const key of ambiguous) bySound.delete(key);
  const soundPrefixes = new Set<string>();
  for (const word of bySound.values()) {
    const chars = [...word];
    for (let n = 2; n <= chars.length; n++) soundPrefixes.add(keyOf(chars.slice(0, n)));
  }
  const vocabulary = { bySound, soundPrefixes, known };
  cache.set(facts, { vocabulary, cues: TOPIC_CUES });
  return vocabulary;
}

/** True when some run (anywhere, boundaries aside) sounds like a domain word but is written differently. */
function hasMiswrittenRun(chars: readonly string[], han: readonly boolean[], sound: readonly string[], bySound: Map<string, string>, soundPrefixes: Set<string>): boolean {
  for (let i = 0; i < chars.length; i++) {
    if (!han[i]) continue;
    let key = sound[i]!;
    for (let len = 2; len <= 6 && i + len <= chars.length && han[i + len - 1]; len++) {
      key += ` ${sound[i + len - 1]}`;
      if (!soundPrefixes.has(key)) break;
      const word = bySound.get(key);
      if (word !== undefined && word !== chars.slice(i, i + len).join('')) return true;
    }
  }
  return false;
}

/** `text` with every homophone typo of a domain word replaced by the word (longest runs first). */
export function fixHomophones(text: string, facts: FactsTable): string {
  const once = fixPass(text, facts);
  // A fixed word changes how jieba cuts the rest ("大数剧出级" → 大数据/出级): one more pass on the fixed text.
  return once === text ? text : fixPass(once, facts);
}

function fixPass(text: string, facts: FactsTable): string {
  const { bySound, soundPrefixes, known } = vocabularyOf(facts);
  const chars = [...text];
  const han = chars.map(isHan);
  const sound = chars.map((c, k) => (han[k] ? readingOf(c) : ''));
  // Most messages hold no run that sounds like a domain word and is written otherwise: then nothing is
  // replaced whatever the word boundaries are, and the message need not be cut.
  if (!hasMiswrittenRun(chars, han, sound, bySound, soundPrefixes)) return text;
  // A run must start and end where jieba's words of the message do: "能不能" is 能/不能, so "能不"
  // (neng bu, like the cue 能补) is no run at all, nor "完了" inside 考完/了.
  const boundaries = new Set<number>([0]);
  let at = 0;
  for (const token of segmenter().cut(text, true)) boundaries.add((at += [...token].length));
  const out: string[] = [];
  let i = 0;
  while (i < chars.length) {
    // The longest run from here that sounds like a domain word but is not written as one.
    let best: { word: string; len: number } | undefined;
    // A run of three syllables or more that sounds like a domain word is one whatever jieba makes of a
    // miswritten message ("大数剧出级" is cut 大数/剧出级): two syllables must keep to its words.
    if (han[i]) {
      let key = sound[i]!;
      for (let len = 2; len <= 6 && i + len <= chars.length && han[i + len - 1]; len++) {
        key += ` ${sound[i + len - 1]}`;
        // No domain word's reading begins so: no longer run from here is one either.
        if (!soundPrefixes.has(key)) break;
        const word = bySound.get(key);
        if (word === undefined || (len < 3 && !(boundaries.has(i) && boundaries.has(i + len)))) continue;
        const written = chars.slice(i, i + len).join('');
        if (word !== written && !known.includes(written) && !isWord(written)) best = { word, len };
        else if (word === written) best = undefined; // written right: keep the longer correct word
      }
    }
    if (best) {
      out.push(best.word);
      i += best.len;
    } else out.push(chars[i++]!);
  }
  return out.join('');
}
