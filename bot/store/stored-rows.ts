/**
 * Stored rows back to values, shared by both store implementations so that
 * SQLite and PostgreSQL read (and refuse) exactly the same data: a
 * registration's fields are JSON text checked by the form's schema, a
 * session is versioned JSON unpacked once here.
 */
import { z } from 'zod';
import { SESSION_VERSION, type Session } from '../engine/types.js';
import { reviveFormState } from '../registration/form.js';
import { FORM_FIELDS, type RegistrationRecord, type RegistrationReview, type RegistrationStatus } from '../registration/types.js';
import { StoredFieldsSchema } from '../registration/form-fields.js';

/** A registrations row as both databases return it. */
export interface RegistrationRow {
  reference: string;
  user_id: string;
  district: string;
  fields: string;
  status: RegistrationStatus;
  review: RegistrationReview | null;
  created_at: string;
  updated_at: string;
}

export const ROW_COLUMNS = 'reference, user_id, district, fields, status, review, created_at, updated_at';

/** A stored row back to a record, or why it cannot be read. */
export function readRow(row: RegistrationRow): { ok: true; record: RegistrationRecord } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(row.fields);
  } catch (error) {
    return { ok: false, error: `fields are not JSON (${(error as Error).message})` };
  }
  const parsed = StoredFieldsSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  return {
    ok: true,
    record: {
      reference: row.reference,
      userId: row.user_id,
      ...parsed.data,
      status: row.status,
      ...(row.review ? { review: row.review } : {}),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
  };
}

/** The form's fields of a record, in the form's order, as stored JSON. */
export function fieldsOf(r: RegistrationRecord): string {
  return JSON.stringify(Object.fromEntries(FORM_FIELDS.map((f) => [f, r[f]])));
}

/** The readable records of some rows (unreadable ones are listUnreadable's). */
export function readableRecords(rows: readonly RegistrationRow[]): RegistrationRecord[] {
  return rows.flatMap((row) => {
    const read = readRow(row);
    return read.ok ? [read.record] : [];
  });
}

/** The unreadable rows, as staff are shown them. */
export function unreadableRows(rows: readonly RegistrationRow[]) {
  return rows.flatMap((row) => {
    const read = readRow(row);
    return read.ok ? [] : [{ reference: row.reference, district: row.district, createdAt: row.created_at, error: read.error }];
  });
}

/** A stored session's JSON back to a session; undefined when it is not JSON or of another version (the caller drops the row). */
export function reviveStoredSession(json: string): Session | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const session = value as Partial<Session> | null;
  if (typeof session !== 'object' || session === null || session.version !== SESSION_VERSION) return undefined;
  const out = { ...session, slots: session.slots ?? {} } as Session;
  if (out.form !== undefined) {
    const form = reviveFormState(out.form);
    if (form) out.form = form;
    else delete out.form;
  }
  return out;
}

/** A reference number as both stores format it. */
export const formatReference = (prefix: string, value: number): string => `${prefix}-${String(value).padStart(6, '0')}`;
