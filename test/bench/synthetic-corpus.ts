/**
 * A synthetic corpus N times larger than today's, to see how retrieval and
 * the engine cost grow with the number of passages. The first copy is the
 * real chunks, unchanged (so the facts table still lies inside real
 * passages and the engine walks the same paths); every other copy of a chunk
 * gets a distinct id and document id, its sentences in a shuffled order and
 * one sentence borrowed from another chunk (more when a short chunk runs out
 * of new orders), so no two texts are identical and the index cannot
 * collapse them. Deterministic for a given seed.
 */
import type { IndexedChunk } from '../../knowledge/knowledge-base.js';

/** A small seeded PRNG (mulberry32): uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sentences of a text, each keeping its closing punctuation; line breaks also end a sentence. */
export function splitSentences(text: string): string[] {
  return (text.match(/[^。；！？!?;\n]+[。；！？!?;]*|[。；！？!?;]+/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The document id of copy `copy` (1-based) of a document. */
export function variantDocId(doc: string, copy: number): string {
  return `${doc}~v${String(copy).padStart(3, '0')}`;
}

/**
 * `factor` copies of `chunks` (copy 0 = the originals), `factor × chunks.length`
 * chunks in all. Chunk ids keep their ordinal: `${variantDocId(doc, copy)}#n`.
 * Throws when factor < 1 or there are no chunks (a caller bug).
 */
export function syntheticCorpus(chunks: readonly IndexedChunk[], factor: number, seed = 1): IndexedChunk[] {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`factor must be a positive integer, got ${factor}`);
  if (chunks.length === 0) throw new Error('no chunks to multiply');
  const random = seededRandom(seed);
  const sentences = chunks.map((c) => splitSentences(c.text));
  const out: IndexedChunk[] = chunks.map((c) => ({ ...c }));
  const seen = new Set(chunks.map((c) => c.text));
  const borrow = (i: number): string => {
    const donorIndex = (i + 1 + Math.floor(random() * (chunks.length - 1))) % chunks.length;
    const donor = sentences[donorIndex]!;
    return donor.length > 0 ? donor[Math.floor(random() * donor.length)]! : chunks[donorIndex]!.text;
  };
  for (let copy = 1; copy < factor; copy += 1) {
    for (const [i, c] of chunks.entries()) {
      const own = sentences[i]!.length > 0 ? sentences[i]! : [c.text];
      // A short chunk has few orders: on a collision try again, borrowing one more sentence every few tries.
      let text = '';
      for (let attempt = 0; text === '' || seen.has(text); attempt += 1) {
        const mixed = shuffled(own, random);
        for (let b = 0; b <= Math.floor(attempt / 4); b += 1) mixed.splice(Math.floor(random() * (mixed.length + 1)), 0, borrow(i));
        text = mixed.join('');
      }
      seen.add(text);
      const doc = variantDocId(c.doc, copy);
      const ordinal = c.id.slice(c.id.lastIndexOf('#') + 1);
      out.push({ ...c, id: `${doc}#${ordinal}`, doc, text });
    }
  }
  return out;
}
