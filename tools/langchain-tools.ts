/**
 * The exact-fact tools as LangChain tools, for the optional LLM path. Each
 * keeps its zod input schema and its description from prompts/tools.ts, and
 * returns the tool result (value and cited facts, or an error value) as JSON
 * text. The clock is read once per call through the injected `now`.
 * Input the schema refuses never reaches the tool: LangChain rejects it with
 * a ToolInputParsingException (the LLM path's agent then stops and the
 * offline answer is used, bot/engine/llm/run-tool-agent.ts); every expected
 * outcome after that is a JSON value.
 */
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { toolDescriptions, type ToolName } from '../prompts/tools.js';
import { invokeTool } from './define-tool.js';
import type { FactsTable } from './facts-table.js';
import { allTools, type AnyTool } from './index.js';

export interface LangChainToolDeps {
  facts: FactsTable;
  /** The injected clock. */
  now: () => Date;
}

/** One tool wrapped for LangChain; its output is `JSON.stringify(ToolResult)`. */
export function toLangChainTool(def: AnyTool, deps: LangChainToolDeps): StructuredToolInterface {
  return tool(async (input: unknown) => JSON.stringify(invokeTool(def, input, { facts: deps.facts, now: deps.now() })), {
    name: def.name,
    description: toolDescriptions[def.name as ToolName] ?? def.description,
    schema: def.input,
  }) as StructuredToolInterface;
}

/** Every tool of ./index.ts wrapped for LangChain. */
export function createLangChainTools(deps: LangChainToolDeps): StructuredToolInterface[] {
  return allTools.map((def) => toLangChainTool(def, deps));
}
