/**
 * Help for the registration form: pull field values (employer, education …)
 * out of a free-text message with the model. Personal data is masked before
 * the call, ID number and phone are never extracted, and a value is kept only
 * when the resident actually wrote it (it appears in the message), so the
 * model can shorten the form but cannot fill it in. Validation stays with the
 * form's zod schemas.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { z } from 'zod';
import type { Logger } from '../../log.js';
import { maskPersonalData } from '../../mask.js';
import { FORM_EXTRACTION_PROMPT, type FormFieldPrompt } from '../../../prompts/llm.js';
import { withDeadline } from './deadline.js';
import { withRetry, type RetryPolicy } from './retry.js';

export type { FormFieldPrompt } from '../../../prompts/llm.js';

/** Fields that hold personal identifiers: never asked of, nor accepted from, the model. */
export const NEVER_EXTRACTED = new Set(['idNumber', 'phone']);

/** What the model's structured answer must be: field key -> the value written, or nothing. */
const Extracted = z.record(z.string(), z.union([z.string(), z.number()]).nullable());

/** Name of the structured-output function the model is asked to call. */
export const EXTRACTION_FUNCTION_NAME = 'form_fields';

/**
 * The structured-output schema for `fields`: one optional string per key,
 * described by its label (and its options), so the model is told each key
 * in the function's own parameters. Its answer is checked again against
 * `Extracted` (a base model's `withStructuredOutput` does not validate), and
 * only values the resident wrote are kept.
 */
export function extractionSchema(fields: readonly FormFieldPrompt[]) {
  return z
    .object(
      Object.fromEntries(
        fields.map((f) => [f.key, z.string().nullable().optional().describe(f.options?.length ? `${f.label}（${f.options.join('、')}）` : f.label)]),
      ),
    )
    .describe('报名表字段中用户明确写出的值');
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
/**
 * Keep the requested, non-personal keys whose value is a non-empty string
 * the resident wrote (or an allowed option the message contains); drop
 * masked values (with '*').
 */
export function acceptExtracted(
  raw: unknown,
  fields: readonly FormFieldPrompt[],
  maskedText: string,
): Partial<Record<string, string>> | undefined {
  const parsed = Extracted.safeParse(raw);
  if (!parsed.success) return undefined;
  const text = squash(maskedText);
  const out: Partial<Record<string, string>> = {};
  for (const f of fields) {
    if (NEVER_EXTRACTED.has(f.key)) continue;
    const v = parsed.data[f.key];
    if (v === undefined || v === null) continue;
    const value = String(v).trim();
    if (!value || value.includes('*') || !text.includes(squash(value))) continue;
    out[f.key] = value;
  }
  return out;
}

/**
 * Ask the model, through `withStructuredOutput` (function calling), for the
 * fields' values in `text`. Returns the accepted values (possibly `{}`), or
 * null when the model failed, timed out or gave no well-formed answer (the
 * form then just asks as usual).
 */
export async function extractFormFields(opts: {
  model: BaseChatModel;
  text: string;
  fields: readonly FormFieldPrompt[];
  timeoutMs: number;
  policy: RetryPolicy;
  logger: Logger;
}): Promise<Partial<Record<string, string>> | null> {
  const fields = opts.fields.filter((f) => !NEVER_EXTRACTED.has(f.key));
  if (fields.length === 0) return {};
  const masked = maskPersonalData(opts.text);
  const messages = [new SystemMessage(FORM_EXTRACTION_PROMPT(fields)), new HumanMessage(masked)];
  let structured;
  try {
    structured = opts.model.withStructuredOutput(extractionSchema(fields), { name: EXTRACTION_FUNCTION_NAME, method: 'functionCalling' });
  } catch (error) {
    opts.logger.warn('llm form extraction unavailable', { error });
    return null;
  }
  const result = await withDeadline(opts.timeoutMs, (signal) =>
    withRetry((s) => structured.invoke(messages, { signal: s }), { policy: opts.policy, signal }),
  );
  if (!result.ok) {
    // A failed call, the deadline, or an answer that is not the function call (the parser throws).
    opts.logger.warn('llm form extraction failed', { error: result.error });
    return null;
  }
  const accepted = acceptExtracted(result.value, fields, masked);
  if (!accepted) {
    opts.logger.warn('llm form extraction malformed');
    return null;
  }
  return accepted;
}
