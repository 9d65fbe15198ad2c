/**
 * rules-by-topic: the generic fallback — every rule fact of a topic
 * (certificate, continuing education, class size, attendance, exam, talent
 * card, materials, process, quota …), rules whose main topic it is first.
 */
import { z } from 'zod';
import { TopicSchema } from '../knowledge/facts/schema.js';
import { fieldDescriptions, toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { OptionalRegionInput } from './inputs.js';
import { inScope, resolveOptionalRegion } from './resolve.js';
import { ruleWithSource, type RuleWithSource } from './rule-item.js';

export const RulesByTopicInput = z.object({
  region: OptionalRegionInput,
  topic: TopicSchema.describe(fieldDescriptions.topic),
});

export interface RulesByTopicValue {
  topic: z.infer<typeof TopicSchema>;
  rules: RuleWithSource[];
}

/** Rule facts of one topic in scope. */
export const rulesByTopic = defineTool<typeof RulesByTopicInput, RulesByTopicValue>({
  name: 'rules-by-topic',
  description: toolDescriptions['rules-by-topic'],
  input: RulesByTopicInput,
  run(input, { facts }) {
    const scope = resolveOptionalRegion(facts, input.region);
    if (!scope.ok) return scope;
    const order = scope.value?.regions;
    const found = facts
      .ofKind('rule', (f) => inScope(f, scope.value) && f.topics.includes(input.topic))
      .map((f, i) => ({ f, i }))
      .sort(
        (x, y) =>
          Number(y.f.topics[0] === input.topic) - Number(x.f.topics[0] === input.topic) ||
          (order ? order.indexOf(x.f.region) - order.indexOf(y.f.region) : 0) ||
          x.i - y.i,
      )
      .map((x) => x.f);
    if (found.length === 0) {
      const where = [...new Set(facts.ofKind('rule', (f) => f.topics.includes(input.topic)).map((f) => f.region))];
      return fail('not-found', `the notices for ${scope.value?.region ?? 'any region'} state no rule on ${input.topic}; rules on it exist for: ${where.join(', ') || 'none'}`);
    }
    return ok({ topic: input.topic, rules: found.map(ruleWithSource) }, found);
  },
});
