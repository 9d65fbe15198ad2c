/**
 * The registrations page's data: filters (district, level, status, dates —
 * never personal data, so they may sit in URLs), the masked default view,
 * and look-up by reference for the explicit reveal action.
 */
import { z } from 'zod';
import { LevelSchema } from '../../../knowledge/facts/schema.js';
import { maskFields } from '../../registration/form-fields.js';
import { beijingDate } from '../../../tools/beijing-date.js';
import type { RegistrationRecord } from '../../registration/types.js';
import type { RegistrationQuery } from './console-app.js';

/** What the queries need of the store (the App's, or a district account's view of it: access.ts). */
export interface RegistrationSource {
  listRegistrations(filter?: RegistrationQuery): Promise<RegistrationRecord[]>;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Query string of /registrations, /api/registrations and the exports. */
export const RegistrationFilterSchema = z.object({
  district: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  level: z.preprocess(blankToUndefined, LevelSchema.optional()),
  status: z.preprocess(blankToUndefined, z.enum(['submitted', 'interest']).optional()),
  /** First day (Beijing, inclusive) of submission. */
  from: z.preprocess(blankToUndefined, IsoDay.optional()),
  /** Last day (Beijing, inclusive) of submission. */
  to: z.preprocess(blankToUndefined, IsoDay.optional()),
});
export type RegistrationFilter = z.infer<typeof RegistrationFilterSchema>;

/** Registrations matching the filter, newest first. Dates compare on the Beijing calendar day of createdAt. */
export async function findRegistrations(store: RegistrationSource, filter: RegistrationFilter): Promise<RegistrationRecord[]> {
  const rows = await store.listRegistrations({ district: filter.district, level: filter.level, status: filter.status });
  return rows
    .filter((r) => {
      const day = beijingDate(new Date(r.createdAt));
      return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.reference.localeCompare(a.reference));
}

/** The one registration with this reference number, if any. */
export async function findByReference(store: RegistrationSource, reference: string): Promise<RegistrationRecord | undefined> {
  return (await store.listRegistrations({})).find((r) => r.reference === reference);
}

/** A registration as shown by default: name, ID number and phone masked; the user id dropped. */
export type MaskedRegistration = Omit<RegistrationRecord, 'userId'>;

/** Mask the personal data of one record (bot/mask.ts). */
export function maskRegistration(r: RegistrationRecord): MaskedRegistration {
  const { userId: _userId, ...rest } = r;
  return maskFields(rest);
}

/** Reference numbers as the store issues them ("ZZ26-000123"); anything else is refused before a look-up. */
export const ReferenceSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/);
