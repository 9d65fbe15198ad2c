import { describe, expect, it } from 'vitest';
import { chineseNumber, normalizeQuestion, simplify, toHalfWidth } from '../../bot/engine/understand/normalize-question.js';

describe('normalizeQuestion', () => {
  it.each([
    ['數字化管理師報名截止了沒', '数字化管理师报名截止了没'],
    ['請問滕州的聯繫電話是多少', '请问滕州的联系电话是多少'],
    ['證書發下來要多久', '证书发下来要多久'],
    ['職稱認定找哪個部門', '职称认定找哪个部门'],
  ])('turns the traditional characters of %s into simplified ones', (raw, expected) => {
    expect(normalizeQuestion(raw)).toBe(expected);
  });

  it.each([
    ['中级要交３５００吗', '中级要交3500吗'],
    ['ＡＩ方向有没有', 'AI方向有没有'],
    ['区块链ｖｓ大数据', '区块链vs大数据'],
    ['电话是０６３２－５５１３１６５吗', '电话是0632-5513165吗'],
  ])('writes the full-width digits and letters of %s as half-width ones', (raw, expected) => {
    expect(normalizeQuestion(raw)).toBe(expected);
  });

  it.each([
    ['还能报吗？？？', '还能报吗?'],
    ['还能报吗?？?？', '还能报吗?'],
    ['培训费多少!!!!', '培训费多少!'],
    ['在吗。。。有人吗', '在吗。有人吗'],
    ['报名～～～', '报名~'],
    ['初级   学时  多少', '初级 学时 多少'],
    ['  中级多少钱  ', '中级多少钱'],
  ])('folds repeated punctuation (full-width turned half-width) and white space in %s', (raw, expected) => {
    expect(normalizeQuestion(raw)).toBe(expected);
  });

  it('drops zero-width characters pasted from other apps', () => {
    expect(normalizeQuestion('中级\u200B补贴\uFEFF多少')).toBe('中级补贴多少');
  });

  it.each([
    ['中级补帖有多少', '中级补贴有多少'],
    ['初级的补助是几多', '初级的补贴是几多'],
    ['政府补铁能拿到吗', '政府补贴能拿到吗'],
    ['初级课时要上满吗', '初级学时要上满吗'],
    ['中级课程时长多久', '中级学时多久'],
    ['初级班几多钱', '初级班多少钱'],
    ['中级多少前啊', '中级多少钱啊'],
    ['报一个要几块钱', '报一个要多少钱'],
    ['这个陪训在哪报', '这个培训在哪报'],
    ['赔训结束发证吗', '培训结束发证吗'],
    ['咋报名', '怎么报名'],
    ['证书咋领', '证书怎么领'],
    ['学费能退宽吗', '培训费能退款吗'],
    ['啥时候开课', '什么时候开课'],
    ['我是大专学历', '我是专科学历'],
    ['我有助工职称', '我有助理工程师职称'],
    ['书本费另外交吗', '教材费另外交吗'],
    ['我爸在领养老金了', '我爸在已退休领养老金了'],
  ])('rewrites the typo or colloquialism in %s', (raw, expected) => {
    expect(normalizeQuestion(raw)).toBe(expected);
  });

  it.each([['上课时间定了吗'], ['初级上课时间怎么安排']])('keeps 课时 inside 上课时间 in %s', (raw) => {
    const t = normalizeQuestion(raw);
    expect(t).toContain('上课时间');
    expect(t).not.toContain('学时');
  });

  it('leaves an already clean question unchanged', () => {
    expect(normalizeQuestion('枣庄中级培训费多少钱')).toBe('枣庄中级培训费多少钱');
  });
});

describe('simplify and toHalfWidth', () => {
  it('converts Hong Kong and Taiwan variants alike', () => {
    expect(simplify('學時銀行')).toBe('学时银行');
    expect(simplify('補貼發放')).toBe('补贴发放');
  });

  it('keeps Chinese punctuation such as 、 and 。 while turning the ideographic space into a plain one', () => {
    expect(toHalfWidth('初级、中级。')).toBe('初级、中级。');
    expect(toHalfWidth('初级\u3000中级')).toBe('初级 中级');
    expect(toHalfWidth('（１）')).toBe('(1)');
  });
});

describe('chineseNumber', () => {
  it.each([
    ['两', 2],
    ['二', 2],
    ['三', 3],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['二十五', 25],
    ['半', 0.5],
    ['零', 0],
    ['3', 3],
    ['1.5', 1.5],
    ['12', 12],
  ])('reads %s as %d', (s, n) => {
    expect(chineseNumber(s)).toBe(n);
  });

  it.each([['几'], ['很多'], ['一百'], ['']])('returns undefined for %s, which is not a small count', (s) => {
    expect(chineseNumber(s)).toBeUndefined();
  });
});
