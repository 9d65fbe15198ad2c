/**
 * The one place that builds the real chat model: any OpenAI-compatible
 * endpoint (Qwen through DashScope's compatible mode, DeepSeek, a local
 * Ollama or vLLM). Retries are ours (./retry.ts, bounded by LLM_MAX_RETRIES),
 * so the client's own retries are switched off.
 */
import type { ChatOpenAI } from '@langchain/openai';
import type { Config } from '../../config.js';

/** The configuration the LLM mode reads. */
export type LlmConfig = Pick<Config, 'LLM_BASE_URL' | 'LLM_API_KEY' | 'LLM_MODEL' | 'LLM_TIMEOUT_MS' | 'LLM_MAX_RETRIES'>;

/** True when base URL, key and model are all set (the LLM mode is on). */
export function llmConfigured(config: LlmConfig): config is LlmConfig & { LLM_BASE_URL: string; LLM_API_KEY: string; LLM_MODEL: string } {
  return Boolean(config.LLM_BASE_URL && config.LLM_API_KEY && config.LLM_MODEL);
}

/**
 * A ChatOpenAI client for the configured endpoint; temperature 0 (we want
 * the facts, not variety). The client library is imported only when the LLM
 * mode is on, so the offline bot never loads it (~40 MB).
 */
export async function createChatModel(config: LlmConfig & { LLM_BASE_URL: string; LLM_API_KEY: string; LLM_MODEL: string }): Promise<ChatOpenAI> {
  const { ChatOpenAI } = await import('@langchain/openai');
  return new ChatOpenAI({
    model: config.LLM_MODEL,
    apiKey: config.LLM_API_KEY,
    configuration: { baseURL: config.LLM_BASE_URL },
    temperature: 0,
    timeout: config.LLM_TIMEOUT_MS,
    maxRetries: 0,
  });
}
