/**
 * The paraphrase table MATCH_THRESHOLD (bot/engine/answer/taught-index.ts) is
 * measured on: a set of taught answers as staff would teach them from 缺口,
 * questions that should get one of them, and near misses that must not.
 */
import type { TaughtAnswer } from '../../bot/store/taught-store.js';

const at = '2026-03-01T00:00:00.000Z';
const facts = (id: string, factIds: string[], phrasings: string[]): TaughtAnswer => ({ id, target: { kind: 'facts', factIds }, phrasings, createdBy: 'test', createdAt: at, hits: 0 });
const ask = (id: string, contactFactId: string, phrasings: string[]): TaughtAnswer => ({ id, target: { kind: 'not-covered', contactFactId }, phrasings, createdBy: 'test', createdAt: at, hits: 0 });

export const TAUGHT: TaughtAnswer[] = [
  facts('1', ['zz26-payment-arranged'], ['培训可以分期付款吗']),
  facts('2', ['zz26-exam-fee'], ['考试费要自己出吗']),
  ask('3', 'zz26-contact-upc-office', ['培训地点在哪里']),
  facts('4', ['zz26-invoice'], ['交了钱能开发票吗']),
  facts('5', ['zz26-refund-city'], ['报了名不想去了钱能退吗']),
  facts('6', ['zz26-class-size'], ['多少人才能开班']),
  ask('7', 'zz26-contact-tech-xu', ['网课平台登录不上怎么办']),
  facts('8', ['zz26-fee-middle'], ['中级要交多少钱']),
];

/** Paraphrases and the taught answer each should get. */
export const HITS: Array<[string, string]> = [
  ['培训可以分期付款吗？', '1'],
  ['請問培訓可以分期付款嗎', '1'],
  ['能不能分期付款', '1'],
  ['考试费是自己出吗', '2'],
  ['培训地点在哪儿', '3'],
  ['培训在什么地点', '3'],
  ['培训地点是哪里', '3'],
  ['缴费后可以开发票吗', '4'],
  ['能开发票吗', '4'],
  ['不想去了钱可以退吗', '5'],
  ['几个人才能开班', '6'],
  ['满多少人才开班', '6'],
  ['网课登录不上怎么办', '7'],
  ['平台登录不上', '7'],
  ['中级要交多少钱啊', '8'],
];

/**
 * Paraphrases that say the subject in other words (分期缴费 for 分期付款) or
 * that jieba cuts differently (交 / 要交): below the threshold, so they fall
 * through to the normal pipeline. They must never get a *wrong* taught answer.
 */
export const HARD_PARAPHRASES: Array<[string, string]> = [
  ['培训费能分期交吗', '1'],
  ['分期缴费可以吗', '1'],
  ['学费可以分期吗', '1'],
  ['考试的费用是自己承担吗', '2'],
  ['考试费用需要个人出吗', '2'],
  ['交钱以后能不能开发票', '4'],
  ['报名了不想去了能退钱吗', '5'],
  ['多少人能开班', '6'],
  ['网课平台登不上怎么办', '7'],
  ['中级交多少钱', '8'],
];

/** Questions that must not get any taught answer. */
export const NON_HITS: string[] = [
  '初级要交多少钱',
  '培训费多少',
  '补贴多少',
  '报名截止到什么时候',
  '考试什么时候',
  '什么时候开班',
  '报名表在哪里下载',
  '证书有什么用',
  '可以开证明吗',
  '退休人员能报名吗',
  '培训期间管饭吗',
  '考试难不难',
  '网上报名怎么报',
  '学时怎么算',
  '能不能在滕州上课',
  '中级证书有什么用',
  '培训费包括教材吗',
  '天气怎么样',
  '发票抬头写什么',
  '什么条件能报名',
  '培训费可以分期吗考试费谁出',
  '考试地点在哪里',
  '开班时间是哪天',
  '报名费退吗',
  '中级要学多少学时',
];
