/**
 * Help for the registration form: pull field values (employer, education …)
 * out of a free-text message with the model. Personal data is masked before
 * the call, ID number and phone are never extracted, and a value is kept only
 * when the resident actually wrote it (it appears in the message), so the
 * model can shorten the form but cannot fill it in. Validation stays with the
 * form's zod schemas.
 */
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { z } from 'zod';
import type { Logger } from '../../log.js';
import { maskPersonalData } from '../../mask.js';
import { FORM_EXTRACTION_PROMPT, type FormFieldPrompt } from '../../../prompts/llm.js';
import { withDeadline } from './deadline.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { finalText, type ToolCallingModel } from './run-tool-agent.js';

export type { FormFieldPrompt } from '../../../prompts/llm.js';

/** Fields that hold personal identifiers: never asked of, nor accepted from, the model. */
export const NEVER_EXTRACTED = new Set(['idNumber', 'phone']);

const Extracted = z.record(z.string(), z.union([z.string(), z.number()]).nullable());

/** The first JSON object in a model's text (code fences and prose around it tolerated). */
export function parseJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
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
 * Ask the model for the fields' values in `text`. Returns the accepted values
 * (possibly `{}`), or null when the model failed, timed out or answered
 * something that is not a JSON object (the form then just asks as usual).
 */
export async function extractFormFields(opts: {
  model: ToolCallingModel;
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
  const result = await withDeadline(opts.timeoutMs, (signal) =>
    withRetry((s) => opts.model.invoke(messages, { signal: s }), { policy: opts.policy, signal }),
  );
  if (!result.ok) {
    opts.logger.warn('llm form extraction failed', { error: result.error });
    return null;
  }
  const accepted = acceptExtracted(parseJsonObject(finalText(result.value)), fields, masked);
  if (!accepted) {
    opts.logger.warn('llm form extraction unparseable');
    return null;
  }
  return accepted;
}
