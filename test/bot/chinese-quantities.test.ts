import { describe, expect, it } from 'vitest';
import { amountsIn, chineseNumeral } from '../../bot/chinese-quantities.js';
import { NOT_AMOUNT_UNITS } from '../../bot/engine/understand/lexicon.js';

describe('chineseNumeral', () => {
  it.each([
    ['十', 10],
    ['十二', 12],
    ['六十', 60],
    ['二十五', 25],
    ['五百', 500],
    ['一千三百', 1300],
    ['三千五百', 3500],
    ['两万', 20000],
    ['一万二千', 12000],
    ['二〇二六', 2026],
    ['一百零五', 105],
    ['三千零五十', 3050],
    // Amounts as people say them: a digit after the last unit counts one unit lower.
    ['三千五', 3500],
    ['一千三', 1300],
    ['两千二', 2200],
    ['两万五', 25000],
    ['一万二', 12000],
  ])('reads %s as %i', (text, value) => expect(chineseNumeral(text)).toBe(value));

  it.each(['一点', '', '三三千', '报名'])('%j is no numeral', (text) => expect(chineseNumeral(text)).toBeUndefined());
});

describe('amountsIn', () => {
  const amounts = (text: string) => amountsIn(text, NOT_AMOUNT_UNITS);

  it('reads amounts in digits, digits with a unit and Chinese numerals', () => {
    expect(amounts('中级三千五减一千三是多少')).toEqual([3500, 1300]);
    expect(amounts('3500补1300对吧 要准备多少')).toEqual([3500, 1300]);
    expect(amounts('3千5 还是3.5k 五百块')).toEqual([3500, 3500, 500]);
  });

  it("leaves out years, hours, counts and durations (the language data's counting units) and small numbers", () => {
    expect(amounts('2022年考了初级 128学时 20人开班 十二个月内 3个人 两年')).toEqual([]);
    expect(amountsIn('128学时', [])).toEqual([128]);
  });
});
