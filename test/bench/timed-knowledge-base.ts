/**
 * A KnowledgeBase wrapper that adds up the time spent in `search`, so the
 * benchmark can say how much of an answer is retrieval without touching the
 * engine. Answers are sequential, so one running total is enough.
 */
import type { Chunk, KnowledgeBase, Passage, SearchOptions } from '../../knowledge/types.js';

export class TimedKnowledgeBase implements KnowledgeBase {
  /** Milliseconds spent in `search` since the last `reset`. */
  searchMs = 0;
  /** Calls to `search` since the last `reset`. */
  searches = 0;

  constructor(private readonly inner: KnowledgeBase) {}

  reset(): void {
    this.searchMs = 0;
    this.searches = 0;
  }

  async search(query: string, options?: SearchOptions): Promise<Passage[]> {
    const started = performance.now();
    try {
      return await this.inner.search(query, options);
    } finally {
      this.searchMs += performance.now() - started;
      this.searches += 1;
    }
  }

  chunks(): readonly Chunk[] {
    return this.inner.chunks();
  }

  version(): string {
    return this.inner.version();
  }
}
