import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { simplifiedConverter } from '../../knowledge/text/simplified-chinese.js';

const DOCS = join(import.meta.dirname, '../../knowledge/docs');
const hk = OpenCC.Converter({ from: 'hk', to: 'cn' });
const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toHk = OpenCC.Converter({ from: 'cn', to: 'hk' });

/** Lines of the notices, and the same lines written in Taiwan's and Hong Kong's characters. */
function sampleTexts(): string[] {
  const lines = readdirSync(DOCS)
    .filter((f) => f.endsWith('.md') || f.endsWith('.txt'))
    .flatMap((f) => readFileSync(join(DOCS, f), 'utf8').split('\n'))
    .filter((l) => l.trim() !== '')
    .slice(0, 1500);
  return [...lines, ...lines.map((l) => toTw(l)), ...lines.map((l) => toHk(l)), '枣庄中级培训补贴多少？', '棗莊中級培訓補貼多少？', '數字化管理師報名', '🙂 表情 𠀀', ''];
}

describe('simplifiedConverter', () => {
  it('gives exactly what the opencc-js converters give, hk then tw', () => {
    const fast = simplifiedConverter(['hk', 'tw']);
    const texts = sampleTexts();
    expect(texts.length).toBeGreaterThan(100);
    for (const t of texts) expect(fast(t)).toBe(tw(hk(t)));
  });

  it('gives exactly what the hk converter gives', () => {
    const fast = simplifiedConverter(['hk']);
    for (const t of sampleTexts()) expect(fast(t)).toBe(hk(t));
  });

  it('agrees with the converters on every BMP character on its own and in runs', () => {
    const fast = simplifiedConverter(['hk', 'tw']);
    const chars: string[] = [];
    for (let c = 0x20; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) chars.push(String.fromCharCode(c));
    const mismatches = chars.filter((c) => fast(c) !== tw(hk(c)));
    expect(mismatches).toEqual([]);
    for (let i = 0; i < chars.length; i += 64) {
      const run = chars.slice(i, i + 64).join('');
      expect(fast(run)).toBe(tw(hk(run)));
    }
  });

  it('converts traditional text and returns simplified text unchanged', () => {
    const fast = simplifiedConverter(['hk', 'tw']);
    expect(fast('棗莊市數字技術工程師')).toBe('枣庄市数字技术工程师');
    const simplified = '枣庄中级培训补贴多少';
    expect(fast(simplified)).toBe(simplified);
  });
});
