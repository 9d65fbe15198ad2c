import { describe, expect, it } from 'vitest';
import { validateField } from '../../bot/registration/form-fields.js';
import {
  genderFromIdNumber,
  validateDistrict,
  validateGender,
  validateIdNumber,
  validateLevel,
  validateName,
  validatePhone,
  validateText,
  validateTitle,
} from '../../bot/registration/validate.js';
import { INVALID } from '../../prompts/registration.js';

const NOW = new Date('2026-03-01T10:00:00+08:00');
const DISTRICTS = ['滕州市', '市中区', '薛城区', '峄城区', '台儿庄区', '山亭区', '高新区', '市直'];

describe('validateIdNumber', () => {
  it.each([
    ['370402199001011238', '370402199001011238', '男', '1990-01-01'],
    ['37040219880808103X', '37040219880808103X', '男', '1988-08-08'],
    ['37040219880808103x', '37040219880808103X', '男', '1988-08-08'],
    ['370406199503151009', '370406199503151009', '女', '1995-03-15'],
    ['370405200002290018', '370405200002290018', '男', '2000-02-29'],
    ['３７０４０２１９９００１０１１２３８', '370402199001011238', '男', '1990-01-01'],
    ['370402 19900101 1238', '370402199001011238', '男', '1990-01-01'],
    ['370402195603021232', '370402195603021232', '男', '1956-03-02'],
  ])('accepts %s', (raw, id, gender, birth) => {
    const r = validateIdNumber(raw, NOW);
    expect(r).toMatchObject({ ok: true, value: { idNumber: id, gender, birthDate: birth } });
  });

  it.each([
    ['370402199001011234', INVALID.idChecksum],
    ['37040219880808103Y', INVALID.idChars],
    ['3704021990X1011238', INVALID.idChars],
    ['370402199002301237', INVALID.idBirthDate],
    ['370402199013011235', INVALID.idBirthDate],
    ['370402201201011232', INVALID.idAgeRange(14, 16, 70)],
    ['370402195501011236', INVALID.idAgeRange(71, 16, 70)],
    ['370402900101123', INVALID.idOld15],
    ['37040219900101123', INVALID.idLength(17)],
    ['3704021990010112388', INVALID.idLength(19)],
    ['ABCDEFGHIJKLMNOPQR', INVALID.idChars],
    ['', INVALID.idEmpty],
    ['990402199001011234', INVALID.idRegion],
  ])('rejects %s with the exact problem', (raw, message) => {
    expect(validateIdNumber(raw, NOW)).toEqual({ ok: false, error: message });
  });

  it('counts the age on the Beijing calendar day, not the UTC one', () => {
    // Born 2010-03-01: 16 on 2026-03-01 Beijing, which is still 2026-02-28 in UTC at 01:00+08:00.
    const id = '37040220100301' + '123';
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const check = '10X98765432'[[...id].reduce((a, c, i) => a + Number(c) * W[i]!, 0) % 11]!;
    expect(validateIdNumber(id + check, new Date('2026-03-01T01:00:00+08:00')).ok).toBe(true);
    expect(validateIdNumber(id + check, new Date('2026-02-28T23:00:00+08:00'))).toEqual({
      ok: false,
      error: INVALID.idAgeRange(15, 16, 70),
    });
  });

  it('reads the gender from the 17th digit (odd = 男)', () => {
    expect(genderFromIdNumber('370402199001011238')).toBe('男');
    expect(genderFromIdNumber('370406199503151009')).toBe('女');
  });
});

describe('validatePhone', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['139 1234 5678', '13912345678'],
    ['139-1234-5678', '13912345678'],
    ['+86 139 1234 5678', '13912345678'],
    ['+8613912345678', '13912345678'],
    ['8613912345678', '13912345678'],
    ['１３９１２３４５６７８', '13912345678'],
    ['19912345678', '19912345678'],
  ])('accepts %s', (raw, phone) => {
    expect(validatePhone(raw)).toEqual({ ok: true, value: phone });
  });

  it.each([
    ['1391234567', INVALID.phoneLength(10)],
    ['139123456789', INVALID.phoneLength(12)],
    ['12912345678', INVALID.phonePrefix],
    ['0632-5513165', INVALID.phonePrefix],
    ['139abc45678', INVALID.phoneChars],
  ])('rejects %s', (raw, message) => {
    expect(validatePhone(raw)).toEqual({ ok: false, error: message });
  });
});

describe('validateDistrict', () => {
  it.each([
    ['滕州市', '滕州市'],
    ['滕州', '滕州市'],
    ['滕州的', '滕州市'],
    ['台儿庄', '台儿庄区'],
    ['高新', '高新区'],
    ['高新区', '高新区'],
    ['市中', '市中区'],
    ['薛城', '薛城区'],
    ['峄城', '峄城区'],
    ['山亭', '山亭区'],
    ['市直', '市直'],
    ['市直单位', '市直'],
    ['市里', '市直'],
    ['在薛城', '薛城区'],
  ])('resolves %s to %s', (raw, option) => {
    expect(validateDistrict(raw, DISTRICTS)).toEqual({ ok: true, value: option });
  });

  it('names the options when the district is unknown', () => {
    expect(validateDistrict('济南', DISTRICTS)).toEqual({ ok: false, error: INVALID.district(DISTRICTS) });
  });
});

describe('the other fields', () => {
  it.each([
    ['男', '男'],
    ['女', '女'],
    ['男性', '男'],
    ['女性', '女'],
    ['male', '男'],
    ['Female', '女'],
    ['我是男的', '男'],
  ])('reads gender %s', (raw, gender) => {
    expect(validateGender(raw)).toEqual({ ok: true, value: gender });
  });

  it('rejects a gender that is neither', () => {
    expect(validateGender('保密')).toEqual({ ok: false, error: INVALID.gender });
  });

  it.each([
    ['初级', '初级'],
    ['初', '初级'],
    ['中', '中级'],
    ['报中级', '中级'],
  ])('reads level %s', (raw, level) => {
    expect(validateLevel(raw, ['初级', '中级'])).toEqual({ ok: true, value: level });
  });

  it('rejects a level the form does not offer', () => {
    expect(validateLevel('高级', ['初级', '中级'])).toEqual({ ok: false, error: INVALID.level(['初级', '中级']) });
  });

  it.each(['无', '没有', '暂无', '不填', ''])('takes %s as no title', (raw) => {
    expect(validateTitle(raw, '职称')).toEqual({ ok: true, value: '' });
  });

  it('keeps a stated title', () => {
    expect(validateTitle('助理工程师', '职称')).toEqual({ ok: true, value: '助理工程师' });
  });

  it.each([
    ['张三', true],
    ['欧阳娜娜', true],
    ['阿卜杜·热合曼', true],
    ['John Smith', true],
    ['张', false],
    ['张3', false],
    ['张三!!@', false],
    ['张'.repeat(21), false],
  ])('name %s valid: %s', (raw, valid) => {
    expect(validateName(raw).ok).toBe(valid);
  });

  it('explains a name with digits', () => {
    expect(validateName('张3')).toEqual({ ok: false, error: INVALID.nameDigits });
  });

  it('rejects empty and overlong free text', () => {
    expect(validateText('  ', '所在单位', 60)).toEqual({ ok: false, error: INVALID.textEmpty('所在单位') });
    expect(validateText('公'.repeat(61), '所在单位', 60)).toEqual({ ok: false, error: INVALID.textLong('所在单位', 60) });
  });

  it('dispatches per field and returns the stored form of the value', () => {
    expect(validateField('idNumber', '37040219880808103x', { now: NOW, label: '身份证号' })).toEqual({
      ok: true,
      value: '37040219880808103X',
    });
    expect(validateField('employer', '单位是枣庄某某公司', { now: NOW, label: '所在单位' })).toEqual({
      ok: true,
      value: '枣庄某某公司',
    });
  });
});
