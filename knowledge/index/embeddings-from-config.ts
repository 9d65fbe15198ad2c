/**
 * The embedding model chosen by configuration: the offline lexical default
 * (fitted on the corpus when the index is built, so nothing to construct
 * here) or an OpenAI-compatible endpoint. Never reached by tests or defaults.
 */
import type { Embeddings } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';

/** The configuration fields this needs (a subset of bot/config.ts's Config). */
export interface EmbeddingsConfig {
  DTE_EMBEDDINGS: 'lexical' | 'openai';
  EMBEDDINGS_BASE_URL?: string;
  EMBEDDINGS_API_KEY?: string;
  EMBEDDINGS_MODEL?: string;
}

/**
 * `{ ok: true, value: undefined }` for lexical (the index fits its own), an
 * OpenAIEmbeddings client for "openai", or an error value when its base URL
 * or model is missing.
 */
export function embeddingsFromConfig(config: EmbeddingsConfig): { ok: true; value: Embeddings | undefined } | { ok: false; error: string } {
  if (config.DTE_EMBEDDINGS === 'lexical') return { ok: true, value: undefined };
  if (!config.EMBEDDINGS_BASE_URL || !config.EMBEDDINGS_MODEL) {
    return { ok: false, error: 'DTE_EMBEDDINGS=openai needs EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL' };
  }
  return {
    ok: true,
    value: new OpenAIEmbeddings({
      model: config.EMBEDDINGS_MODEL,
      apiKey: config.EMBEDDINGS_API_KEY ?? 'not-needed',
      configuration: { baseURL: config.EMBEDDINGS_BASE_URL },
    }),
  };
}
