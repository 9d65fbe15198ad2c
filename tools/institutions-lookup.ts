/**
 * institutions-lookup: training (培训机构) and evaluation (评价机构)
 * institutions named in the notices, by region, occupation and role. An
 * institution's occupations may be written short (区块链); they match through
 * the same alias resolution as the query.
 */
import { z } from 'zod';
import type { Region } from '../knowledge/facts/schema.js';
import { fieldDescriptions, toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { OptionalOccupationInput, OptionalRegionInput } from './inputs.js';
import { byScope, inScope, resolveOccupation, resolveOptionalOccupation, resolveOptionalRegion } from './resolve.js';

export const InstitutionsLookupInput = z.object({
  region: OptionalRegionInput,
  occupation: OptionalOccupationInput,
  role: z.enum(['training', 'evaluation']).optional().describe(fieldDescriptions.role),
});

/** One institution as the notice names it. */
export interface InstitutionItem {
  factId: string;
  region: Region;
  name: string;
  role: 'training' | 'evaluation';
  occupations: string[];
}

export interface InstitutionsLookupValue {
  institutions: InstitutionItem[];
}

/** Institutions matching the optional region, occupation and role. */
export const institutionsLookup = defineTool<typeof InstitutionsLookupInput, InstitutionsLookupValue>({
  name: 'institutions-lookup',
  description: toolDescriptions['institutions-lookup'],
  input: InstitutionsLookupInput,
  run(input, { facts }) {
    const scope = resolveOptionalRegion(facts, input.region);
    if (!scope.ok) return scope;
    const occupation = resolveOptionalOccupation(facts, input.occupation);
    if (!occupation.ok) return occupation;
    const serves = (written: string[]) =>
      !occupation.value || written.some((o) => o === occupation.value || resolveOccupation(facts, o) === occupation.value);
    const found = facts
      .ofKind('institution', (f) => inScope(f, scope.value) && (!input.role || f.role === input.role) && serves(f.occupations))
      .sort(byScope(scope.value));
    if (found.length === 0) {
      const where = facts.ofKind('institution').map((f) => `${f.name} (${f.region}, ${f.role})`);
      return fail('not-found', `the notices name no such institution; institutions named: ${where.join(', ') || 'none'}`);
    }
    return ok(
      {
        institutions: found.map((f) => ({ factId: f.id, region: f.region, name: f.name, role: f.role, occupations: f.occupations })),
      },
      found,
    );
  },
});
