/**
 * A chat model for tests: plays a script of replies (AIMessages, possibly
 * with tool_calls), errors, or functions of the messages received, and
 * records every call so a test can assert what the model was shown.
 */
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
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
  #step = 0;

  constructor(private readonly script: ScriptStep[]) {
    super({});
  }

  _llmType(): string {
    return 'scripted';
  }

  override bindTools(tools: BindToolsInput[]) {
    this.boundTools = tools.map((t) => (t as { name: string }).name);
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
    if (step instanceof AIMessage) return { generations: [{ message: step, text: step.text }] };
    if (typeof step === 'function') {
      const message = step(messages);
      return { generations: [{ message, text: message.text }] };
    }
    return new Promise<ChatResult>((_resolve, reject) => {
      if (!step.ignoreAbort) options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
    });
  }
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
