/**
 * The shapes every answer path shares: an Answer (lines, the tool calls and
 * facts behind them, sources, confidence, route), the ToolRunner that
 * records every tool call of a turn, the region a question is about, and the
 * Route: which path answered, as a typed string the trace, the console's
 * Chinese labels and the eval read. Its own file so the answer modules
 * (answer-topic, eligibility-answer, across-regions, answer-from-passages)
 * import it without importing each other.
 */
import type { z } from 'zod';
import type { Fact, Region, Topic } from '../../../knowledge/facts/schema.js';
import type { Passage } from '../../../knowledge/types.js';
import { invokeTool, type ToolContext, type ToolDefinition, type ToolResult } from '../../../tools/define-tool.js';
import type { Session, Slots, SourceRef, ToolCall } from '../types.js';

/** Paths that are not a topic's own answer. */
export type OtherRoute =
  | 'facts'
  | 'compare'
  | 'none'
  | 'retrieval'
  | 'unknown'
  | 'out-of-scope'
  | 'not-covered'
  | 'detail-not-stated'
  | 'class-venue-not-stated'
  | 'subsidy-not-listed'
  /** A notice's own 文号, issue or effective date ("威海方案文号多少"); or that the notice states none. */
  | 'document'
  | 'document-not-stated'
  /** A level the region's notices set no conditions for ("枣庄有高级班没"). */
  | 'level-not-offered'
  /** An answer staff taught on 缺口 (taught-answer.ts). */
  | 'taught';

/** How a topic's answer came about when it is not the plain one ("asked": a rule whose own asks are the question in other words; "elsewhere": the assumed region hands it on, other notices state it; "named": an older notice the question names by its year answers in its own rules; "duration-not-stated": the time of a thing is asked and no limit's clause names it). */
export type RouteOutcome = 'weak' | 'found' | 'rules' | 'not-stated' | 'asked' | 'elsewhere' | 'named' | 'duration-not-stated';

/**
 * Which path answered: a topic ("fee"), another path ("facts"), one of them
 * with an outcome ("eligibility-weak", "target-not-stated"), or a
 * composition (several asks "fee+subsidy", several regions "regions:…",
 * levels side by side "side-by-side:…").
 */
export type Route =
  | Topic
  | OtherRoute
  | `${Topic | OtherRoute}-${RouteOutcome}`
  | `regions:${string}`
  | `side-by-side:${string}`
  | `${string}+${string}`;

export interface Answer {
  lines: string[];
  tools: ToolCall[];
  facts: Fact[];
  passages: Passage[];
  sources?: SourceRef[];
  /** 0..1: how surely the answer rests on the notices. */
  confidence: number;
  route: Route;
  /** False when nothing in the notices answers it (the engine tries retrieval, then says so). */
  answered: boolean;
  slots?: Partial<Slots>;
  pending?: Session['pending'];
  /** This answer told the resident which region it assumed. */
  regionNoted?: boolean;
}

/** Records every tool call of a turn (input and output) for the trace and the grounding check. */
export class ToolRunner {
  readonly calls: ToolCall[] = [];
  readonly facts: Fact[] = [];
  constructor(private readonly ctx: ToolContext) {}

  run<S extends z.ZodType, T>(tool: ToolDefinition<S, T>, input: z.input<S>): ToolResult<T> {
    const result = invokeTool(tool, input, this.ctx);
    this.calls.push({ name: tool.name, input, output: result.ok ? result.value : { error: result.error } });
    if (result.ok) for (const f of result.facts) if (!this.facts.some((x) => x.id === f.id)) this.facts.push(f);
    return result;
  }
}

export interface RegionChoice {
  region: Region;
  regions: Region[];
  /** The resident named it (now or earlier in the conversation). */
  explicit: boolean;
  /** Not named, but the question itself is about it (an applying institution's voice → the notices for institutions). */
  inferred?: boolean;
}
