/**
 * title-recognition: which professional title (职称) a certificate of a level
 * leads to in a region (威海/浙江 初级 -> 助理工程师, 中级 -> 工程师), and the
 * region's rules on who recognises it (属地管理, 市直 by the city bureau).
 */
import { z } from 'zod';
import type { Level, Region } from '../knowledge/facts/schema.js';
import { toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { OptionalLevelInput, RegionInput } from './inputs.js';
import { byScope, inScope, resolveRegionScope } from './resolve.js';

export const TitleRecognitionInput = z.object({
  region: RegionInput,
  level: OptionalLevelInput,
});

/** One title rule of a level. */
export interface TitleItem {
  factId: string;
  region: Region;
  level: Level;
  via: 'level-certificate' | 'training-certificate';
  /** Absent when the certificate is only "an important reference". */
  title?: string;
  statement: string;
}

export interface TitleRecognitionValue {
  region: Region;
  regions: Region[];
  titles: TitleItem[];
  /** Rules on who recognises the title and how (rule facts of topic "title"). */
  recognition: Array<{ factId: string; region: Region; label: string; statement: string }>;
}

/** Title facts of a region (and its inherited regions), optionally for one level. */
export const titleRecognition = defineTool<typeof TitleRecognitionInput, TitleRecognitionValue>({
  name: 'title-recognition',
  description: toolDescriptions['title-recognition'],
  input: TitleRecognitionInput,
  run(input, { facts }) {
    const scope = resolveRegionScope(facts, input.region);
    if (!scope.ok) return scope;
    const sort = byScope(scope.value);
    const titleFacts = facts
      .ofKind('title', (f) => inScope(f, scope.value) && (!input.level || f.level === input.level))
      .sort(sort);
    if (titleFacts.length === 0) {
      const where = [...new Set(facts.ofKind('title').map((f) => f.region))];
      return fail('not-found', `the notices for ${scope.value.region} state no title rule for this level; title rules exist for: ${where.join(', ') || 'none'}`);
    }
    const rules = facts.ofKind('rule', (f) => inScope(f, scope.value) && f.topics.includes('title')).sort(sort);
    return ok(
      {
        region: scope.value.region,
        regions: scope.value.regions,
        titles: titleFacts.map((f) => ({
          factId: f.id,
          region: f.region,
          level: f.level,
          via: f.via,
          title: f.title,
          statement: f.statement,
        })),
        recognition: rules.map((f) => ({ factId: f.id, region: f.region, label: f.label, statement: f.statement })),
      },
      [...titleFacts, ...rules],
    );
  },
});
