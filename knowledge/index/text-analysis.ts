/**
 * Text analysis shared by the keyword index and the query side: traditional →
 * simplified conversion (opencc-js), jieba segmentation with the programme's
 * own vocabulary, stopword removal, and expansion of colloquial words into the
 * notices' vocabulary ("退钱" → "退款"). The jieba dictionary takes ~200 ms to
 * load, so it is loaded once, on first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { simplifiedConverter } from '../text/simplified-chinese.js';

/** Bump when segmentation, stopwords or expansions change: part of the index manifest. */
export const ANALYSIS_VERSION = 4;

/** Words jieba must keep whole (the programme's vocabulary and Zaozhuang's districts). */
export const DOMAIN_WORDS = [
  '数字化管理师', '数字技术工程师', '专业技术等级', '专业技术人员', '继续教育', '助理工程师', '工程技术人员',
  '培训补贴', '合格证书', '等级证书', '学时', '退款', '退费', '报名表', '推荐表', '惠才卡', '英才卡',
  '评价机构', '培训机构', '大数据', '区块链', '智能制造', '物联网', '云计算', '人工智能', '集成电路',
  '虚拟现实', '工业互联网', '滕州', '台儿庄', '峄城', '薛城', '山亭', '高新区', '市中区', '技工院校',
  '职称', '开班', '培训费', '考核费用', '社会保险', '户籍',
];

/**
 * Colloquial words residents use → words the notices use. Expansions weigh
 * EXPANSION_WEIGHT of an original query word.
 */
export const QUERY_EXPANSIONS: Record<string, string[]> = {
  退钱: ['退款', '退费'],
  退: ['退款', '退费'],
  钱: ['费用', '培训费'],
  学费: ['培训费', '收费标准'],
  收费: ['培训费', '收费标准'],
  费用: ['培训费', '收费标准'],
  多少钱: ['元', '费'],
  多少: ['元'],
  查: ['查询'],
  真假: ['验证'],
  查询: ['验证'],
  领: ['申领', '享受'],
  一年: ['每年'],
  社保: ['社会保险', '参保'],
  职业: ['职业目录'],
  几次: ['次', '不超过'],
  几家: ['家'],
  几个: ['个'],
  补助: ['补贴'],
  课时: ['学时'],
  时长: ['学时'],
  截止: ['即日起', '日前', '报名时间'],
  截至: ['即日起', '日前', '报名时间'],
  几号: ['时间', '日前'],
  啥时候: ['时间'],
  什么时候: ['时间'],
  电话: ['联系电话', '联系方式', '咨询'],
  联系: ['联系方式', '电话'],
  咨询: ['电话'],
  报名: ['报名表', '填写'],
  咋: ['怎么'],
  学历: ['本科', '专科', '学位'],
  条件: ['具备', '对象'],
  资格: ['条件', '对象'],
  谁: ['对象'],
  证书: ['合格证书', '等级证书'],
  证: ['证书'],
  考试: ['考核', '评价'],
  开课: ['开班'],
  上课: ['开班', '培训'],
  网课: ['线上'],
  材料: ['申请材料', '申报材料'],
  认定: ['认定为', '职称'],
  评职称: ['职称', '认定'],
  多久: ['学时', '期限'],
};
export const EXPANSION_WEIGHT = 0.5;

const STOPWORDS = new Set([
  '的', '了', '吗', '呢', '啊', '吧', '呀', '么', '嘛', '哦', '是', '在', '和', '与', '及', '或', '我', '你', '您',
  '他', '她', '们', '我们', '这', '那', '这个', '那个', '哪', '哪个', '什么', '怎么', '怎么样', '怎样', '如何', '多少',
  '能', '能不能', '可以', '可', '要', '需要', '有', '没有', '没', '就', '都', '也', '还', '又', '请', '问', '请问',
  '一下', '一个', '个', '想', '知道', '给', '对', '把', '被', '让', '从', '到', '为', '以', '等', '其', '该', '之',
  '于', '不', '会', '得', '地', '着', '过', '啥', '呗', '几', '里', '后', '吧', '嗯', '喔', '能否', '是否', '现在', '哪些', '些',
]);

let jieba: Jieba | undefined;
const toCn = simplifiedConverter(['hk', 'tw']);

/**
 * The shared jieba instance with the default dictionary and DOMAIN_WORDS.
 * The dictionary file is read here, once, rather than through
 * `@node-rs/jieba/dict.js`, whose module keeps both dict.txt and idf.txt
 * (11 MB, idf unused) in memory for the life of the process; the bytes
 * handed to jieba are the same.
 */
export function segmenter(): Jieba {
  if (!jieba) {
    const dict = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 100000 n`).join('\n')));
  }
  return jieba;
}

/** Traditional (Hong Kong, then Taiwan variants) → simplified Chinese (text it cannot change is not converted). */
export function toSimplified(text: string): string {
  return toCn(text);
}

/** Query normalisation: width-folded (NFKC), simplified, lower-case, single spaces. */
export function normaliseQuery(query: string): string {
  return toSimplified(query.normalize('NFKC')).toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** A token worth indexing: not a stopword, not punctuation or white space. */
function keep(token: string): boolean {
  const t = token.trim();
  return t !== '' && !STOPWORDS.has(t) && /[\p{L}\p{N}]/u.test(t);
}

/** Index terms of a text (documents): jieba search-mode words, lower-cased, stopwords dropped. */
export function analyse(text: string): string[] {
  return searchWords(text.normalize('NFKC').toLowerCase())
    .map((t) => t.trim())
    .filter(keep);
}

/** The last few texts cut in search mode: one answer cuts the same normalised message for the keyword index and the example index. */
const recentCuts: Array<{ text: string; words: readonly string[] }> = [];

/** jieba's search-mode words of `text` (HMM on); read only (callers map them). */
function searchWords(text: string): readonly string[] {
  for (const c of recentCuts) if (c.text === text) return c.words;
  const words = segmenter().cutForSearch(text, true);
  recentCuts.unshift({ text, words });
  if (recentCuts.length > 4) recentCuts.pop();
  return words;
}

/** The content words of a question (jieba's precise mode, stopwords dropped), e.g. for matching against fact texts. */
export function contentWords(text: string): string[] {
  return segmenter()
    .cut(text.normalize('NFKC').toLowerCase(), true)
    .map((t) => t.trim())
    .filter(keep);
}

/** Query terms with weights: the query's own words (1) and their expansions (EXPANSION_WEIGHT). */
export function analyseQuery(normalisedQuery: string): Map<string, number> {
  const terms = new Map<string, number>();
  const tokens = searchWords(normalisedQuery).map((t) => t.trim());
  for (const t of tokens) if (keep(t)) terms.set(t, 1);
  for (const t of tokens) {
    for (const e of QUERY_EXPANSIONS[t] ?? []) {
      if (!terms.has(e)) terms.set(e, EXPANSION_WEIGHT);
    }
  }
  return terms;
}
