import { describe, expect, it } from 'vitest';
import { amountsIn, chineseAmount } from '../../bot/chinese-quantities.js';

describe('chineseAmount', () => {
  it.each([
    ['三千五', 3500],
    ['一千三', 1300],
    ['一千三百', 1300],
    ['两千二', 2200],
    ['两万', 20000],
    ['两万五', 25000],
    ['三千零五十', 3050],
    ['五百', 500],
    ['二十五', 25],
  ])('%s is %d', (s, n) => expect(chineseAmount(s)).toBe(n));

  it.each(['三五', '千', '三三千', '报名'])('%s is no amount', (s) => expect(chineseAmount(s)).toBeUndefined());
});

describe('amountsIn', () => {
  it('reads amounts in digits, digits with a unit and Chinese numerals', () => {
    expect(amountsIn('中级三千五减一千三是多少')).toEqual([3500, 1300]);
    expect(amountsIn('3500补1300对吧 要准备多少')).toEqual([3500, 1300]);
    expect(amountsIn('3千5 还是3.5k 五百块')).toEqual([3500, 3500, 500]);
  });

  it('leaves out years, hours, counts, durations and small numbers', () => {
    expect(amountsIn('2022年考了初级 128学时 20人开班 十二个月内 3个人 两年')).toEqual([]);
  });
});
