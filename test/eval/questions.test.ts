import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentsFileSchema } from '../../knowledge/facts/schema.js';
import { EVAL_CATEGORIES, type EvalItem, QUESTIONS_PATH, REPO_ROOT, loadQuestions } from './eval-item.js';
import { evidenceKeys, extractNumbers } from './numbers.js';

/** The held-out set: a measurement of generalisation, checked here but never gated on (see run-eval.ts --file). */
const HOLDOUT_PATH = join(REPO_ROOT, 'test/eval/holdout.json');
/** A second held-out set, written blind to the implementation; a measurement like the first, never a gate. */
const HOLDOUT2_PATH = join(REPO_ROOT, 'test/eval/holdout2.json');
/** A third held-out set (WeChat-style, districts, mixed asks, follow-ups), written blind; a measurement, never a gate. */
const HOLDOUT3_PATH = join(REPO_ROOT, 'test/eval/holdout3.json');

function load(path: string): EvalItem[] {
  const loaded = loadQuestions(path);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.value;
}
const items = load(QUESTIONS_PATH);
const holdout = load(HOLDOUT_PATH);
const holdout2 = load(HOLDOUT2_PATH);
const holdout3 = load(HOLDOUT3_PATH);

const docsDir = join(REPO_ROOT, 'knowledge/docs');
const documents = DocumentsFileSchema.parse(JSON.parse(readFileSync(join(docsDir, 'documents.json'), 'utf8')));
const docText = new Map(documents.map((d) => [d.id, readFileSync(join(docsDir, d.file), 'utf8')]));

/** Categories that need a broad sample; the others are narrower topics. */
const MAIN_CATEGORIES = [
  'fee',
  'subsidy',
  'net-cost',
  'hours',
  'deadline',
  'eligibility',
  'title',
  'certificate',
  'continuing-education',
  'contact',
  'institution',
  'occupation',
  'process',
  'refund',
  'course',
  'weihai',
  'zhejiang',
  'liaoning',
  'follow-up',
  'traditional',
  'typo',
  'keyword-only',
] as const;

const tokensOf = (item: EvalItem) => item.mustContain.flatMap((e) => (typeof e === 'string' ? [e] : e));
const count = (category: string) => items.filter((i) => i.category === category).length;
/** A question reduced to its characters, so "中级呢？" and "中级呢" compare equal. */
const normalised = (text: string) => text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
const lastTurn = (item: EvalItem) => normalised((item.turns ?? [item.question ?? '']).at(-1) ?? '');

describe('the question set', () => {
  it('has at least 180 valid items with unique ids', () => {
    expect(items.length).toBeGreaterThanOrEqual(180);
  });

  it('covers every category, main ones with at least 8 items and the others with at least 4', () => {
    for (const c of EVAL_CATEGORIES) expect(count(c), c).toBeGreaterThanOrEqual(4);
    for (const c of MAIN_CATEGORIES) expect(count(c), c).toBeGreaterThanOrEqual(8);
  });

  it('has at least 10 out-of-scope, injection and privacy probes together', () => {
    expect(count('out-of-scope') + count('injection') + count('privacy')).toBeGreaterThanOrEqual(10);
  });

  it('asks "can I still register" both inside and after the registration window', () => {
    const dated = items.filter((i) => i.category === 'deadline' && i.now);
    expect(dated.some((i) => i.now! < '2026-04-20')).toBe(true);
    expect(dated.some((i) => i.now! > '2026-04-20')).toBe(true);
    expect(dated.some((i) => i.now === '2026-04-20')).toBe(true);
  });
});

for (const [name, set] of [
  ['the question set', items],
  ['the held-out set', holdout],
  ['the second held-out set', holdout2],
  ['the third held-out set', holdout3],
] as const) {
  describe(`${name}: shared self-checks`, () => {
    it('draws on all five notices', () => {
      const cited = new Set(set.flatMap((i) => i.expectDocs));
      for (const d of documents) expect(cited.has(d.id), d.id).toBe(true);
    });

    it('names only documents that exist', () => {
      for (const i of set) for (const d of i.expectDocs) expect(docText.has(d), `${i.id}: ${d}`).toBe(true);
    });

    it('requires both refund rules (the city notice and the brochure) in every refund item', () => {
      for (const i of set.filter((x) => x.category === 'refund')) {
        const tokens = tokensOf(i);
        expect(tokens, i.id).toContain('开班三天前');
        expect(tokens, i.id).toContain('一旦缴费');
      }
    });

    it('scores follow-ups on their last turn with earlier turns as context', () => {
      for (const i of set.filter((x) => x.category === 'follow-up')) expect(i.turns?.length ?? 0, i.id).toBeGreaterThanOrEqual(2);
    });

    it('expects "not covered" answers for out-of-scope questions and no required number in them', () => {
      for (const i of set.filter((x) => x.category === 'out-of-scope')) expect(i.expectUnknown, i.id).toBe(true);
      for (const i of set.filter((x) => x.expectUnknown)) {
        expect(tokensOf(i).filter((t) => /\d/.test(t)), i.id).toEqual([]);
      }
    });

    it('names a source document wherever it requires a number', () => {
      for (const i of set) {
        if (tokensOf(i).some((t) => /\d/.test(t))) expect(i.expectDocs.length, i.id).toBeGreaterThan(0);
      }
    });

    // Guards the set against typos: a required number must be printed in one of
    // the notices the item names, or be derived as the item's note says
    // ("3500-1300": both operands printed there, the difference required).
    it.each(set.filter((i) => tokensOf(i).some((t) => /\d/.test(t))).map((i) => [i.id, i] as const))(
      '%s requires only numbers its notices state',
      (_id, item) => {
        const known = evidenceKeys(item.expectDocs.map((d) => docText.get(d) ?? ''));
        const derived = new Set<string>();
        for (const [, a, b] of (item.note ?? '').matchAll(/(\d+)-(\d+)/g)) {
          if (known.has(`n:${a}`) && known.has(`n:${b}`)) derived.add(`n:${Number(a) - Number(b)}`);
        }
        for (const token of tokensOf(item)) {
          for (const n of extractNumbers(token)) {
            expect(known.has(n.key) || derived.has(n.key), `${item.id}: "${token}" (${n.key}) is not in ${item.expectDocs.join(', ')}`).toBe(true);
          }
        }
      },
    );
  });
}

describe('the held-out set', () => {
  it('has at least 120 valid items with unique ids', () => {
    expect(holdout.length).toBeGreaterThanOrEqual(120);
  });

  it('shares no id and no question with the question set', () => {
    const ids = new Set(items.map((i) => i.id));
    const questions = new Set(items.map(lastTurn));
    for (const h of holdout) {
      expect(ids.has(h.id), h.id).toBe(false);
      expect(questions.has(lastTurn(h)), `${h.id}: ${lastTurn(h)}`).toBe(false);
    }
  });

  it('weights the Zaozhuang 2026 notice like real traffic (40% to 60% of all items)', () => {
    const z26 = holdout.filter((i) => i.expectDocs.includes('zaozhuang-2026')).length / holdout.length;
    expect(z26).toBeGreaterThanOrEqual(0.4);
    expect(z26).toBeLessThanOrEqual(0.6);
  });

  it('asks questions the notices do not answer, and probes injection and privacy', () => {
    expect(holdout.filter((i) => i.expectUnknown && i.category !== 'out-of-scope').length).toBeGreaterThanOrEqual(8);
    expect(holdout.filter((i) => i.category === 'injection').length).toBeGreaterThanOrEqual(3);
    expect(holdout.filter((i) => i.category === 'privacy').length).toBeGreaterThanOrEqual(3);
  });
});

describe('the second held-out set', () => {
  it('has at least 90 valid items with unique ids', () => {
    expect(holdout2.length).toBeGreaterThanOrEqual(90);
  });

  it('shares no id and no question with the question set or the first held-out set', () => {
    const earlier = [...items, ...holdout];
    const ids = new Set(earlier.map((i) => i.id));
    const questions = new Set(earlier.map(lastTurn));
    for (const h of holdout2) {
      expect(ids.has(h.id), h.id).toBe(false);
      expect(questions.has(lastTurn(h)), `${h.id}: ${lastTurn(h)}`).toBe(false);
    }
  });

  it('weights the Zaozhuang 2026 notice like real traffic (40% to 60% of all items)', () => {
    const z26 = holdout2.filter((i) => i.expectDocs.includes('zaozhuang-2026')).length / holdout2.length;
    expect(z26).toBeGreaterThanOrEqual(0.4);
    expect(z26).toBeLessThanOrEqual(0.6);
  });

  it('asks at least 12 questions the notices do not answer, and probes injection and privacy', () => {
    expect(holdout2.filter((i) => i.expectUnknown && i.category !== 'out-of-scope').length).toBeGreaterThanOrEqual(12);
    expect(holdout2.filter((i) => i.category === 'injection').length).toBeGreaterThanOrEqual(3);
    expect(holdout2.filter((i) => i.category === 'privacy').length).toBeGreaterThanOrEqual(3);
  });

  it('asks time-dependent questions both inside and after the registration window', () => {
    const dated = holdout2.filter((i) => i.now && i.expectDocs.includes('zaozhuang-2026'));
    expect(dated.some((i) => i.now! < '2026-04-20')).toBe(true);
    expect(dated.some((i) => i.now! > '2026-04-21')).toBe(true);
  });
});

describe('the third held-out set', () => {
  it('has at least 80 valid items with unique ids', () => {
    expect(holdout3.length).toBeGreaterThanOrEqual(80);
  });

  it('shares no id and no question with the question set or the earlier held-out sets', () => {
    const earlier = [...items, ...holdout, ...holdout2];
    const ids = new Set(earlier.map((i) => i.id));
    const questions = new Set(earlier.map(lastTurn));
    for (const h of holdout3) {
      expect(ids.has(h.id), h.id).toBe(false);
      expect(questions.has(lastTurn(h)), `${h.id}: ${lastTurn(h)}`).toBe(false);
    }
  });

  it('weights the Zaozhuang 2026 notice like real traffic (40% to 60% of all items)', () => {
    const z26 = holdout3.filter((i) => i.expectDocs.includes('zaozhuang-2026')).length / holdout3.length;
    expect(z26).toBeGreaterThanOrEqual(0.4);
    expect(z26).toBeLessThanOrEqual(0.6);
  });

  it('asks at least 12 questions the notices do not answer, and probes injection and privacy', () => {
    expect(holdout3.filter((i) => i.expectUnknown && i.category !== 'out-of-scope').length).toBeGreaterThanOrEqual(12);
    expect(holdout3.filter((i) => i.category === 'injection').length).toBeGreaterThanOrEqual(3);
    expect(holdout3.filter((i) => i.category === 'privacy').length).toBeGreaterThanOrEqual(3);
  });

  it('asks multi-turn follow-ups and time-dependent questions on both sides of the registration deadline', () => {
    expect(holdout3.filter((i) => i.turns).length).toBeGreaterThanOrEqual(5);
    const dated = holdout3.filter((i) => i.now && i.expectDocs.includes('zaozhuang-2026'));
    expect(dated.some((i) => i.now! < '2026-04-20')).toBe(true);
    expect(dated.some((i) => i.now! > '2026-04-21')).toBe(true);
  });
});
