import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultUnderstandingLanguage, UnderstandingLanguageSchema } from '../../knowledge/language/understanding-schema.js';
import { useUnderstandingLanguage } from '../../bot/engine/understand/lexicon.js';
import { understand } from '../../bot/engine/understand/understand.js';
import { realFacts } from '../engine/fake-ports.js';

const SHIPPED = new URL('../../knowledge/language/understanding.json', import.meta.url).pathname;
const facts = realFacts();

afterEach(() => useUnderstandingLanguage(defaultUnderstandingLanguage()));

describe('the understanding language data', () => {
  it('validates against its schema, every pattern compiling', () => {
    expect(UnderstandingLanguageSchema.safeParse(JSON.parse(readFileSync(SHIPPED, 'utf8'))).success).toBe(true);
  });

  it('refuses a pattern that does not compile, naming where it is', () => {
    const bad = JSON.parse(readFileSync(SHIPPED, 'utf8'));
    bad.topicPatterns[0].pattern = '(unclosed';
    const r = UnderstandingLanguageSchema.safeParse(bad);
    expect(r.success).toBe(false);
    if (!r.success) expect(JSON.stringify(r.error.issues[0]?.path)).toContain('topicPatterns');
  });

  it('understands a new way of asking once an operator adds it to the data, without a code change', () => {
    const question = '俺想问问那个手续钱咋算';
    expect(understand(question, facts).topic).not.toBe('fee');
    const data = structuredClone(defaultUnderstandingLanguage());
    data.topicCues.find((t) => t.topic === 'fee')!.cues['手续钱'] = 6;
    useUnderstandingLanguage(data);
    expect(understand(question, facts).topic).toBe('fee');
  });

  it('rewrites a typo an operator adds', () => {
    expect(understand('中级补tie有几个钱', facts).topic).not.toBe('subsidy');
    const data = structuredClone(defaultUnderstandingLanguage());
    data.rewrites.unshift({ pattern: '补tie', replacement: '补贴' });
    useUnderstandingLanguage(data);
    expect(understand('中级补tie有几个钱', facts).topic).toBe('subsidy');
  });
});
