/**
 * A small, explicit tool-calling loop: ask the model, run the tools it calls,
 * hand back their outputs, until it answers in text. Explicit rather than a
 * prebuilt agent so that every tool output of the turn is recorded (it is the
 * evidence the grounding check needs) and every failure is a value.
 */
import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import { ToolInputParsingException, type StructuredToolInterface } from '@langchain/core/tools';
import type { ToolCall } from '../types.js';
import { withRetry, type RetryPolicy } from './retry.js';

/** What the loop needs from a chat model with tools bound. */
export interface ToolCallingModel {
  invoke(messages: BaseMessage[], options?: { signal?: AbortSignal }): Promise<AIMessage>;
}

/** Token counts summed over every model call of the turn. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

/** A finished run: the model's final text and every tool call with its raw output. */
export interface AgentRun {
  text: string;
  calls: ToolCall[];
  /** Raw text of every tool output, in call order (evidence for grounding). */
  outputs: string[];
  usage: TokenUsage;
  /** Model calls made (tool rounds + the final answer). */
  modelCalls: number;
}

/** Why a run produced no usable text. */
export interface AgentFailure {
  kind: 'model-error' | 'malformed-tool-call' | 'unknown-tool' | 'tool-failed' | 'too-many-steps' | 'empty-answer';
  message: string;
  cause?: unknown;
}

export type AgentResult = { ok: true; value: AgentRun } | { ok: false; error: AgentFailure; usage: TokenUsage };

/** Tool rounds allowed before the run gives up (a loop is a malfunction). */
export const MAX_MODEL_CALLS = 5;

/** Final text without reasoning blocks some models emit (<think>…</think>). */
export function finalText(message: AIMessage): string {
  return message.text.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
}

function parseOutput(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Run the loop on `messages` (system + user) with `tools`. Model calls are
 * retried per `policy`; `signal` (the turn's deadline) aborts everything.
 * Never throws: the deadline's abort comes back as a `model-error` whose
 * cause is the abort reason.
 */
export async function runToolAgent(opts: {
  model: ToolCallingModel;
  tools: readonly StructuredToolInterface[];
  messages: BaseMessage[];
  signal: AbortSignal;
  policy: RetryPolicy;
  onRetry?: (retry: number, error: unknown, delayMs: number) => void;
}): Promise<AgentResult> {
  const byName = new Map(opts.tools.map((t) => [t.name, t]));
  const messages = [...opts.messages];
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  const calls: ToolCall[] = [];
  const outputs: string[] = [];
  const fail = (kind: AgentFailure['kind'], message: string, cause?: unknown): AgentResult => ({
    ok: false,
    error: { kind, message, cause },
    usage,
  });

  for (let modelCalls = 1; modelCalls <= MAX_MODEL_CALLS; modelCalls++) {
    let ai: AIMessage;
    try {
      ai = await withRetry((signal) => opts.model.invoke(messages, { signal }), {
        policy: opts.policy,
        signal: opts.signal,
        onRetry: opts.onRetry,
      });
    } catch (error) {
      return fail('model-error', error instanceof Error ? error.message : String(error), opts.signal.aborted ? opts.signal.reason : error);
    }
    const u = ai.usage_metadata;
    if (u) {
      usage.inputTokens += u.input_tokens ?? 0;
      usage.outputTokens += u.output_tokens ?? 0;
      usage.totalTokens += u.total_tokens ?? (u.input_tokens ?? 0) + (u.output_tokens ?? 0);
    }
    messages.push(ai);

    if (ai.invalid_tool_calls?.length) {
      const bad = ai.invalid_tool_calls[0]!;
      return fail('malformed-tool-call', `${bad.name ?? '?'}: ${bad.error ?? 'unparseable arguments'}`);
    }
    const toolCalls = ai.tool_calls ?? [];
    if (toolCalls.length === 0) {
      const text = finalText(ai);
      if (!text) return fail('empty-answer', 'the model returned no text');
      return { ok: true, value: { text, calls, outputs, usage, modelCalls } };
    }

    for (const call of toolCalls) {
      const tool = byName.get(call.name);
      if (!tool) return fail('unknown-tool', `model called unknown tool "${call.name}"`);
      let output: string;
      try {
        opts.signal.throwIfAborted();
        const raw: unknown = await tool.invoke(call.args, { signal: opts.signal });
        output = typeof raw === 'string' ? raw : JSON.stringify(raw);
      } catch (error) {
        if (error instanceof ToolInputParsingException) {
          return fail('malformed-tool-call', `${call.name}: arguments do not match the schema`, error);
        }
        return fail('tool-failed', `${call.name}: ${error instanceof Error ? error.message : String(error)}`, error);
      }
      calls.push({ name: call.name, input: call.args, output: parseOutput(output) });
      outputs.push(output);
      messages.push(new ToolMessage({ content: output, tool_call_id: call.id ?? `${call.name}-${calls.length}`, name: call.name }));
    }
  }
  return fail('too-many-steps', `no final answer after ${MAX_MODEL_CALLS} model calls`);
}
