/**
 * The optional LLM mode. When LLM_BASE_URL, LLM_API_KEY and LLM_MODEL are set,
 * the engine hands each offline answer to `answer()`, which lets an
 * OpenAI-compatible model rephrase it (and call the exact-fact tools and the
 * notice search for more, through langchain's createAgent: ./run-tool-agent.ts),
 * then checks the result:
 *   - the agent's redaction middleware masks the question and the draft in
 *     every model call, and no tool exposes stored registrations, so the
 *     model never sees personal data;
 *   - every number and institution in the reply must appear in this turn's
 *     tool outputs, passages or the offline answer (./grounding.ts);
 *   - a time-out, a network error after bounded retries, a malformed tool
 *     call or an empty answer returns null: the resident gets the offline
 *     answer. Each outcome is one log line with latency and token usage.
 */
import { performance } from 'node:perf_hooks';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { StructuredToolInterface } from '@langchain/core/tools';
import type { DocumentMeta } from '../../../knowledge/facts/schema.js';
import type { KnowledgeBase } from '../../../knowledge/types.js';
import { LLM_SYSTEM_PROMPT, SLOT_LABELS, type FormFieldPrompt } from '../../../prompts/llm.js';
import { beijingDate } from '../../../tools/beijing-date.js';
import type { FactsTable } from '../../../tools/facts-table.js';
import { createLangChainTools } from '../../../tools/langchain-tools.js';
import type { Logger } from '../../log.js';
import type { LlmAnswer, LlmAnswerInput, LlmPort, Slots } from '../types.js';
import { createChatModel, llmConfigured, type LlmConfig } from './chat-model.js';
import { collectSources } from './collect-sources.js';
import { withDeadline } from './deadline.js';
import { extractFormFields } from './extract-form-fields.js';
import { checkGrounding } from './grounding.js';
import { createRetrievalTool } from './retrieval-tool.js';
import { DEFAULT_BACKOFF, type RetryPolicy } from './retry.js';
import { runToolAgent, type AgentFailure, type TokenUsage } from './run-tool-agent.js';

/** What the LLM mode needs besides configuration. */
export interface LlmPortDeps {
  logger: Logger;
  facts: FactsTable;
  kb: KnowledgeBase;
  /** The injected clock (today's date in the prompt, time-aware tools). */
  now: () => Date;
  /** Notices' metadata, for source titles (the document id is used without it). */
  documents?: readonly DocumentMeta[];
  /** A chat model to use instead of the configured endpoint (tests). Must support bindTools. */
  model?: BaseChatModel;
  /** Tools instead of the exact-fact tools + notice search (tests). */
  tools?: StructuredToolInterface[];
  /** Backoff between retries (tests shorten it). */
  backoff?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>;
}

/** The LLM port plus the form helper; assignable to `LlmPort`. */
export interface LlmService extends LlmPort {
  /** Model name, for the console and the trace notes. */
  readonly model: string;
  /**
   * Values of `fields` the resident wrote in `text` (see
   * ./extract-form-fields.ts): masked before the call, ID number and phone
   * never extracted, only values present in the text kept. null = failed.
   */
  extractFormFields(text: string, fields: readonly FormFieldPrompt[]): Promise<Partial<Record<string, string>> | null>;
}

/** Longest copy of the offline tool outputs put in the prompt (token cost); the grounding evidence keeps all of it. */
export const MAX_PROMPT_TOOL_CHARS = 12_000;

/** Slots as one line for the system prompt, e.g. "地区=枣庄；等级=中级". */
export function describeSlots(slots: Slots): string {
  return (Object.keys(SLOT_LABELS) as Array<keyof typeof SLOT_LABELS>)
    .filter((k) => slots[k])
    .map((k) => `${SLOT_LABELS[k]}=${slots[k]}`)
    .join('；');
}

function failureReason(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error && error.name === 'TimeoutError') return 'timeout';
  return 'model-error';
}

/**
 * The LLM port, or undefined when the LLM mode is not configured (and no
 * model is injected). `answer` never throws; null means "use the offline answer".
 */
export function createLlmPort(config: LlmConfig, deps: LlmPortDeps): LlmService | undefined {
  let base: BaseChatModel | Promise<BaseChatModel>;
  let modelName: string;
  if (deps.model) {
    base = deps.model;
    modelName = config.LLM_MODEL ?? deps.model._llmType();
    // The agent binds the tools itself; a model that cannot take them cannot answer.
    if (typeof deps.model.bindTools !== 'function') {
      deps.logger.error('llm model cannot call tools; LLM mode off', { model: modelName });
      return undefined;
    }
  } else if (llmConfigured(config)) {
    // Built on first use: the client library loads only when a model is configured.
    base = createChatModel(config);
    modelName = config.LLM_MODEL;
  } else {
    return undefined;
  }
  const tools = deps.tools ?? [...createLangChainTools({ facts: deps.facts, now: deps.now }), createRetrievalTool(deps)];
  const policy: RetryPolicy = { maxRetries: config.LLM_MAX_RETRIES, ...(deps.backoff ?? DEFAULT_BACKOFF) };
  const timeoutMs = config.LLM_TIMEOUT_MS;
  const log = deps.logger.child({ component: 'llm', model: modelName });

  async function answer(input: LlmAnswerInput): Promise<LlmAnswer | null> {
    const started = performance.now();
    const offlineTools = input.offline.trace.tools.map(({ name, output }) => ({ name, output }));
    const offlineToolsJson = JSON.stringify(offlineTools);
    // Unmasked here: the agent's redaction middleware masks what the model is shown.
    const systemPrompt = LLM_SYSTEM_PROMPT({
      today: beijingDate(deps.now()),
      slots: describeSlots(input.slots),
      draft: input.offline.reply,
      toolOutputs: offlineToolsJson.slice(0, MAX_PROMPT_TOOL_CHARS),
    });
    let model: BaseChatModel;
    try {
      model = await base;
    } catch (error) {
      log.warn('llm model unavailable; offline answer used', { error });
      return null;
    }

    const run = await withDeadline(timeoutMs, (signal) =>
      runToolAgent({
        model,
        tools,
        systemPrompt,
        question: input.question,
        publicText: offlineToolsJson,
        signal,
        policy,
        onRetry: (retry, error, delayMs) => log.warn('llm retry', { retry, delayMs, error }),
      }),
    );
    const latencyMs = Math.round(performance.now() - started);
    const fallback = (reason: string, fields: Record<string, unknown>, usage?: TokenUsage) => {
      log.warn('llm fallback to offline answer', { reason, latencyMs, ...usageFields(usage), ...fields });
      return null;
    };

    if (!run.ok) return fallback(failureReason(run.error), { error: run.error });
    if (!run.value.ok) {
      const e: AgentFailure = run.value.error;
      const reason = e.kind === 'model-error' ? failureReason(e.cause) : e.kind;
      return fallback(reason, { detail: e.message, error: e.cause }, run.value.usage);
    }
    const agent = run.value.value;
    const evidence = [
      input.offline.reply,
      offlineToolsJson,
      ...input.offline.trace.sources.map((s) => s.quote),
      ...agent.outputs,
    ];
    const grounding = checkGrounding(agent.text, evidence);
    if (!grounding.ok) {
      return fallback(
        'ungrounded',
        { offending: grounding.error.claims.map((c) => `${c.kind}:${c.text}`), tools: agent.calls.map((c) => c.name) },
        agent.usage,
      );
    }
    log.info('llm answer', {
      latencyMs,
      ...usageFields(agent.usage),
      modelCalls: agent.modelCalls,
      tools: agent.calls.map((c) => c.name),
      claims: grounding.claims.length,
    });
    return {
      reply: agent.text,
      tools: [...input.offline.trace.tools, ...agent.calls],
      sources: collectSources(input.offline.trace.sources, agent.calls, deps.documents),
      notes: [
        `mode=llm model=${modelName} latency=${latencyMs}ms tokens=${agent.usage.inputTokens}+${agent.usage.outputTokens} ` +
          `calls=${agent.modelCalls} tools=${agent.calls.map((c) => c.name).join(',') || '-'} grounded=${grounding.claims.length}`,
      ],
    };
  }

  return {
    model: modelName,
    async answer(input) {
      try {
        return await answer(input);
      } catch (error) {
        // A bug in this module must not cost the resident an answer.
        log.error('llm port failed unexpectedly', { error });
        return null;
      }
    },
    extractFormFields: async (text, fields) => {
      let model: BaseChatModel;
      try {
        model = await base;
      } catch (error) {
        log.warn('llm model unavailable; form extraction skipped', { error });
        return null;
      }
      return extractFormFields({ model, text, fields, timeoutMs, policy, logger: log });
    },
  };
}

function usageFields(usage: TokenUsage | undefined): Record<string, number> {
  if (!usage) return {};
  return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, totalTokens: usage.totalTokens };
}
