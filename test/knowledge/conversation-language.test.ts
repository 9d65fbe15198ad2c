import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactsFileSchema } from '../../knowledge/facts/schema.js';
import { ConversationLanguageSchema, defaultConversationLanguage, loadConversationLanguage } from '../../knowledge/language/schema.js';
import { FactsTable } from '../../tools/facts-table.js';
import { startForm, stepForm, type FormContext } from '../../bot/registration/form.js';

const SHIPPED = new URL('../../knowledge/language/conversation.json', import.meta.url).pathname;
const facts = new FactsTable(FactsFileSchema.parse(JSON.parse(readFileSync('test/fixtures/facts-form.json', 'utf8'))));

describe('the conversation language data', () => {
  it('validates against its schema', () => {
    expect(ConversationLanguageSchema.safeParse(JSON.parse(readFileSync(SHIPPED, 'utf8'))).success).toBe(true);
  });

  it('refuses a file with a bad field word, naming the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dte-lang-'));
    const bad = { ...JSON.parse(readFileSync(SHIPPED, 'utf8')), fieldWords: { 手机: 'mobile' } };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    expect(() => loadConversationLanguage(join(dir, 'bad.json'))).toThrow(/fieldWords/);
  });

  it('lets an operator add a phrasing without touching code: a new hold phrase stops being stored as a name', () => {
    const ctx = (language = defaultConversationLanguage()): FormContext => ({
      facts,
      now: new Date('2026-03-01T10:00:00+08:00'),
      chat: 'private',
      userId: 'u1',
      language,
    });
    const start = startForm(ctx());
    const filling = stepForm(start.state!, '同意', ctx()).state!;
    expect(filling.asking).toBe('name');
    // Today "容我想想" is two-to-twenty Chinese characters: it would pass as a name.
    expect(stepForm(filling, '容我想想', ctx()).state?.values.name).toBe('容我想想');
    const taught = { ...defaultConversationLanguage(), nonAnswersExact: [...defaultConversationLanguage().nonAnswersExact, '容我想想'] };
    const step = stepForm(filling, '容我想想', ctx(taught));
    expect(step.state?.values.name).toBeUndefined();
    expect(step.state?.asking).toBe('name');
  });
});
