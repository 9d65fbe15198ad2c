/**
 * Normalise what a resident typed before understanding it: traditional ->
 * simplified (opencc-js), full-width -> half-width letters and digits, white
 * space and repeated punctuation folded, common typos and colloquialisms
 * rewritten (lexicon REWRITES).
 */
import { simplifiedConverter } from '../../../knowledge/text/simplified-chinese.js';
import { REWRITES } from './lexicon.js';

const toSimplified = simplifiedConverter(['hk']);

/** Traditional (HK/TW) to simplified Chinese, as opencc-js's hk → cn converter (built on first use). */
export function simplify(text: string): string {
  return toSimplified(text);
}

/** Full-width ASCII (Ａ１２，) to half-width; keeps CJK punctuation like 、。 */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** The text used for matching: simplified, half-width, folded, rewritten. */
export function normalizeQuestion(raw: string): string {
  let t = toHalfWidth(simplify(raw.normalize('NFC')));
  t = t.replace(/[\u200B-\u200D\uFEFF]/g, '');
  t = t.replace(/\s+/g, ' ').trim();
  t = t.replace(/([?？!！。.,，~～])\1+/g, '$1');
  for (const [re, to] of REWRITES) t = t.replace(re, to);
  return t;
}

/** Chinese numerals in small counts (两年, 十一个月, 一年半) to numbers. */
export function chineseNumber(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const digits: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? digits[m[1]]! : 1) * 10 + (m[2] ? digits[m[2]]! : 0);
  if (s.length === 1 && s in digits) return digits[s];
  if (s === '半') return 0.5;
  return undefined;
}
