import { describe, expect, it } from 'vitest';
import { splitMessage } from '../../../bot/channels/wechat/split-message.js';

const len = (s: string) => [...s].length;

describe('splitMessage', () => {
  it('keeps a short text as one message', () => {
    expect(splitMessage('您好！', 100)).toEqual(['您好！']);
  });

  it('returns nothing for blank text', () => {
    expect(splitMessage('  \n\n ', 100)).toEqual([]);
  });

  it('cuts at paragraph boundaries first, packing paragraphs that fit together', () => {
    const a = '甲'.repeat(30);
    const b = '乙'.repeat(30);
    const c = '丙'.repeat(50);
    expect(splitMessage(`${a}\n\n${b}\n\n${c}`, 70)).toEqual([`${a}\n\n${b}`, c]);
  });

  it('cuts a long paragraph at sentence ends, keeping the punctuation with its sentence', () => {
    const s1 = '第一句话说明报名条件。';
    const s2 = '第二句话说明费用！';
    const s3 = '第三句话说明时间？';
    const s4 = '第四句话说明地点；';
    const text = s1 + s2 + s3 + s4;
    const pieces = splitMessage(text, 20);
    expect(pieces).toEqual([s1 + s2, s3 + s4]);
  });

  it('treats a line break inside a paragraph as a sentence end', () => {
    expect(splitMessage('一二三四五\n六七八九十', 6)).toEqual(['一二三四五', '六七八九十']);
  });

  it('hard-cuts a single sentence longer than the limit, in order', () => {
    const text = '字'.repeat(25);
    const pieces = splitMessage(text, 10);
    expect(pieces.map(len)).toEqual([10, 10, 5]);
    expect(pieces.join('')).toBe(text);
  });

  it.each([
    [50, '数字技术工程师培育项目。'.repeat(20) + '\n\n' + '报名请准备身份证明材料！'.repeat(10)],
    [100, ('培训分初级、中级、高级三个等级；').repeat(30)],
    [7, 'ab。cd！ef？gh；ij\nkl'],
  ])('never exceeds the limit %i and loses no characters', (max, text) => {
    const pieces = splitMessage(text, max);
    for (const p of pieces) expect(len(p)).toBeLessThanOrEqual(max);
    expect(pieces.join('').replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
  });

  it('counts an emoji as one character and never splits it', () => {
    const pieces = splitMessage('😀'.repeat(5), 2);
    expect(pieces).toEqual(['😀😀', '😀😀', '😀']);
  });
});
