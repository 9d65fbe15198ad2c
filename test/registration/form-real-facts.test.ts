import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FactsFileSchema } from '../../knowledge/facts/schema.js';
import { FactsTable } from '../../tools/facts-table.js';
import { startForm, stepForm, type FormStep } from '../../bot/registration/form.js';
import { readFormSpec } from '../../bot/registration/form-spec.js';

const facts = new FactsTable(FactsFileSchema.parse(JSON.parse(readFileSync('knowledge/facts/facts.json', 'utf8'))));

describe('the form over the shipped facts table', () => {
  it('finds all nine fields with the district and level options', () => {
    const spec = readFormSpec(facts);
    expect(spec?.fields.map((f) => f.field)).toEqual(['name', 'gender', 'idNumber', 'education', 'title', 'employer', 'district', 'phone', 'level']);
    expect(spec?.fields.find((f) => f.field === 'level')?.options).toEqual(['初级', '中级']);
    expect(spec?.fields.find((f) => f.field === 'district')?.options).toContain('市直');
  });

  it('registers a resident end to end with the office, class size, fee and subsidy from the facts', () => {
    const ctx = { facts, now: new Date('2026-03-01T10:00:00+08:00'), chat: 'private' as const, userId: 'u1' };
    let step: FormStep = startForm(ctx);
    for (const m of ['同意', '我叫张三，男，手机13912345678，报中级，身份证370402199001011238，在枣庄某某公司，薛城的', '专科 会计', '助理工程师', '3年', '确认']) {
      step = stepForm(step.state!, m, ctx);
    }
    expect(step.state).toBeUndefined();
    const reply = step.replies.join('\n');
    expect(reply).toContain('{{reference}}');
    expect(reply).toContain('0632-4422540');
    expect(reply).toContain('20人');
    expect(reply).toContain('3500元');
    expect(reply).toContain('1300元');
  });
});
