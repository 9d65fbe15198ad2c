import { describe, expect, it } from 'vitest';
import {
  coveredRegions,
  normalizeLevel,
  resolveDistrict,
  resolveOccupation,
  resolveOptionalRegion,
  resolveRegionScope,
} from '../../tools/resolve.js';
import { fixtureTable } from './load-fixture.js';

const facts = fixtureTable();

describe('resolve', () => {
  it.each([
    ['初级', '初级'],
    ['初', '初级'],
    [' 中 ', '中级'],
    ['高级', '高级'],
    ['一级', undefined],
    ['初中', undefined],
  ])('normalises the level word %j to %s', (word, level) => {
    expect(normalizeLevel(word)).toBe(level);
  });

  it.each([
    ['枣庄', '枣庄', ['枣庄']],
    ['滕州', '枣庄', ['枣庄']],
    ['我在薛城上班', '枣庄', ['枣庄']],
    ['杭州', '浙江', ['浙江']],
    ['金华', '金华', ['金华', '浙江']],
    ['浙江金华', '金华', ['金华', '浙江']],
    ['沈阳', '辽宁', ['辽宁']],
  ])('resolves the place %s to %s with scope %j', (place, region, regions) => {
    const r = resolveRegionScope(facts, place);
    expect(r).toEqual({ ok: true, value: { region, regions } });
  });

  it.each(['北京', '上海浦东', '济南'])('says %s is not covered, naming what is', (place) => {
    const r = resolveRegionScope(facts, place);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ kind: 'not-covered', field: 'region' });
      expect(r.error.message).toContain('枣庄');
    }
  });

  it('treats a missing region as every region', () => {
    expect(resolveOptionalRegion(facts, undefined)).toEqual({ ok: true, value: undefined });
  });

  it('lists the covered regions in schema order', () => {
    expect(coveredRegions(facts)).toEqual(['枣庄', '威海', '浙江', '金华', '辽宁']);
  });

  it.each([
    ['大数据', '大数据工程技术人员'],
    ['大数据工程技术人员', '大数据工程技术人员'],
    ['数字化管理', '数字化管理师'],
    ['我想学区块链', '区块链工程技术人员'],
    ['AI', '人工智能工程技术人员'],
    ['ai', '人工智能工程技术人员'],
    ['人工智能工程', '人工智能工程技术人员'],
    ['厨师', undefined],
    ['工程', undefined],
  ])('resolves the occupation %j to %s', (written, name) => {
    expect(resolveOccupation(facts, written)).toBe(name);
  });

  it.each([
    ['滕州', '滕州市'],
    ['滕州市人社局', '滕州市'],
    ['台儿庄', '台儿庄区'],
    ['高新', '高新区'],
    ['市直', '市直'],
    ['市里', '市直'],
    ['市级单位', '市直'],
    ['市中', '市中区'],
    ['朝阳区', undefined],
    ['市', undefined],
  ])('resolves the district %j to %s', (written, district) => {
    expect(resolveDistrict(facts, written)).toBe(district);
  });
});
