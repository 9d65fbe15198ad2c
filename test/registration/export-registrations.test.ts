import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvCell, excelText, exportRegistrations, neutraliseFormula } from '../../bot/registration/export-registrations.js';
import type { RegistrationRecord } from '../../bot/registration/types.js';

const HEADERS = ['姓名', '性别', '身份证号', '学历及所学专业', '职称', '所在单位', '单位所在区（市）', '手机号', '培训等级', '状态', '报名编号', '提交时间', '更新时间'];

const records: RegistrationRecord[] = [
  {
    reference: 'ZZ26-000001',
    userId: 'u1',
    name: '张三',
    gender: '男',
    idNumber: '370402199001011238',
    education: '本科，计算机 "双学位"',
    title: '',
    employer: '=HYPERLINK("http://x")',
    district: '滕州市',
    phone: '13912345678',
    level: '初级',
    status: 'submitted',
    createdAt: '2026-03-01T02:00:00.000Z',
    updatedAt: '2026-03-02T02:00:00.000Z',
  },
  {
    reference: 'ZZ26-000002',
    userId: 'u2',
    name: '李四',
    gender: '女',
    idNumber: '37040219880808103X',
    education: '专科',
    title: '助理工程师',
    employer: '某某公司',
    district: '市直',
    phone: '13800001111',
    level: '中级',
    status: 'interest',
    createdAt: '2026-04-21T02:00:00.000Z',
    updatedAt: '2026-04-21T02:00:00.000Z',
  },
];

describe('exportRegistrations', () => {
  it('writes JSON as an array of records with the agreed keys', async () => {
    const file = await exportRegistrations(records, 'json');
    const parsed = JSON.parse(file.data.toString('utf8')) as Array<Record<string, string>>;
    expect(Object.keys(parsed[0]!)).toEqual([
      'name', 'gender', 'idNumber', 'education', 'title', 'employer', 'district', 'phone', 'level', 'status', 'reference', 'createdAt', 'updatedAt',
    ]);
    expect(parsed[1]).toMatchObject({ idNumber: '37040219880808103X', status: 'interest', reference: 'ZZ26-000002' });
  });

  it('writes CSV with a BOM, the form headers, quoting and formula neutralising', async () => {
    const file = await exportRegistrations(records, 'csv');
    expect([...file.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.data.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(HEADERS.join(','));
    expect(lines[1]).toBe(
      '张三,男,"=""370402199001011238""","本科，计算机 ""双学位""",无,"\'=HYPERLINK(""http://x"")",滕州市,"=""13912345678""",初级,已报名,ZZ26-000001,2026-03-01 10:00,2026-03-02 10:00',
    );
    expect(lines[2]).toContain(',意向登记,ZZ26-000002,');
  });

  it('writes XLSX with a bold header, widths, text ID numbers and one row per record', async () => {
    const file = await exportRegistrations(records, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = sheet.getRow(1);
    expect(HEADERS.map((_, i) => header.getCell(i + 1).value)).toEqual(HEADERS);
    expect(header.font?.bold ?? header.getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(20);
    const row = sheet.getRow(3);
    expect(row.getCell(1).value).toBe('李四');
    expect(row.getCell(3).value).toBe('37040219880808103X');
    expect(typeof sheet.getRow(2).getCell(3).value).toBe('string');
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('@');
    expect(row.getCell(10).value).toBe('意向登记');
    expect(sheet.getRow(2).getCell(6).value).toBe('\'=HYPERLINK("http://x")');
    expect(sheet.rowCount).toBe(3);
  });

  it('writes ID and phone numbers as ="…" so Excel keeps all 18 digits, and only plain digit strings that way', async () => {
    const file = await exportRegistrations(records, 'csv');
    const row = file.data.toString('utf8').split('\r\n')[2]!;
    expect(row).toContain('"=""37040219880808103X"""');
    expect(excelText('370402199001011238')).toBe('="370402199001011238"');
    expect(excelText('0632-3311234')).toBe('="0632-3311234"');
    expect(excelText('=1+1')).toBe("'=1+1");
    expect(excelText('12"),HYPERLINK("x')).toBe('12"),HYPERLINK("x');
    expect(excelText('')).toBe('');
  });

  it('writes no 职称 as 无 in CSV and XLSX but keeps the JSON value as stored', async () => {
    const json = JSON.parse((await exportRegistrations(records, 'json')).data.toString('utf8')) as Array<Record<string, string>>;
    expect(json[0]!.title).toBe('');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportRegistrations(records, 'xlsx')).data as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(2).getCell(5).value).toBe('无');
  });

  it('neutralises every formula lead character and quotes only when needed', () => {
    expect(['=1', '+1', '-1', '@a', 'a=1'].map(neutraliseFormula)).toEqual(["'=1", "'+1", "'-1", "'@a", 'a=1']);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('plain')).toBe('plain');
  });
});
