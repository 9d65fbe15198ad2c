import { describe, expect, it } from 'vitest';
import { fixHomophones } from '../../bot/engine/understand/homophones.js';
import { understand } from '../../bot/engine/understand/understand.js';
import { realFacts } from './fake-ports.js';

const facts = realFacts();

describe('homophone typos of domain words', () => {
  it.each([
    ['枣壮初级培训废多少', '枣庄初级培训费多少'],
    ['中级不贴多少钱', '中级补贴多少钱'],
    ['威海英材卡咋申请', '威海英才卡咋申请'],
    ['俺是助里工程师', '俺是助理工程师'],
    ['报明时间', '报名时间'],
  ])('reads %s as %s', (typed, meant) => {
    expect(fixHomophones(typed, facts)).toBe(meant);
  });

  it.each(['我有学士学位', '能不能退钱', '考完了多久能发等级证书', '台儿庄 中级 补贴完了 自己拿多少', '威海叫什么卡', '我老公也想报', '这个培训是线上还是线下', '我叫李明'])(
    'leaves real words alone: %s',
    (text) => {
      expect(fixHomophones(text, facts)).toBe(text);
    },
  );

  it('lets understanding find the topic and region behind the typo', () => {
    const u = understand('枣壮中级不贴多少', facts);
    expect(u.topic).toBe('subsidy');
    expect(u.region).toBe('枣庄');
  });
});
