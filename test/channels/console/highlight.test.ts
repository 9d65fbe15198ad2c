import { describe, expect, it } from 'vitest';
import { highlightQuote, matchedRanges } from '../../../bot/channels/console/highlight.js';

describe('highlightQuote', () => {
  it('marks the words the quote shares with the question', () => {
    const out = highlightQuote('中级培训费为3980元/人', '枣庄中级培训费多少？').value;
    expect(out).toBe('<mark>中级培训费</mark>为3980元/人');
  });

  it('marks nothing when the question shares no two-character word with the quote', () => {
    expect(matchedRanges('报名截止时间为4月20日', '补贴多少')).toEqual([]);
  });

  it('matches across a line break inside the quote', () => {
    const out = highlightQuote('培训\n费用', '培训费').value;
    expect(out).toBe('<mark>培训\n费</mark>用');
  });

  it('escapes the quote while highlighting it', () => {
    const out = highlightQuote('<b>培训费</b>', '培训费').value;
    expect(out).toBe('&lt;b&gt;<mark>培训费</mark>&lt;/b&gt;');
  });

  it('folds full-width digits and letters before matching', () => {
    expect(highlightQuote('电话０６３２', '0632').value).toBe('电话<mark>０６３２</mark>');
  });
});
