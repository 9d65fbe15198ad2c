/**
 * occupations-lookup: the occupations (职业) the notices train or list, with
 * their codes (职业代码). A query may be a name, an alias or part of a code.
 */
import { z } from 'zod';
import type { Region } from '../knowledge/facts/schema.js';
import { fieldDescriptions, toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { OptionalRegionInput } from './inputs.js';
import { byScope, inScope, occupationNames, resolveOccupation, resolveOptionalRegion } from './resolve.js';

export const OccupationsLookupInput = z.object({
  region: OptionalRegionInput,
  query: z.string().trim().min(1).max(60).optional().describe(fieldDescriptions.query),
});

/** One occupation, merged over the regions whose notices list it. */
export interface OccupationItem {
  name: string;
  code?: string;
  aliases: string[];
  regions: Region[];
  factIds: string[];
}

export interface OccupationsLookupValue {
  occupations: OccupationItem[];
}

/** Occupation facts in scope, optionally narrowed to the one a query names. */
export const occupationsLookup = defineTool<typeof OccupationsLookupInput, OccupationsLookupValue>({
  name: 'occupations-lookup',
  description: toolDescriptions['occupations-lookup'],
  input: OccupationsLookupInput,
  run(input, { facts }) {
    const scope = resolveOptionalRegion(facts, input.region);
    if (!scope.ok) return scope;
    let wanted: string | undefined;
    let code: string | undefined;
    if (input.query) {
      wanted = resolveOccupation(facts, input.query);
      if (!wanted && /^[\d-]+$/.test(input.query)) code = input.query;
      if (!wanted && !code) {
        return fail('not-found', `no occupation "${input.query}" in the notices; known: ${occupationNames(facts).map((o) => o.name).join(', ')}`, 'query');
      }
    }
    const found = facts
      .ofKind(
        'occupation',
        (f) => inScope(f, scope.value) && (!wanted || f.name === wanted) && (!code || (f.code ?? '').includes(code)),
      )
      .sort(byScope(scope.value));
    if (found.length === 0) {
      return fail('not-found', `the notices for ${scope.value?.region ?? 'any region'} list no such occupation`);
    }
    const merged = new Map<string, OccupationItem>();
    for (const f of found) {
      const item = merged.get(f.name) ?? { name: f.name, aliases: [], regions: [], factIds: [] };
      item.code ??= f.code;
      for (const a of f.aliases) if (!item.aliases.includes(a)) item.aliases.push(a);
      if (!item.regions.includes(f.region)) item.regions.push(f.region);
      item.factIds.push(f.id);
      merged.set(f.name, item);
    }
    return ok({ occupations: [...merged.values()] }, found);
  },
});
