import { describe, expect, it } from 'vitest';
import { ExampleIndex } from '../../knowledge/index/example-index.js';
import { defaultRetrievalLanguage, RetrievalLanguageSchema } from '../../knowledge/language/retrieval-schema.js';

const examples = [
  { label: 'fee', text: '学费多少钱' },
  { label: 'fee', text: '培训要交多少费用' },
  { label: 'refund', text: '交了钱去不了能退吗' },
  { label: 'refund', text: '退费怎么办理' },
  { label: 'class', text: '几个人能开班' },
] as const;

describe('ExampleIndex', () => {
  const index = new ExampleIndex<(typeof examples)[number]['label']>([...examples], ['枣庄']);

  it('finds the nearest example by words and bigrams, with a cosine in [0, 1]', () => {
    const [best] = index.nearest('枣庄学费要多少钱');
    expect(best?.label).toBe('fee');
    expect(best!.similarity).toBeGreaterThan(0.5);
    expect(best!.similarity).toBeLessThanOrEqual(1);
  });

  it('votes: the label with the closest neighbours has the largest share', () => {
    const votes = index.vote('去不了了钱能退不');
    expect(votes[0]?.label).toBe('refund');
    expect(votes.reduce((s, v) => s + v.share, 0)).toBeCloseTo(1, 6);
  });

  it('strips slot words: a message of only a place has no neighbours', () => {
    expect(index.nearest('枣庄')).toEqual([]);
  });

  it('words no example holds lower the similarity', () => {
    const plain = index.nearest('几个人能开班')[0]!.similarity;
    const noisy = index.nearest('几个人能开班 事业编加分')[0]!.similarity;
    expect(noisy).toBeLessThan(plain);
  });

  it('orders equal similarities by example order and keeps at most k', () => {
    const twins = new ExampleIndex([
      { label: 'a', text: '报名截止时间' },
      { label: 'b', text: '报名截止时间' },
      { label: 'c', text: '报名截止时间' },
      { label: 'd', text: '学费多少钱' },
    ]);
    expect(twins.nearest('报名什么时候截止', 2).map((n) => n.label)).toEqual(['a', 'b']);
    expect(twins.nearest('报名什么时候截止', 10).map((n) => n.label)).toEqual(['a', 'b', 'c']);
    expect(twins.nearest('报名什么时候截止', 0)).toEqual([]);
  });

  it('answers the same query again with equal results that are the caller\'s own', () => {
    const first = index.nearest('交了钱能退吗');
    first[0]!.similarity = -1;
    expect(index.nearest('交了钱能退吗')[0]!.similarity).toBeGreaterThan(0);
    expect(index.nearest('交了钱能退吗')).toEqual(index.nearest('交了钱能退吗'));
  });
});

describe('ExampleIndex: synonym groups (knowledge/language/retrieval.json)', () => {
  const language = defaultRetrievalLanguage();

  it('every shipped group: a message in one word of the group meets an example in another as closely as one in the same word', () => {
    expect(language.synonyms.length).toBeGreaterThan(0);
    for (const group of language.synonyms) {
      const first = group[0]!;
      const other = group[group.length - 1]!;
      const index = new ExampleIndex([
        { label: 'group', text: `问一下${first}的情况` },
        { label: 'noise', text: '问一下别的情况' },
      ]);
      const viaSynonym = index.nearest(`${other}的情况`)[0]!;
      expect(viaSynonym.label, `${other} → ${first}`).toBe('group');
    }
  });

  it('a paraphrase with a synonym scores higher than the same paraphrase with an unrelated word', () => {
    const index = new ExampleIndex([{ label: 'recognised', text: '培训合格证书外地认不认' }]);
    const synonym = index.nearest('证书外省认不认')[0]!.similarity;
    const unrelated = index.nearest('证书海边认不认')[0]!.similarity;
    expect(synonym).toBeGreaterThan(unrelated);
  });

  it('a word in two groups is refused when the data is loaded', () => {
    const bad = { ...language, synonyms: [['外地', '外省'], ['外省', '省外']] };
    expect(RetrievalLanguageSchema.safeParse(bad).success).toBe(false);
    expect(RetrievalLanguageSchema.safeParse({ ...language, synonyms: [['外地', '外省']] }).success).toBe(true);
  });
});
