/**
 * The plain retrieval baseline the engine's throughput is compared with:
 * LangChain's `BM25Retriever` over the same chunks the bot indexes (short
 * title, section and text, as knowledge/index/hybrid-index.ts's
 * `searchableText`), queried with the jieba words the engine's keyword side
 * sees (normalised, segmented, stopwords dropped, no expansions), top chunk
 * only. It answers nothing: it is "find the best passage", the least a
 * retrieval bot does per message, so engine answers/s ÷ baseline answers/s
 * says what the engine's understanding, facts and rendering cost on top of
 * that (or save, when the engine's own index is faster).
 */
import { Document } from '@langchain/core/documents';
import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { searchableText, type IndexedChunk } from '../../knowledge/index/hybrid-index.js';
import { analyseQuery, normaliseQuery } from '../../knowledge/index/text-analysis.js';

/** The query as BM25Retriever reads it (it splits on white space): the query's own jieba words. */
export function baselineQuery(question: string): string {
  const normalised = normaliseQuery(question);
  const words = [...analyseQuery(normalised)].filter(([, weight]) => weight === 1).map(([word]) => word);
  // A question of stopwords only still searches for something, as a plain retriever would.
  return words.length > 0 ? words.join(' ') : normalised;
}

/** A retriever over `chunks`; `top(question)` is the id of the best chunk, or undefined when none scores. */
export function bm25Baseline(chunks: readonly IndexedChunk[]): { top(question: string): Promise<string | undefined> } {
  const docs = chunks.map((c) => new Document({ pageContent: searchableText(c), metadata: { id: c.id } }));
  const retriever = BM25Retriever.fromDocuments(docs, { k: 1 });
  return {
    async top(question) {
      const [best] = await retriever.invoke(baselineQuery(question));
      return best?.metadata['id'] as string | undefined;
    },
  };
}
