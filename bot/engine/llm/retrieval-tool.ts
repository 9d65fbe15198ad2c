/**
 * The retrieval tool the model may call: passages of the official notices
 * for a query, each with its document and section, as JSON text. What the
 * model reads here is evidence for the grounding check, so an answer may
 * quote a passage's numbers; nothing else is added.
 */
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import { RegionSchema } from '../../../knowledge/facts/schema.js';
import type { KnowledgeBase } from '../../../knowledge/types.js';
import { RETRIEVAL_FIELD_DESCRIPTIONS, RETRIEVAL_TOOL_DESCRIPTION } from '../../../prompts/llm.js';
import type { FactsTable } from '../../../tools/facts-table.js';

/** Name the model calls the retrieval tool by. */
export const RETRIEVAL_TOOL_NAME = 'search-notices';

/** Passages returned per call. */
export const RETRIEVAL_K = 4;

/** Longest passage text handed to the model (characters). */
export const RETRIEVAL_MAX_CHARS = 600;

export const RetrievalInput = z.object({
  query: z.string().trim().min(1).max(100).describe(RETRIEVAL_FIELD_DESCRIPTIONS.query),
  region: z.string().trim().min(1).max(30).optional().describe(RETRIEVAL_FIELD_DESCRIPTIONS.region),
});

/** One passage as the model sees it; `doc`/`section`/`quote` become a SourceRef. */
export interface RetrievedPassage {
  doc: string;
  section: string;
  quote: string;
  score: number;
}

/** The tool's JSON output: passages, or an error value (unknown region). */
export type RetrievalOutput =
  | { ok: true; value: { passages: RetrievedPassage[] } }
  | { ok: false; error: { kind: 'not-covered'; message: string } };

/**
 * Search the notices. A region is resolved through the facts' region aliases
 * (滕州 -> 枣庄, 金华 -> 金华 + 浙江); a region the notices don't cover is an
 * error value, never a search of somewhere else.
 */
export async function searchNotices(
  input: z.output<typeof RetrievalInput>,
  deps: { kb: KnowledgeBase; facts: FactsTable },
): Promise<RetrievalOutput> {
  let regions: z.infer<typeof RegionSchema>[] | undefined;
  if (input.region) {
    const exact = RegionSchema.safeParse(input.region);
    const region = exact.success ? exact.data : deps.facts.resolveRegion(input.region);
    if (!region) {
      const covered = deps.facts.regions.map((r) => r.region).join(', ');
      return { ok: false, error: { kind: 'not-covered', message: `"${input.region}" is not covered; covered regions: ${covered}` } };
    }
    regions = deps.facts.applicableRegions(region);
  }
  const found = await deps.kb.search(input.query, { k: RETRIEVAL_K, regions });
  return {
    ok: true,
    value: {
      passages: found.map((p) => ({
        doc: p.doc,
        section: p.section,
        quote: p.text.length > RETRIEVAL_MAX_CHARS ? p.text.slice(0, RETRIEVAL_MAX_CHARS) : p.text,
        score: Math.round(p.score * 1000) / 1000,
      })),
    },
  };
}

/** The retrieval tool as a LangChain tool; its output is `JSON.stringify(RetrievalOutput)`. */
export function createRetrievalTool(deps: { kb: KnowledgeBase; facts: FactsTable }): StructuredToolInterface {
  return tool(async (input: z.output<typeof RetrievalInput>) => JSON.stringify(await searchNotices(input, deps)), {
    name: RETRIEVAL_TOOL_NAME,
    description: RETRIEVAL_TOOL_DESCRIPTION,
    schema: RetrievalInput,
  }) as StructuredToolInterface;
}
