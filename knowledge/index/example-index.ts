/**
 * Nearest labelled examples of a message: TF-IDF cosine similarity over
 * jieba content words (weight 1) and character bigrams (weight
 * BIGRAM_WEIGHT, which carry typos and words jieba cuts differently), read
 * through an inverted index. (Single characters as a third feature were
 * measured: the same accuracy on the eval sets, at several times the
 * postings read per message, so they are not used.) Labels are topics, intents or fact ids; the
 * votes of the k nearest examples give each label a share and a best
 * similarity, which callers use as a confidence.
 *
 * Why not LangChain's BM25Retriever or the HNSW store: BM25 scores are not
 * comparable across messages (no fixed scale to put a threshold on), and
 * the vector store answers one nearest list per call with copies; a cosine in
 * [0, 1] over ~3,000 short examples through postings is one pass with no
 * allocation per example, measured at a few microseconds a message in
 * `npm run bench`.
 */
import { analyse, normaliseQuery, SYNONYM_HEADS } from './text-analysis.js';

export const BIGRAM_WEIGHT = 0.5;
/** Neighbours that vote. */
export const NEIGHBOURS = 7;

export interface LabelledExample<L extends string> {
  label: L;
  text: string;
}

export interface LabelVote<L extends string> {
  label: L;
  /** Cosine of the label's nearest example, 0..1. */
  similarity: number;
  /** The label's part of the neighbours' votes (similarity-weighted), 0..1. */
  share: number;
  /** The nearest example of the label (for the trace and the console). */
  example: string;
}

type Vector = Map<string, number>;

/** Terms of a text: content words (a synonym as its group's first word), and character bigrams of Han/Latin/digit runs (prefixed so they never meet a word). */
function terms(text: string, strip: readonly string[]): Vector {
  let t = normaliseQuery(text);
  for (const s of strip) if (s && t.includes(s)) t = t.split(s).join(' ');
  const v: Vector = new Map();
  for (const word of analyse(t)) {
    const w = SYNONYM_HEADS.get(word) ?? word;
    v.set(w, (v.get(w) ?? 0) + 1);
  }
  for (const run of t.match(/[\p{Script=Han}a-z0-9]+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const g = `\u0001${run.slice(i, i + 2)}`;
      v.set(g, (v.get(g) ?? 0) + BIGRAM_WEIGHT);
    }
  }
  return v;
}

/** A bigram's two UTF-16 code units from `at` as one 32-bit integer (small integers are the cheapest Map keys). */
function bigramKey(text: string, at: number): number {
  return (text.charCodeAt(at) << 16) | text.charCodeAt(at + 1);
}

/**
 * `terms` of a message, for the search side: its words (string keys, counts as in `terms`) and its
 * bigrams by bigramKey, each map in `terms`' order (words first, then bigrams, by first occurrence),
 * so the caller reads the same terms in the same order with the same frequencies. A word that starts
 * with the bigrams' prefix could be the same key as a bigram there: then `terms` itself is returned
 * (as `words`, with no `bigrams`).
 */
function queryTerms(text: string, strip: readonly string[]): { words: Vector; bigrams?: Map<number, number> } {
  let t = normaliseQuery(text);
  for (const s of strip) if (s && t.includes(s)) t = t.split(s).join(' ');
  const words: Vector = new Map();
  for (const word of analyse(t)) {
    if (word.charCodeAt(0) === 1) return { words: terms(text, strip) };
    const w = SYNONYM_HEADS.get(word) ?? word;
    words.set(w, (words.get(w) ?? 0) + 1);
  }
  const bigrams = new Map<number, number>();
  for (const run of t.match(/[\p{Script=Han}a-z0-9]+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const key = bigramKey(run, i);
      bigrams.set(key, (bigrams.get(key) ?? 0) + BIGRAM_WEIGHT);
    }
  }
  return { words, bigrams };
}

export class ExampleIndex<L extends string> {
  /** Per term: its idf, the examples holding it and the term's normalised weight in each, in example order. */
  private readonly postings = new Map<string, { idf: number; from: number; to: number }>();
  /** The bigram terms' postings (the same entries) by bigramKey of their two code units. */
  private readonly bigramPostings = new Map<number, { idf: number; from: number; to: number }>();
  /** Every term's postings, one after the other (one block of memory: fewer cache misses per query). */
  private allDocs: Uint32Array = new Uint32Array(0);
  private allWeights: Float64Array = new Float64Array(0);
  /** Scratch score per example, reused by every call (nearest is synchronous); zero between calls. */
  private readonly scores: Float64Array;
  /** Scratch bit per example (32 to a word): the examples the current search touched; zero between calls. */
  private readonly touched: Int32Array;
  /** The last few queries and their neighbours: one answer asks an index about the same message several times. */
  private readonly recent: Array<{ text: string; k: number; near: Array<{ label: L; text: string; similarity: number }> }> = [];
  private readonly labels: L[] = [];
  private readonly texts: string[] = [];
  private readonly maxIdf: number;
  readonly size: number;

  /**
   * @param strip words removed from examples and messages before analysis (the slots: place and
   * occupation names, levels), so that what a message is about, not where, decides its label.
   */
  constructor(
    examples: ReadonlyArray<LabelledExample<L>>,
    private readonly strip: readonly string[] = [],
    /** Applied to every example before analysis: the same normalisation the messages had (rewrites of typos and colloquial words). */
    prepare: (text: string) => string = (t) => t,
    /** Weigh terms by their rarity among labels too (for a few labels with many examples each, like topics). */
    labelRarity = false,
  ) {
    this.size = examples.length;
    // Every example's terms as interned ids with their frequencies, one flat run per example (a Map per
    // example kept to the end was most of what building the index allocated and kept alive).
    const ids = new Map<string, number>();
    const names: string[] = [];
    const df: number[] = [];
    const starts: number[] = [0];
    const termIds: number[] = [];
    const tfs: number[] = [];
    for (const e of examples) {
      for (const [term, tf] of terms(prepare(e.text), strip)) {
        let id = ids.get(term);
        if (id === undefined) {
          id = names.length;
          ids.set(term, id);
          names.push(term);
          df.push(0);
        }
        df[id]! += 1;
        termIds.push(id);
        tfs.push(tf);
      }
      starts.push(termIds.length);
    }
    // A term's postings are its df examples: their places in the one block are known before filling it.
    const from = new Int32Array(names.length + 1);
    for (let id = 0; id < names.length; id++) from[id + 1] = from[id]! + df[id]!;
    this.allDocs = new Uint32Array(from[names.length]!);
    this.allWeights = new Float64Array(from[names.length]!);
    let next = from.slice(0, names.length);
    for (let i = 0; i < examples.length; i++) for (let j = starts[i]!; j < starts[i + 1]!; j++) this.allDocs[next[termIds[j]!]!++] = i;
    // A term's weight is its rarity among examples times its rarity among labels: "培训费" is in the
    // examples of fee, refund, process and net-cost alike and tells them apart less than "退" does.
    const labelIds = new Map<L, number>();
    for (const e of examples) if (!labelIds.has(e.label)) labelIds.set(e.label, labelIds.size);
    const labelOf = Int32Array.from(examples, (e) => labelIds.get(e.label)!);
    const seenBy = new Int32Array(labelIds.size).fill(-1);
    const idf = new Float64Array(names.length);
    for (let id = 0; id < names.length; id++) {
      let icf = 1;
      if (labelRarity) {
        let labels = 0;
        for (let p = from[id]!; p < from[id + 1]!; p++) {
          const label = labelOf[this.allDocs[p]!]!;
          if (seenBy[label] !== id) {
            seenBy[label] = id;
            labels++;
          }
        }
        icf = Math.log(1 + labelIds.size / labels);
      }
      idf[id] = Math.log(1 + this.size / df[id]!) * icf;
    }
    this.maxIdf = Math.max(0, ...idf);
    next = from.slice(0, names.length);
    const weighted: number[] = [];
    examples.forEach((e, i) => {
      let norm = 0;
      weighted.length = 0;
      for (let j = starts[i]!; j < starts[i + 1]!; j++) {
        const w = tfs[j]! * idf[termIds[j]!]!;
        weighted.push(w);
        norm += w * w;
      }
      norm = Math.sqrt(norm) || 1;
      for (let j = starts[i]!; j < starts[i + 1]!; j++) this.allWeights[next[termIds[j]!]!++] = weighted[j - starts[i]!]! / norm;
      this.labels.push(e.label);
      this.texts.push(e.text);
    });
    for (let id = 0; id < names.length; id++) {
      const name = names[id]!;
      const entry = { idf: idf[id]!, from: from[id]!, to: from[id + 1]! };
      this.postings.set(name, entry);
      if (name.length === 3 && name.charCodeAt(0) === 1) this.bigramPostings.set(bigramKey(name, 1), entry);
    }
    this.scores = new Float64Array(this.size);
    this.touched = new Int32Array(Math.ceil(this.size / 32));
  }

  /** The k most similar examples, best first. A term no example holds counts in the message's norm (it lowers every similarity). */
  nearest(text: string, k = NEIGHBOURS): Array<{ label: L; text: string; similarity: number }> {
    let near = this.recent.find((r) => r.text === text && r.k === k)?.near;
    if (!near) {
      near = this.search(text, k);
      this.recent.unshift({ text, k, near });
      if (this.recent.length > 4) this.recent.pop();
    }
    // Copies: what callers get is theirs.
    return near.map((n) => ({ label: n.label, text: n.text, similarity: n.similarity }));
  }

  private search(text: string, k: number): Array<{ label: L; text: string; similarity: number }> {
    // The message's terms in the order `terms` gives them (its words, then its bigrams), each looked up
    // once; bigrams by their two code units as a number, so no bigram string is built per message.
    let norm = 0;
    const entries: Array<{ idf: number; from: number; to: number }> = [];
    const weights: number[] = [];
    const add = (entry: { idf: number; from: number; to: number } | undefined, tf: number) => {
      const w = tf * (entry ? entry.idf : this.maxIdf);
      norm += w * w;
      if (entry) {
        entries.push(entry);
        weights.push(w);
      }
    };
    const q = queryTerms(text, this.strip);
    if (q.bigrams) {
      for (const [word, tf] of q.words) add(this.postings.get(word), tf);
      for (const [pair, tf] of q.bigrams) add(this.bigramPostings.get(pair), tf);
    } else {
      for (const [term, tf] of q.words) add(this.postings.get(term), tf);
    }
    norm = Math.sqrt(norm);
    if (norm === 0 || k <= 0) return [];
    // Scores summed per example in the same order as before (term by term: a term adds to an example at
    // most once), in a reused typed array, without a branch per posting (which example a posting first
    // touches is unpredictable, and mispredicted branches were most of the time here).
    // Each posting also sets its example's bit in `touched` (no branch either): the scan below then visits
    // only the examples some term reached, in example order, instead of every example.
    const scores = this.scores;
    const touched = this.touched;
    const docs = this.allDocs;
    const dws = this.allWeights;
    for (let t = 0; t < entries.length; t++) {
      const entry = entries[t]!;
      const qw = weights[t]! / norm;
      for (let i = entry.from; i < entry.to; i++) {
        const doc = docs[i]!;
        scores[doc] = scores[doc]! + qw * dws[i]!;
        touched[doc >>> 5] = touched[doc >>> 5]! | (1 << (doc & 31));
      }
    }
    // The first k by (score desc, example order). Examples are scanned in order, so one that merely ties
    // the k-th best comes after it and stays out: only a score above the k-th best (above 0 until there
    // are k) enters, behind the kept ones with a score at least as high. Every contribution is positive,
    // so an example no term touched (score 0) never enters: exactly the first k of sorting all touched ones.
    // Scores and bits go back to zero as they are read.
    const best: number[] = [];
    const bestScores: number[] = [];
    let kth = 0;
    for (let word = 0; word < touched.length; word++) {
      let bits = touched[word]!;
      if (bits === 0) continue;
      touched[word] = 0;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const doc = (word << 5) | (31 - Math.clz32(low));
        const s = scores[doc]!;
        scores[doc] = 0;
        if (!(s > kth)) continue;
        let at = best.length;
        while (at > 0 && bestScores[at - 1]! < s) at--;
        best.splice(at, 0, doc);
        bestScores.splice(at, 0, s);
        if (best.length > k) {
          best.pop();
          bestScores.pop();
        }
        if (best.length === k) kth = bestScores[k - 1]!;
      }
    }
    return best.map((doc, i) => ({ label: this.labels[doc]!, text: this.texts[doc]!, similarity: Math.min(1, bestScores[i]!) }));
  }

  /** Labels of the k nearest examples, best first, each with its best similarity and its share of the votes. */
  vote(text: string, k = NEIGHBOURS): Array<LabelVote<L>> {
    const near = this.nearest(text, k);
    const total = near.reduce((s, n) => s + n.similarity * n.similarity, 0);
    const byLabel = new Map<L, LabelVote<L>>();
    for (const n of near) {
      const v = byLabel.get(n.label);
      const part = total ? (n.similarity * n.similarity) / total : 0;
      if (v) v.share += part;
      else byLabel.set(n.label, { label: n.label, similarity: n.similarity, share: part, example: n.text });
    }
    return [...byLabel.values()].sort((a, b) => b.share - a.share || b.similarity - a.similarity);
  }
}
