/**
 * Staff export of registrations in the notice's column order with the
 * 报名表's Chinese headers (then 状态, 报名编号, 提交时间, 更新时间). This is
 * the one place personal data leaves the bot unmasked: it is for the district
 * offices. CSV: UTF-8 with BOM (Excel), RFC 4180 quoting, ID and phone
 * numbers as ="…" text formulas (see excelText), and any other cell that a
 * spreadsheet would run as a formula (= + - @) prefixed with '. XLSX: bold
 * header, column widths, ID and phone as text. JSON: an array of records.
 */
import ExcelJS from 'exceljs';
import { EXPORT_HEADERS, EXPORT_SHEET, EXPORT_STATUS, FORM } from '../../prompts/registration.js';
import type { RegistrationRecord } from './types.js';
import { FIELD_DEFINITIONS, FORM_FIELDS, type FormField } from './form-fields.js';

export type ExportFormat = 'json' | 'csv' | 'xlsx';

/** A file ready to send or write. */
export interface ExportFile {
  mimeType: string;
  extension: ExportFormat;
  data: Buffer;
}

/** Bookkeeping columns after the form's own fields. */
const BOOKKEEPING = ['status', 'reference', 'createdAt', 'updatedAt'] as const;

/** Export columns, in order: the form's fields (./form-fields.ts), then the bookkeeping. */
export const EXPORT_COLUMNS = [...FORM_FIELDS, ...BOOKKEEPING] as const;
export type ExportColumn = FormField | (typeof BOOKKEEPING)[number];

/** The JSON export's shape of one registration. */
export type ExportedRegistration = Record<ExportColumn, string>;

const WIDTHS: Record<ExportColumn, number> = {
  ...(Object.fromEntries(FORM_FIELDS.map((f) => [f, FIELD_DEFINITIONS[f].exportWidth])) as Record<FormField, number>),
  status: 10,
  reference: 14,
  createdAt: 18,
  updatedAt: 18,
};

/** ISO instant -> "YYYY-MM-DD HH:mm" in Beijing time (what staff read). */
export function beijingTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function jsonRecord(r: RegistrationRecord): ExportedRegistration {
  return {
    ...(Object.fromEntries(FORM_FIELDS.map((f) => [f, r[f]])) as Record<FormField, string>),
    status: r.status,
    reference: r.reference,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The cells of one row as staff read them (status in words, times in Beijing time, no 职称 as 无). */
function cells(r: RegistrationRecord): string[] {
  const j = jsonRecord(r);
  return EXPORT_COLUMNS.map((c) => {
    if (c === 'status') return EXPORT_STATUS[r.status];
    if (c === 'createdAt' || c === 'updatedAt') return beijingTime(j[c]);
    if (c === 'title' && j.title.trim() === '') return FORM.none; // as the resident's own summary shows it
    return j[c];
  });
}

/** Columns of digits that a spreadsheet must keep as text (18-digit ID numbers, phone numbers). */
const TEXT_COLUMNS: ReadonlySet<ExportColumn> = new Set(['idNumber', 'phone']);

/**
 * A digit string Excel must not turn into a number, written as the formula
 * ="370402199001011234". Excel opens a CSV without an import dialog and
 * reads an 18-digit cell as a number (3.70402E+17, the last three digits
 * lost for good); a formula whose result is a string shows the digits as
 * they are, in Excel, WPS, LibreOffice and Numbers alike, with nothing
 * invisible added to the value. The alternatives fail: a leading apostrophe
 * is shown literally in a CSV, a leading tab survives as part of the value
 * when copied or re-imported. Only plain ID or phone characters (digits, a
 * final X, a dash) are wrapped, so no resident's text ever becomes a formula;
 * everything else still goes through neutraliseFormula.
 */
export function excelText(value: string): string {
  return /^[0-9][0-9-]*[0-9Xx]$/.test(value) ? `="${value}"` : neutraliseFormula(value);
}

/** A cell a spreadsheet would evaluate (=, +, -, @, or a leading tab/CR) is prefixed with '. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote when the cell holds a comma, quote, CR or LF; double the quotes. */
export function csvCell(value: string, asText = false): string {
  const v = asText ? excelText(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function toCsv(records: readonly RegistrationRecord[]): string {
  const header = EXPORT_COLUMNS.map((c) => csvCell(EXPORT_HEADERS[c]));
  const rows = records.map((r) => cells(r).map((v, i) => csvCell(v, TEXT_COLUMNS.has(EXPORT_COLUMNS[i]!))));
  const lines = [header, ...rows].map((row) => row.join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

async function toXlsx(records: readonly RegistrationRecord[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(EXPORT_SHEET);
  sheet.columns = EXPORT_COLUMNS.map((c) => ({
    header: EXPORT_HEADERS[c],
    key: c,
    width: WIDTHS[c],
    // "@" = text: long ID numbers must not become 3.70402E+17.
    style: c === 'idNumber' || c === 'phone' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of records) {
    const row = cells(r);
    sheet.addRow(Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, neutraliseFormula(row[i]!)])));
  }
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** Export registrations as JSON, CSV or XLSX. */
export async function exportRegistrations(records: readonly RegistrationRecord[], format: ExportFormat): Promise<ExportFile> {
  switch (format) {
    case 'json':
      return {
        mimeType: 'application/json; charset=utf-8',
        extension: 'json',
        data: Buffer.from(JSON.stringify(records.map(jsonRecord), null, 2), 'utf8'),
      };
    case 'csv':
      return { mimeType: 'text/csv; charset=utf-8', extension: 'csv', data: Buffer.from(toCsv(records), 'utf8') };
    case 'xlsx':
      return {
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
        data: await toXlsx(records),
      };
  }
}
