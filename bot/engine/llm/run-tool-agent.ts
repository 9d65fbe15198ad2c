/**
 * The tool-calling answer path, on LangChain's `createAgent`: the agent asks
 * the model, runs the tools it calls, hands back their outputs, until the
 * model answers in text. What the hand-written loop did by hand is middleware:
 *   - `modelCallLimitMiddleware` / `toolCallLimitMiddleware` (langchain's own,
 *     `exitBehavior: 'error'`, so hitting a limit is a failure, never the
 *     limit's English notice passed off as the answer);
 *   - a redaction middleware that masks ID and mobile numbers in everything
 *     the model is shown (./mask-for-model.ts; langchain's `piiMiddleware`
 *     masks only the last user message and in its own format, and
 *     `piiRedactionMiddleware` is deprecated and writes the originals back);
 *   - a retry middleware over ./retry.ts (`modelRetryMiddleware`'s backoff
 *     cannot be cut short by the turn's deadline and logs no retries);
 *   - a guard middleware that turns a malformed tool call, a call to a tool
 *     we do not have, arguments the schema refuses and a tool's exception
 *     into a failure value (the agent's default is to show the model the
 *     error and let it try again, which would spend the turn's budget on a
 *     model that is already misbehaving), and sums the token usage.
 * Every tool output of the run is read back from the agent's final messages:
 * it is the evidence the grounding check needs. The agent is built per turn
 * (about 1 ms) so that nothing of one resident's turn is shared with another's.
 */
import { createAgent, createMiddleware, modelCallLimitMiddleware, toolCallLimitMiddleware, ToolInvocationError } from 'langchain';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { ToolInputParsingException, type StructuredToolInterface } from '@langchain/core/tools';
import type { ToolCall } from '../types.js';
import { maskForModel } from './mask-for-model.js';
import { withRetry, type RetryPolicy } from './retry.js';

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
  kind:
    | 'model-error'
    | 'malformed-tool-call'
    | 'unknown-tool'
    | 'tool-failed'
    | 'too-many-steps'
    | 'too-many-tool-calls'
    | 'empty-answer';
  message: string;
  cause?: unknown;
}

export type AgentResult = { ok: true; value: AgentRun } | { ok: false; error: AgentFailure; usage: TokenUsage };

/** Model calls allowed per turn (a loop is a malfunction). */
export const MAX_MODEL_CALLS = 5;

/** Tool calls allowed per turn, over all model calls. */
export const MAX_TOOL_CALLS = 8;

/** Graph steps allowed; far above what the call limits let through, so they, not this, end a run. */
const RECURSION_LIMIT = 100;

/** Final text without reasoning blocks some models emit (<think>…</think>). */
export function finalText(message: AIMessage): string {
  return message.text.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
}

/** Thrown inside the agent to stop it with a failure value; found again on the cause chain. */
class AgentStop extends Error {
  override readonly name = 'AgentStop';
  constructor(
    readonly kind: AgentFailure['kind'],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The errors along `error`'s cause chain, outermost first (the agent wraps errors thrown in middleware). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && chain.length < 10 && !chain.includes(e); e = (e as { cause?: unknown } | null)?.cause) {
    chain.push(e);
    if (!e || typeof e !== 'object') break;
  }
  return chain;
}

/** The failure an error thrown out of the agent stands for. */
function toFailure(error: unknown, signal: AbortSignal): AgentFailure {
  const chain = causeChain(error);
  const stop = chain.find((e): e is AgentStop => e instanceof AgentStop);
  if (stop) return { kind: stop.kind, message: stop.message, cause: stop.cause };
  const named = (name: string) => chain.some((e) => (e as { name?: unknown } | null)?.name === name);
  const message = error instanceof Error ? error.message : String(error);
  if (named('ModelCallLimitMiddlewareError')) return { kind: 'too-many-steps', message: `no final answer after ${MAX_MODEL_CALLS} model calls` };
  if (named('ToolCallLimitExceededError')) return { kind: 'too-many-tool-calls', message: `more than ${MAX_TOOL_CALLS} tool calls` };
  // The model's own error (the root of the chain), or the deadline's abort reason.
  return { kind: 'model-error', message, cause: signal.aborted ? signal.reason : chain.at(-1) };
}

function parseOutput(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function contentText(message: BaseMessage): string {
  return typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
}

/** The tool calls of a finished run, each with the output the agent handed back to the model, in call order. */
function collectCalls(messages: readonly BaseMessage[]): { calls: ToolCall[]; outputs: string[] } {
  const results = new Map<string, ToolMessage>();
  for (const m of messages) if (ToolMessage.isInstance(m)) results.set(m.tool_call_id, m);
  const calls: ToolCall[] = [];
  const outputs: string[] = [];
  for (const m of messages) {
    if (!AIMessage.isInstance(m)) continue;
    for (const call of m.tool_calls ?? []) {
      const result = call.id === undefined ? undefined : results.get(call.id);
      if (!result) continue;
      const output = contentText(result);
      calls.push({ name: call.name, input: call.args, output: parseOutput(output) });
      outputs.push(output);
    }
  }
  return { calls, outputs };
}

/**
 * Run the agent on `question` with `systemPrompt` and `tools`. Model calls
 * are retried per `policy`; `signal` (the turn's deadline) aborts everything.
 * What the model sees is masked with `maskForModel(text, publicText)`.
 * Never throws: the deadline's abort comes back as a `model-error` whose
 * cause is the abort reason.
 */
export async function runToolAgent(opts: {
  /** A chat model without tools bound (the agent binds them). */
  model: BaseChatModel;
  tools: readonly StructuredToolInterface[];
  systemPrompt: string;
  /** The resident's message, as written: masked on its way to the model. */
  question: string;
  /** Public text whose long numbers stay readable (the facts' hotlines). */
  publicText?: string;
  signal: AbortSignal;
  policy: RetryPolicy;
  onRetry?: (retry: number, error: unknown, delayMs: number) => void;
}): Promise<AgentResult> {
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  let modelCalls = 0;
  const toolNames = new Set(opts.tools.map((t) => t.name));
  const mask = (text: string) => maskForModel(text, opts.publicText);

  const guard = createMiddleware({
    name: 'DteGuard',
    wrapModelCall: async (request, handler) => {
      const ai = await handler(request);
      modelCalls++;
      // The agent's message list merges messages by id: an endpoint that reuses a completion id
      // (nothing in the protocol forbids it; our local test server does) would have its final answer overwrite its tool call.
      if (ai.id !== undefined && request.messages.some((m) => m.id === ai.id)) ai.id = `${ai.id}#${modelCalls}`;
      const u = ai.usage_metadata;
      if (u) {
        usage.inputTokens += u.input_tokens ?? 0;
        usage.outputTokens += u.output_tokens ?? 0;
        usage.totalTokens += u.total_tokens ?? (u.input_tokens ?? 0) + (u.output_tokens ?? 0);
      }
      const bad = ai.invalid_tool_calls?.[0];
      if (bad) throw new AgentStop('malformed-tool-call', `${bad.name ?? '?'}: ${bad.error ?? 'unparseable arguments'}`);
      const unknown = ai.tool_calls?.find((c) => !toolNames.has(c.name));
      if (unknown) throw new AgentStop('unknown-tool', `model called unknown tool "${unknown.name}"`);
      return ai;
    },
    wrapToolCall: async (request, handler) => {
      const name = request.toolCall.name;
      try {
        return await handler(request);
      } catch (error) {
        if (error instanceof ToolInvocationError || error instanceof ToolInputParsingException) {
          throw new AgentStop('malformed-tool-call', `${name}: arguments do not match the schema`, { cause: error });
        }
        throw new AgentStop('tool-failed', `${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    },
  });

  const redaction = createMiddleware({
    name: 'DteRedaction',
    wrapModelCall: (request, handler) => {
      const system = mask(request.systemMessage.text);
      return handler({
        ...request,
        // A new systemMessage (string content kept), not a new systemPrompt (which the agent turns into content blocks).
        ...(system === request.systemMessage.text ? {} : { systemMessage: new SystemMessage(system) }),
        // The resident's words; AI messages are the model's own, tool outputs are facts the notices print.
        messages: request.messages.map((m) => (HumanMessage.isInstance(m) && typeof m.content === 'string' ? new HumanMessage({ ...m, content: mask(m.content) }) : m)),
      });
    },
  });

  const retry = createMiddleware({
    name: 'DteRetry',
    wrapModelCall: (request, handler) =>
      withRetry(async () => handler(request), { policy: opts.policy, signal: opts.signal, onRetry: opts.onRetry }),
  });

  const agent = createAgent({
    model: opts.model,
    tools: [...opts.tools],
    // A SystemMessage with string content: given a string, the agent makes content blocks; plain text is what the endpoints were tested with.
    systemPrompt: new SystemMessage(opts.systemPrompt),
    // Outermost first: the guard sees one answer per model call, after retries, of a model shown masked text only.
    middleware: [
      guard,
      redaction,
      retry,
      modelCallLimitMiddleware({ runLimit: MAX_MODEL_CALLS, exitBehavior: 'error' }),
      toolCallLimitMiddleware({ runLimit: MAX_TOOL_CALLS, exitBehavior: 'error' }),
    ] as const,
  });

  let messages: BaseMessage[];
  try {
    opts.signal.throwIfAborted();
    const state = await agent.invoke({ messages: [new HumanMessage(opts.question)] }, { signal: opts.signal, recursionLimit: RECURSION_LIMIT });
    messages = state.messages;
  } catch (error) {
    return { ok: false, error: toFailure(error, opts.signal), usage };
  }
  const last = messages.at(-1);
  const text = last && AIMessage.isInstance(last) ? finalText(last) : '';
  if (!text) return { ok: false, error: { kind: 'empty-answer', message: 'the model returned no text' }, usage };
  return { ok: true, value: { text, ...collectCalls(messages), usage, modelCalls } };
}
