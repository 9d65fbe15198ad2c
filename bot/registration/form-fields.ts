/**
 * The one definition of the sign-up form's fields. The keys and their order
 * are `FORM_FIELD_KEYS` (knowledge/facts/schema.ts, which the `form-field`
 * facts are checked against); each key's behaviour is here: how a value is
 * validated, the type a stored registration holds, how it is masked outside
 * the record itself, whether its answer is free text taken whole, and its
 * width in the xlsx export. The store's row schema, the record type, the
 * export columns, the summaries and the console's masked view derive from
 * it. A new field is one key, one entry here, and its sentences in
 * prompts/registration.ts (ASK, EXPORT_HEADERS), whose records are typed
 * over the same keys so a missing sentence does not compile.
 */
import { z } from 'zod';
import { FORM_FIELD_KEYS, type FormFieldKeySchema } from '../../knowledge/facts/schema.js';
import { maskIdNumber, maskName, maskPhone } from '../mask.js';
import { formPhrases } from './form-phrases.js';
import {
  validateDistrict,
  validateGender,
  validateIdNumber,
  validateLevel,
  validateName,
  validatePhone,
  validateText,
  validateTitle,
  type FieldResult,
  type ValidateContext,
} from './validate.js';

export type FormField = z.infer<typeof FormFieldKeySchema>;

/** Field keys in the order of the notice's form. */
export const FORM_FIELDS: readonly FormField[] = FORM_FIELD_KEYS;

export interface FieldDefinition {
  /** The raw answer -> the normalised value kept in the form, or the exact message why not. */
  validate(raw: string, ctx: ValidateContext): FieldResult;
  /** The type a stored registration holds (the store checks every row read back against it). */
  stored: z.ZodType<string>;
  /** How the value reads outside the record itself (summaries, the console's lists). */
  mask(value: string): string;
  /** How the value reads in the resident's own summary (the resident sees their name, not their full ID). */
  summary(value: string): string;
  /** The asked field's answer is the whole message, whatever words it contains (an employer named 枣庄市中级人民法院). */
  freeText: boolean;
  /** Column width in the xlsx export. */
  exportWidth: number;
}

const plain = (v: string) => v;

export const FIELD_DEFINITIONS = {
  name: { validate: (raw) => validateName(raw), stored: z.string(), mask: maskName, summary: plain, freeText: false, exportWidth: 10 },
  gender: { validate: (raw, ctx) => validateGender(raw, ctx.language), stored: z.enum(['男', '女']), mask: plain, summary: plain, freeText: false, exportWidth: 6 },
  idNumber: {
    validate: (raw, ctx) => {
      const r = validateIdNumber(raw, ctx.now);
      return r.ok ? { ok: true, value: r.value.idNumber } : r;
    },
    stored: z.string(),
    mask: maskIdNumber,
    summary: maskIdNumber,
    freeText: false,
    exportWidth: 22,
  },
  education: {
    validate: (raw, ctx) => validateText(raw.replace(formPhrases(ctx.language).before('education'), ''), ctx.label, 50),
    stored: z.string(),
    mask: plain,
    summary: plain,
    freeText: false,
    exportWidth: 24,
  },
  title: { validate: (raw, ctx) => validateTitle(raw, ctx.label, ctx.language), stored: z.string(), mask: plain, summary: plain, freeText: true, exportWidth: 14 },
  employer: {
    validate: (raw, ctx) => validateText(raw.replace(formPhrases(ctx.language).before('employer'), ''), ctx.label, 60),
    stored: z.string(),
    mask: plain,
    summary: plain,
    freeText: true,
    exportWidth: 28,
  },
  district: { validate: (raw, ctx) => validateDistrict(raw, ctx.options ?? [], ctx.language), stored: z.string(), mask: plain, summary: plain, freeText: false, exportWidth: 16 },
  phone: { validate: (raw) => validatePhone(raw), stored: z.string(), mask: maskPhone, summary: maskPhone, freeText: false, exportWidth: 14 },
  level: {
    validate: (raw, ctx) => validateLevel(raw, ctx.options ?? [], ctx.language),
    stored: z.enum(['初级', '中级']),
    mask: plain,
    summary: plain,
    freeText: false,
    exportWidth: 10,
  },
} as const satisfies Record<FormField, FieldDefinition>;

/** The stored fields of a registration, as the store writes and reads them back. */
export const StoredFieldsSchema = z.object(
  Object.fromEntries(FORM_FIELDS.map((f) => [f, FIELD_DEFINITIONS[f].stored])) as { [K in FormField]: (typeof FIELD_DEFINITIONS)[K]['stored'] },
);
export type RegistrationFields = z.infer<typeof StoredFieldsSchema>;

/** Validate any field of the form; the value is the normalised string kept in the form. */
export function validateField(field: FormField, raw: string, ctx: ValidateContext): FieldResult {
  return FIELD_DEFINITIONS[field].validate(raw, ctx);
}

/** A registration's fields with every personal one masked (name, ID number, phone), for lists staff browse. */
export function maskFields<T extends RegistrationFields>(record: T): T {
  const out = { ...record };
  for (const f of FORM_FIELDS) (out as Record<FormField, string>)[f] = FIELD_DEFINITIONS[f].mask(record[f]);
  return out;
}
