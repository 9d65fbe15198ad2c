/**
 * The embedding model chosen by configuration: the offline lexical default
 * (fitted on the corpus when the index is built, so nothing to construct
 * here) or an OpenAI-compatible endpoint. Never reached by tests or defaults.
 */
import { Embeddings } from '@langchain/core/embeddings';
import type { OpenAIEmbeddings } from '@langchain/openai';

/**
 * An OpenAI-compatible embeddings client created on first use, so the client
 * library (~40 MB) is only loaded when this embedding kind is configured.
 */
class LazyOpenAIEmbeddings extends Embeddings {
  readonly model: string;
  #client: Promise<OpenAIEmbeddings> | undefined;
  constructor(private readonly options: { model: string; apiKey: string; baseURL: string }) {
    super({});
    this.model = options.model;
  }
  #get(): Promise<OpenAIEmbeddings> {
    this.#client ??= import('@langchain/openai').then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({ model: this.options.model, apiKey: this.options.apiKey, configuration: { baseURL: this.options.baseURL } }),
    );
    return this.#client;
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.#get()).embedDocuments(texts);
  }
  async embedQuery(text: string): Promise<number[]> {
    return (await this.#get()).embedQuery(text);
  }
}

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
    value: new LazyOpenAIEmbeddings({
      model: config.EMBEDDINGS_MODEL,
      apiKey: config.EMBEDDINGS_API_KEY ?? 'not-needed',
      baseURL: config.EMBEDDINGS_BASE_URL,
    }),
  };
}
