/**
 * The facts table is only as good as its quotes: every fact must be backed by
 * the notice it names, verbatim, and every number it carries must be the one
 * printed in that quote, so a number typed wrong (or a notice edited under the
 * table) fails here with the fact's id in the test name.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDocumentsMeta, loadFactsFile, readDocumentText } from '../../knowledge/facts/load-facts.js';
import { checkFacts, problemsOf, quoteHasDigits, quoteHasNumber, usableNoticeText, type FactsProblem, type NoticeText } from '../../knowledge/facts/check-facts.js';
import { containsQuote } from '../../knowledge/text/match-key.js';

// The checks live in knowledge/facts/check-facts.ts: the bot runs the same ones at start-up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const docsDir = path.join(root, 'knowledge/docs');
const factsPath = path.join(root, 'knowledge/facts/facts.json');

const loaded = loadFactsFile(factsPath);
if (!loaded.ok) throw new Error(loaded.error);
const facts = loaded.file.facts;

const docsMeta = loadDocumentsMeta(docsDir);
if (!docsMeta.ok) throw new Error(docsMeta.error);
const notices: NoticeText[] = docsMeta.documents.map((meta) => {
  const read = readDocumentText(docsDir, meta);
  if (!read.ok) throw new Error(read.error);
  return { meta, file: path.join(docsDir, meta.file), text: read.text };
});
const cleanText = new Map(notices.map((n) => [n.meta.id, usableNoticeText(n.text)]));

const problems = checkFacts(loaded.file, notices, factsPath);
const ofKinds = (factId: string, kinds: Array<FactsProblem['kind']>) => problemsOf(problems, factId).filter((p) => kinds.includes(p.kind));

describe('facts.json', () => {
  it('parses with the facts schema', () => {
    expect(loaded.ok).toBe(true);
    expect(facts.length).toBeGreaterThan(100);
  });

  it('gives every fact a unique id', () => {
    const ids = facts.map((f) => f.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it('declares every conflict on both sides', () => {
    const byId = new Map(facts.map((f) => [f.id, f]));
    for (const f of facts) {
      for (const other of f.conflictsWith ?? []) {
        expect(byId.get(other)?.conflictsWith ?? [], `${other} should list ${f.id}`).toContain(f.id);
      }
    }
  });
});

describe.each(facts.map((f) => [f.id, f] as const))('fact %s', (id) => {
  it('names a document listed in documents.json, of the same region or one it inherits', () => {
    expect(ofKinds(id, ['unknown-doc', 'region-mismatch'])).toEqual([]);
  });

  it('quotes its document verbatim (white space aside), outside any garbled text', () => {
    expect(ofKinds(id, ['quote-not-in-notice', 'quote-garbled'])).toEqual([]);
  });

  it('states no number that its quote does not print', () => {
    expect(ofKinds(id, ['not-in-quote', 'clause-label-mismatch'])).toEqual([]);
  });

  it('declares its conflicts on both sides and uses only known occupations and printed exclusions', () => {
    expect(ofKinds(id, ['one-sided-conflict', 'unknown-see-also', 'unknown-occupation', 'exclusion-not-in-notice'])).toEqual([]);
  });
});

describe('the shipped notices', () => {
  it('pass every check together with the facts (what the bot checks at start)', () => {
    expect(problems).toEqual([]);
  });
});

describe('the quote checks themselves', () => {
  it('reject a quote with one character changed', () => {
    const text = cleanText.get('zaozhuang-2026') ?? '';
    expect(containsQuote(text, '培训费3000元')).toBe(true);
    expect(containsQuote(text, '培训费3001元')).toBe(false);
  });

  it('reject a number that is only part of a printed one', () => {
    expect(quoteHasNumber('培训费3000元', 300)).toBe(false);
    expect(quoteHasDigits('0632-3314140', '331414')).toBe(false);
    expect(quoteHasNumber('培训费3000元', 3000)).toBe(true);
    expect(quoteHasNumber('可于开班三天前提出退款申请', 3)).toBe(true);
  });

  it('cut the mis-decoded run out of the Liaoning notice', () => {
    const liaoning = cleanText.get('liaoning-2023') ?? '';
    expect(liaoning).toContain('电子邮箱：lnrstzjc@126.com');
    expect(liaoning).not.toMatch(/[\u0080-\u00ff]{3,}/u);
  });
});
