/**
 * The shape every exact-fact tool has: a zod input schema and a pure `run`
 * over the facts table (and, for time-aware tools, an injected `now`).
 * `invoke` validates first, so `run` never sees bad input, and returns a
 * tagged value instead of throwing.
 */
import { z } from 'zod';
import type { Fact } from '../knowledge/facts/schema.js';
import type { FactsTable } from './facts-table.js';

/** Expected failures are values. `field` names the offending input field. */
export interface ToolError {
  kind: 'invalid-input' | 'not-covered' | 'not-found';
  message: string;
  field?: string;
}

export type ToolResult<T> = { ok: true; value: T; facts: Fact[] } | { ok: false; error: ToolError };

export interface ToolContext {
  facts: FactsTable;
  /** Injected clock value; tools have no clock of their own. */
  now: Date;
}

export interface ToolDefinition<S extends z.ZodType, T> {
  name: string;
  /** What the tool answers (shown to an LLM; Chinese text lives in prompts/). */
  description: string;
  input: S;
  run(input: z.output<S>, ctx: ToolContext): ToolResult<T>;
}

export function defineTool<S extends z.ZodType, T>(def: ToolDefinition<S, T>): ToolDefinition<S, T> {
  return def;
}

/** Validate `raw` against the tool's schema, then run it. Never throws for bad input. */
export function invokeTool<S extends z.ZodType, T>(
  tool: ToolDefinition<S, T>,
  raw: unknown,
  ctx: ToolContext,
): ToolResult<T> {
  const parsed = tool.input.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: {
        kind: 'invalid-input',
        field: issue?.path.join('.') || undefined,
        message: z.prettifyError(parsed.error),
      },
    };
  }
  return tool.run(parsed.data, ctx);
}

export function ok<T>(value: T, facts: Fact[]): ToolResult<T> {
  return { ok: true, value, facts };
}

export function fail<T = never>(kind: ToolError['kind'], message: string, field?: string): ToolResult<T> {
  return { ok: false, error: { kind, message, field } };
}
