/**
 * The sign-up form (报名表, 附件3 of the Zaozhuang 2026 notice) as data.
 * The form itself is a pure step function in ./form.ts.
 */
import type { Level } from '../../knowledge/facts/schema.js';

/** Field keys in the order of the notice's form. */
export const FORM_FIELDS = ['name', 'gender', 'idNumber', 'education', 'title', 'employer', 'district', 'phone', 'level'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export type RegistrationStatus = 'submitted' | 'interest';

/** A validated, submitted registration (or expression of interest after the deadline). */
export interface RegistrationRecord {
  /** Reference number shown to the resident, e.g. "ZZ26-000123". */
  reference: string;
  userId: string;
  name: string;
  gender: '男' | '女';
  idNumber: string;
  education: string;
  /** Empty string when the resident has none. */
  title: string;
  employer: string;
  district: string;
  phone: string;
  level: Extract<Level, '初级' | '中级'>;
  status: RegistrationStatus;
  createdAt: string;
  updatedAt: string;
}

/** The form in progress, kept in the session (JSON). */
export interface FormState {
  /** 'consent': waiting for consent; 'filling'; 'confirm': summary shown; 'cancel?': asked to confirm cancel. */
  step: 'consent' | 'filling' | 'confirm' | 'confirm-cancel' | 'confirm-gender';
  /** Values collected so far (validated). */
  values: Partial<Record<FormField, string>>;
  /** Field last asked for (so a bare answer fills it). */
  asking?: FormField;
  /** submitted or interest (after the registration deadline). */
  status: RegistrationStatus;
  startedAt: string;
  /** Set when the record already exists (duplicate ID + level), to tell the resident. */
  updating?: boolean;
  /** Step to return to after a cancel is declined. */
  resumeStep?: FormState['step'];
}
