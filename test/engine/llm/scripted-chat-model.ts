/**
 * A chat model for tests: plays a script of replies (AIMessages, possibly
 * with tool_calls), errors, or functions of the messages received, and
 * records every call so a test can assert what the model was shown.
 */
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { BindToolsInput } from '@langchain/core/language_models/chat_models';

/** One scripted step. `hang` never answers (it rejects when aborted unless `ignoreAbort`). */
export type ScriptStep =
  | AIMessage
  | Error
  | ((messages: BaseMessage[]) => AIMessage)
  | { hang: true; ignoreAbort?: boolean };

export class ScriptedChatModel extends BaseChatModel {
  readonly received: BaseMessage[][] = [];
  boundTools: string[] = [];
  /** The tool definitions as bound (structured output binds its schema as a function). */
  boundToolDefs: BindToolsInput[] = [];
  #step = 0;

  constructor(private readonly script: ScriptStep[]) {
    super({});
  }

  _llmType(): string {
    return 'scripted';
  }

  override bindTools(tools: BindToolsInput[]) {
    this.boundToolDefs = tools;
    this.boundTools = tools.map((t) => (t as { name?: string }).name ?? (t as { function?: { name: string } }).function?.name ?? '?');
    return this as unknown as ReturnType<NonNullable<BaseChatModel['bindTools']>>;
  }

  /** Calls made so far. */
  get calls(): number {
    return this.received.length;
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    this.received.push([...messages]);
    const step = this.script[this.#step++];
    if (step === undefined) throw new Error(`script exhausted at call ${this.#step}`);
    if (step instanceof Error) throw step;
    if (step instanceof AIMessage) return { generations: [{ message: asChunk(step), text: step.text }] };
    if (typeof step === 'function') {
      const message = step(messages);
      return { generations: [{ message: asChunk(message), text: message.text }] };
    }
    return new Promise<ChatResult>((_resolve, reject) => {
      if (!step.ignoreAbort) options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
    });
  }
}

/**
 * The reply as an AIMessageChunk: the parser of `BaseChatModel.withStructuredOutput`
 * (which a fake model inherits) accepts nothing else. A reply with invalid tool
 * calls stays an AIMessage (a chunk rebuilds them from tool-call chunks).
 */
function asChunk(message: AIMessage): AIMessage {
  if (message.invalid_tool_calls?.length) return message;
  return new AIMessageChunk({
    content: message.content,
    id: message.id,
    tool_calls: message.tool_calls,
    invalid_tool_calls: message.invalid_tool_calls,
    usage_metadata: message.usage_metadata,
    response_metadata: message.response_metadata,
  });
}

/** An AIMessage calling one tool. */
export function callTool(name: string, args: Record<string, unknown>, id = `call-${name}`): AIMessage {
  return new AIMessage({ content: '', tool_calls: [{ name, args, id, type: 'tool_call' }] });
}

/** A final text answer, optionally with token usage. */
export function say(text: string, usage?: { input: number; output: number }): AIMessage {
  return new AIMessage({
    content: text,
    usage_metadata: usage
      ? { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.input + usage.output }
      : undefined,
  });
}

/** An HTTP-like error as the OpenAI client throws them. */
export function httpError(status: number, message = `HTTP ${status}`): Error {
  return Object.assign(new Error(message), { status });
}
