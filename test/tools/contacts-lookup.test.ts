import { describe, expect, it } from 'vitest';
import { contactsLookup, dialNumber } from '../../tools/contacts-lookup.js';
import { invokeTool } from '../../tools/define-tool.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('contacts-lookup', () => {
  it.each([
    [{ district: '滕州' }, '滕州市', '5513165'],
    [{ district: '滕州市' }, '滕州市', '5513165'],
    [{ district: '台儿庄' }, '台儿庄区', '6618351'],
    [{ district: '高新' }, '高新区', '8691030'],
    [{ district: '市直' }, '市直', '3314140'],
    [{ district: '市里' }, '市直', '3314140'],
    [{ district: '市中区' }, '市中区', '3921736'],
    [{ region: '滕州' }, '滕州市', '5513165'],
  ])('finds the office of %j', (input, district, phone) => {
    const r = invokeTool(contactsLookup, input, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.district).toBe(district);
    expect(r.value.contacts.map((c) => c.phone)).toEqual([phone]);
    expect(r.value.contacts[0]!.dialNumber).toBe(`0632-${phone}`);
  });

  it('filters a region’s contacts by purpose', () => {
    const r = invokeTool(contactsLookup, { region: '枣庄', purpose: '技术支持' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ purposeMatched: true });
    expect(r.value.contacts.map((c) => c.name)).toEqual(['徐老师']);
  });

  it('returns every contact of the area, flagged, when none lists the purpose asked', () => {
    const r = invokeTool(contactsLookup, { district: '滕州', purpose: '投诉' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.purposeMatched).toBe(false);
    expect(r.value.contacts).toHaveLength(1);
  });

  it('says which regions have contacts when the region asked has none', () => {
    const r = invokeTool(contactsLookup, { region: '浙江' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('not-found');
    expect(r.error.message).toContain('枣庄');
    expect(r.error.message).toContain('辽宁');
  });

  it.each([
    [{ district: '朝阳区' }, 'not-found', 'district'],
    [{ region: '北京' }, 'not-covered', 'region'],
    [{ district: '' }, 'invalid-input', 'district'],
  ])('returns an error value for %j (%s)', (input, kind, field) => {
    const r = invokeTool(contactsLookup, input, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind, field });
  });

  it.each([
    ['5513165', '0632', '0632-5513165'],
    ['15315546026', undefined, '15315546026'],
    ['024-22904752', '024', '024-22904752'],
    [undefined, '0632', undefined],
  ])('dials %s with area code %s as %s', (phone, area, expected) => {
    expect(dialNumber(phone, area)).toBe(expected);
  });
});
