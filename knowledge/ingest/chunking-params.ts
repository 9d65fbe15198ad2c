/**
 * Chunking parameters. They are part of the index manifest: changing any of
 * them rebuilds the index on the next start.
 */
export const CHUNKING = {
  /** Bump when the chunking code changes in a way the numbers below do not show. */
  version: 3,
  /** A text chunk holds at most this many characters; longer sections split between paragraphs, then sentences. */
  maxChars: 300,
  /** A line this long without closing punctuation is a hard wrap and joins the next line (the Weihai notice). */
  wrapMinLineChars: 24,
  /** Table rows (rendered "column：cell；…") are packed into one chunk up to this many characters; a row is never split. */
  tableChunkMaxChars: 200,
  /** A paragraph this short right before a table is its caption ("单位：元") and is repeated on every row chunk. */
  captionMaxChars: 12,
  /** An empty form template becomes one chunk: its title and field labels, cut at this length. */
  formSummaryMaxChars: 200,
  /**
   * Near-duplicate detection: character shingle size, containment threshold, and the shortest paragraph checked.
   * Short repeats are legitimate (a brochure restates a rule of the notice); the artefacts we drop are whole
   * passages copied again (the repaired or flattened copy of a notice's opening).
   */
  dedupShingle: 4,
  dedupContainment: 0.8,
  dedupMinChars: 120,
} as const;

export type ChunkingParams = typeof CHUNKING;
