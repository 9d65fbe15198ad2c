import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FactsFileSchema, type FactsFile } from '../../knowledge/facts/schema.js';
import { defaultProfileLanguage, parseProfileLanguage, ProfileLanguageSchema, type ProfileLanguage } from '../../knowledge/language/profile-schema.js';
import { FactsTable } from '../../tools/facts-table.js';
import { extractProfile } from '../../bot/engine/understand/extract-profile.js';
import { normalizeQuestion } from '../../bot/engine/understand/normalize-question.js';
import { useProfileLanguage } from '../../bot/registration/profile-language.js';
import { buildProfile, parseProfileAnswer, parseYears } from '../../bot/registration/eligibility.js';
import { startForm, stepForm, type FormStep } from '../../bot/registration/form.js';

const SHIPPED = new URL('../../knowledge/language/profile.json', import.meta.url).pathname;
const factsFile = (): FactsFile => FactsFileSchema.parse(JSON.parse(readFileSync('knowledge/facts/facts.json', 'utf8')));
const facts = new FactsTable(factsFile());

const profileOf = (message: string) => extractProfile(normalizeQuestion(message));
/** A copy of the shipped data, changed by `edit`, validated as start-up would. */
const taught = (edit: (data: ProfileLanguage) => void): ProfileLanguage => {
  const data = structuredClone(defaultProfileLanguage());
  edit(data);
  return parseProfileLanguage(data);
};

afterEach(() => useProfileLanguage(defaultProfileLanguage()));

describe('the profile language data', () => {
  it('validates against its schema, every pattern compiling', () => {
    expect(ProfileLanguageSchema.safeParse(JSON.parse(readFileSync(SHIPPED, 'utf8'))).success).toBe(true);
  });

  it.each([
    ['a pattern that does not compile', '(算|认定'],
    ['an unknown placeholder', '算{grade}'],
  ])('refuses %s, naming where it is', (_what, pattern) => {
    const bad = JSON.parse(readFileSync(SHIPPED, 'utf8'));
    bad.titles.countsAs = pattern;
    const r = ProfileLanguageSchema.safeParse(bad);
    expect(r.success).toBe(false);
    if (!r.success) expect(JSON.stringify(r.error.issues[0]?.path)).toBe('["titles","countsAs"]');
  });

  it('refuses an education level the eligibility tool does not know', () => {
    const bad = JSON.parse(readFileSync(SHIPPED, 'utf8'));
    bad.education.push({ level: '大本', words: [] });
    expect(() => parseProfileLanguage(bad)).toThrow(/education/);
  });

  it('reads a new word for an education level once an operator adds it, in a story and in the form, without a code change', () => {
    expect(profileOf('我大本毕业，工作两年了').education).toBeUndefined();
    expect(parseProfileAnswer('education', '大本')).toBeUndefined();
    useProfileLanguage(taught((d) => d.education.find((e) => e.level === '本科')!.words.push('大本')));
    expect(profileOf('我大本毕业，工作两年了')).toMatchObject({ education: '本科', yearsInWork: 2 });
    expect(parseProfileAnswer('education', '大本')).toEqual({ education: '本科' });
    expect(buildProfile({ education: '大本 计算机', title: '' }, {}).education).toBe('本科');
  });

  it('understands a new way of saying "no title" in a story once an operator adds it', () => {
    expect(profileOf('我大专毕业，职称还没评下来').titles).toBeUndefined();
    useProfileLanguage(taught((d) => d.titles.none.push('职称还没评')));
    expect(profileOf('我大专毕业，职称还没评下来').titles).toEqual([]);
  });

  it('does not read a denied education as the resident\'s ("没本科"), and a new denial works from the data', () => {
    expect(profileOf('没本科 但有技术员职称').education).toBeUndefined();
    expect(profileOf('本科毕业两年').education).toBe('本科');
    useProfileLanguage(taught((d) => d.educationNegations.push('哪有')));
    expect(profileOf('哪有本科 有技术员职称').education).toBeUndefined();
  });

  it('takes a new hedge of a duration from the data ("小三年" is a little under three)', () => {
    expect(parseYears('干了小三年')).toBe(3);
    useProfileLanguage(taught((d) => d.years.under.push('小')));
    expect(parseYears('干了小三年')).toBe(2.5);
  });

  it('lets the form judge a 学历 written in the new word, with no code change', () => {
    const ctx = { facts, now: new Date('2026-03-01T10:00:00+08:00'), chat: 'private' as const, userId: 'u1' };
    const run = () => {
      let step: FormStep = startForm(ctx);
      for (const m of ['同意', '张三', '男', '370402199001011238', '大本 计算机科学与技术', '无', '枣庄某科技有限公司', '市中区', '13800138000', '初级']) {
        step = stepForm(step.state!, m, ctx);
      }
      return step.replies.join('\n');
    };
    expect(run()).not.toContain('您符合初级报名条件');
    useProfileLanguage(taught((d) => d.education.find((e) => e.level === '本科')!.words.push('大本')));
    expect(run()).toContain('您符合初级报名条件');
  });

  it('counts a title the facts name in a story, from the facts table and not from the language data', () => {
    const file = factsFile();
    const clause = file.facts.flatMap((f) => (f.kind === 'eligibility' ? f.clauses : [])).flatMap((c) => c.all).find((c) => c.kind === 'title');
    if (clause?.kind !== 'title') throw new Error('the shipped facts have no title condition');
    clause.anyOf.push('统计师');
    const withTitle = new FactsTable(file);
    expect(extractProfile('我是统计师，能报中级吗', undefined, facts).titles).toBeUndefined();
    expect(extractProfile('我是统计师，能报中级吗', undefined, withTitle).titles).toEqual(['统计师']);
  });
});
