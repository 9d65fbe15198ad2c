import { describe, expect, it } from 'vitest';
import { extractFields } from '../../bot/registration/extract.js';

const districtOptions = ['滕州市', '市中区', '薛城区', '峄城区', '台儿庄区', '山亭区', '高新区', '市直'];

describe('extractFields', () => {
  it('takes every field from one free-text message', () => {
    const ex = extractFields(
      '我叫张三，男，手机13912345678，报初级，身份证370402199001011238，在枣庄某某公司，滕州的',
      { districtOptions },
    );
    expect(ex.values).toEqual({
      name: '张三',
      gender: '男',
      phone: '13912345678',
      level: '初级',
      idNumber: '370402199001011238',
      employer: '枣庄某某公司',
      district: '滕州的',
    });
    expect(ex.question).toBe(false);
  });

  it('takes a bare answer as the field being asked', () => {
    expect(extractFields('张三', { districtOptions, asking: 'name' }).values).toEqual({ name: '张三' });
    expect(extractFields('初', { districtOptions, asking: 'level' }).values).toEqual({ level: '初' });
    expect(extractFields('无', { districtOptions, asking: 'title' }).values).toEqual({ title: '' });
    expect(extractFields('某某科技', { districtOptions, asking: 'employer' }).values).toEqual({ employer: '某某科技' });
  });

  it('keeps a major with the education it follows', () => {
    expect(extractFields('本科，计算机科学与技术', { districtOptions, asking: 'education' }).values).toEqual({
      education: '本科 计算机科学与技术',
    });
  });

  it('fills other fields from an answer that is not the one asked', () => {
    expect(extractFields('张三，男', { districtOptions, asking: 'name' }).values).toEqual({ name: '张三', gender: '男' });
  });

  it.each([
    ['手机号填错了，改成13800001111', { phone: '13800001111' }],
    ['把单位改成枣庄某某科技有限公司', { employer: '枣庄某某科技有限公司' }],
    ['等级改为中级', { level: '中级' }],
    ['单位填错了，改成薛城某某厂', { employer: '薛城某某厂' }],
    ['姓名：李四', { name: '李四' }],
    ['职称：无', { title: '无' }],
    ['单位在滕州', { district: '在滕州' }],
    ['身份证号 37040219900101123', { idNumber: '37040219900101123' }],
    ['手机 1391234567', { phone: '1391234567' }],
  ])('reads the correction %s', (text, values) => {
    expect(extractFields(text, { districtOptions }).values).toEqual(values);
  });

  it('reopens a field named as wrong without a new value', () => {
    const ex = extractFields('手机号填错了', { districtOptions, asking: 'level' });
    expect(ex.values).toEqual({});
    expect(ex.reopen).toEqual(['phone']);
  });

  it('leaves a policy question alone', () => {
    const ex = extractFields('中级补贴多少？', { districtOptions, asking: 'level' });
    expect(ex.values).toEqual({});
    expect(ex.question).toBe(true);
  });

  it('does not read a title such as 中级工程师 as the training level', () => {
    expect(extractFields('中级工程师', { districtOptions }).values).toEqual({ title: '中级工程师' });
  });
});
