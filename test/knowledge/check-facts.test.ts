/**
 * The start-up checks over the facts and the notices (knowledge/facts/check-facts.ts):
 * the shipped files pass, fast; each kind of bad edit is refused naming the
 * fact and the file to fix.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCheckedFacts, noticeGarbage, type FactsProblem } from '../../knowledge/facts/check-facts.js';
import { factsProblemLine, START } from '../../prompts/start.js';
import { brokenFixtures, mojibakeOf, NOTICE, REAL_DOCS, REAL_FACTS, SUBSIDY_FACT } from './start-checks-fixture.js';

const fx = brokenFixtures();
afterAll(() => fx.cleanup());

function problems(factsPath: string, docsDir: string): FactsProblem[] {
  const r = loadCheckedFacts(factsPath, docsDir);
  return r.ok ? [] : r.problems;
}

describe('loadCheckedFacts on the shipped files', () => {
  it('accepts them, the Liaoning notice with its mis-decoded tail included', () => {
    const r = loadCheckedFacts(REAL_FACTS, REAL_DOCS);
    expect(r.ok ? [] : r.problems).toEqual([]);
    expect(r.ok && r.notices.map((n) => n.meta.id)).toContain('liaoning-2023');
  });

  it('takes tens of milliseconds at most, reading and parsing included', () => {
    loadCheckedFacts(REAL_FACTS, REAL_DOCS);
    const runs = Array.from({ length: 5 }, () => loadCheckedFacts(REAL_FACTS, REAL_DOCS).ms).sort((a, b) => a - b);
    // Measured 8–15 ms on a loaded 2-core machine; the bound leaves room for a slow CI.
    expect(runs[2]).toBeLessThan(150);
  });
});

describe('loadCheckedFacts refuses', () => {
  it('a fact whose quote is not in its notice, naming the fact, the facts file and the notice file', () => {
    expect(problems(fx.inventedQuote, REAL_DOCS)).toContainEqual(
      expect.objectContaining({ kind: 'quote-not-in-notice', factId: SUBSIDY_FACT, file: fx.inventedQuote, noticeFile: path.join(REAL_DOCS, 'zaozhuang-2026.txt') }),
    );
  });

  it('a fact whose amount its quote does not print', () => {
    expect(problems(fx.inventedAmount, REAL_DOCS)).toEqual([
      expect.objectContaining({ kind: 'not-in-quote', factId: SUBSIDY_FACT, file: fx.inventedAmount, value: '5000' }),
    ]);
  });

  it('a fact naming a document documents.json does not list', () => {
    expect(problems(fx.unknownDoc, REAL_DOCS)).toEqual([{ kind: 'unknown-doc', factId: SUBSIDY_FACT, file: fx.unknownDoc, doc: 'zaozhuang-2027' }]);
  });

  it('a fact completed (seeAlso) by an id the table does not hold, with a line naming both', () => {
    const found = problems(fx.unknownSeeAlso, REAL_DOCS);
    expect(found).toEqual([{ kind: 'unknown-see-also', factId: SUBSIDY_FACT, file: fx.unknownSeeAlso, other: 'zz26-no-such-fact' }]);
    expect(factsProblemLine(found[0]!)).toContain('zz26-no-such-fact');
  });

  it('a notice replaced by its own mojibake, naming the notice file, and the facts that quote it', () => {
    const found = problems(REAL_FACTS, fx.mojibakeDocs);
    expect(found[0]).toMatchObject({ kind: 'notice-garbled', reason: 'mojibake', doc: NOTICE.id, file: path.join(fx.mojibakeDocs, NOTICE.file) });
    expect(found).toContainEqual(expect.objectContaining({ kind: 'quote-not-in-notice', factId: NOTICE.factId, noticeFile: path.join(fx.mojibakeDocs, NOTICE.file) }));
  });

  it('a notice replaced by other Chinese text, naming the facts whose quotes are gone and the file', () => {
    const found = problems(REAL_FACTS, fx.otherTextDocs);
    expect(found).toContainEqual(expect.objectContaining({ kind: 'quote-not-in-notice', factId: NOTICE.factId, noticeFile: path.join(fx.otherTextDocs, NOTICE.file) }));
    for (const p of found.filter((x) => x.kind === 'quote-not-in-notice')) expect(p).toMatchObject({ doc: NOTICE.id });
  });

  it('a notice that is not UTF-8 text', () => {
    expect(problems(REAL_FACTS, fx.binaryDocs)[0]).toMatchObject({ kind: 'notice-garbled', doc: NOTICE.id, file: path.join(fx.binaryDocs, NOTICE.file) });
  });

  it('a notice whose file is missing', () => {
    const found = problems(REAL_FACTS, fx.missingDocs);
    expect(found[0]).toMatchObject({ kind: 'notice-unreadable', doc: NOTICE.id, file: path.join(fx.missingDocs, NOTICE.file) });
    // Its facts are reported with the notice, not as citing an unknown document.
    expect(found.filter((p) => p.kind === 'unknown-doc')).toEqual([]);
  });

  it('a facts file that does not parse, naming it', () => {
    expect(problems(path.join(fx.dir, 'absent.json'), REAL_DOCS)).toEqual([
      expect.objectContaining({ kind: 'facts-file-invalid', file: path.join(fx.dir, 'absent.json') }),
    ]);
  });
});

describe('noticeGarbage', () => {
  it('lets a notice end in a short garbled copy that ingestion repairs or drops', () => {
    expect(problems(REAL_FACTS, fx.tailDocs)).toEqual([]);
  });

  it.each([
    ['mojibake', mojibakeOf('关于开展枣庄市2026年度数字技术工程师培育项目的通知，各区（市）人力资源和社会保障局。'.repeat(5))],
    ['replacement-characters', `关于开展培育项目的通知\uFFFD\uFFFD${'各区（市）人力资源和社会保障局'.repeat(5)}`],
    ['control-characters', `关于开展培育项目的通知\u0000${'各区（市）人力资源和社会保障局'.repeat(5)}`],
    ['not-chinese', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20)],
    ['mojibake', 'Ð¿Ñ€Ð¸Ð²ÐµÑ‚ '.repeat(3)],
  ] as const)('calls a text garbage: %s', (reason, text) => {
    expect(noticeGarbage(text)?.reason).toBe(reason);
  });

  it('reads a Chinese notice with emails, dates and numbers as clean', () => {
    expect(noticeGarbage('联系电话：0632-3314140，电子邮箱：lnrstzjc@126.com。报名截止2026年4月20日。各区（市）人力资源和社会保障局负责。')).toBeUndefined();
  });
});

describe('the operator message', () => {
  it('names the fact id, the facts file and the notice file', () => {
    const found = problems(fx.inventedQuote, REAL_DOCS);
    const text = START.factsRefused(found);
    expect(text).toContain(SUBSIDY_FACT);
    expect(text).toContain(fx.inventedQuote);
    expect(text).toContain(path.join(REAL_DOCS, 'zaozhuang-2026.txt'));
  });

  it('has one line for every kind of problem', () => {
    const kinds = new Set(
      [fx.inventedQuote, fx.inventedAmount, fx.unknownDoc].flatMap((f) => problems(f, REAL_DOCS)).concat(problems(REAL_FACTS, fx.mojibakeDocs), problems(REAL_FACTS, fx.missingDocs)).map((p) => factsProblemLine(p)),
    );
    for (const line of kinds) expect(line).toMatch(/事实|通知/u);
  });
});
