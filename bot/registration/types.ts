/**
 * The sign-up form (报名表, 附件3 of the Zaozhuang 2026 notice) as data.
 * The form itself is a pure step function in ./form.ts.
 */
import type { RegistrationFields } from './form-fields.js';

/** Field keys in the order of the notice's form, and each field's definition: ./form-fields.ts. */
export { FORM_FIELDS, type FormField } from './form-fields.js';
import type { FormField } from './form-fields.js';

export type RegistrationStatus = 'submitted' | 'interest';

/** Why staff must look at a registration before anything else: the same ID number and level came from another WeChat user. */
export type RegistrationReview = 'duplicate-id';

/**
 * The reference of a registration not yet stored. The store assigns the real
 * one inside the transaction that saves it (so a crash burns no number), and
 * the conversation handler puts it into the replies in place of this token.
 */
export const NEW_REFERENCE = '{{reference}}';

/** A validated, submitted registration (or expression of interest after the deadline): the form's fields and the bookkeeping. */
export interface RegistrationRecord extends RegistrationFields {
  /** Reference number shown to the resident, e.g. "ZZ26-000123" (NEW_REFERENCE until the store assigns it). */
  reference: string;
  userId: string;
  status: RegistrationStatus;
  /** Set when staff must review it (a duplicate ID number from another user). */
  review?: RegistrationReview;
  createdAt: string;
  updatedAt: string;
}

/** Bumped whenever FormState's shape changes; older saved forms are discarded. */
export const FORM_STATE_VERSION = 1 as const;

/** Where the form is: what the next message is read as. */
export type FormStepName =
  /** Waiting for consent to collect personal data. */
  | 'consent'
  /** Collecting fields; `asking` names the one asked last. */
  | 'filling'
  /** The ID's gender digit contradicts the stated gender: asked which is right. */
  | 'confirm-gender'
  /** Asked one extra eligibility question (`eligibility.asking`). */
  | 'eligibility'
  /** Told the resident they seem not eligible: continue (staff decide) or stop. */
  | 'confirm-ineligible'
  /** Summary shown: waiting for 确认. */
  | 'confirm'
  /** Asked to confirm abandoning the form. */
  | 'confirm-cancel';

/** Profile facts the form learned for the eligibility check (all optional). */
export interface ApplicantProfile {
  education?: '初中' | '高中' | '中专' | '技工院校' | '专科' | '本科' | '硕士' | '博士';
  studying?: boolean;
  degrees?: Array<'学士' | '第二学士' | '硕士' | '博士'>;
  titles?: string[];
  levelCertificates?: Array<'初级' | '中级' | '高级'>;
  yearsInWork?: number;
  yearsSinceTitle?: number;
  yearsSinceLevelCertificate?: number;
  relatedMajor?: boolean;
  retired?: boolean;
}
export type ProfileKey = keyof ApplicantProfile;

/** What an eligibility check concluded, in the form's own terms. */
export type EligibilityOutcome =
  | { decision: 'eligible'; clause: { label: string; quote: string } }
  | { decision: 'not-eligible'; clauses: Array<{ label: string; quote: string }>; excludedBy?: string }
  | { decision: 'refer'; clause?: { label: string; quote: string } }
  | { decision: 'incomplete'; missing: ProfileKey[] };

/** Eligibility progress kept in the form. */
export interface EligibilityProgress {
  /** Answers to the extra questions asked so far. */
  answers: Partial<ApplicantProfile>;
  /** Profile keys already asked (at most two questions are asked). */
  asked: ProfileKey[];
  /** The key asked last, when step is 'eligibility'. */
  asking?: ProfileKey;
  /** Final outcome once decided (or undecided after two questions). */
  decision?: EligibilityOutcome['decision'];
  /** The level the outcome is about (a level change re-runs the check). */
  level?: string;
  /** The resident chose to go on although the check said not eligible (staff decide). */
  acknowledged?: boolean;
}

/** The form in progress, kept in the session (JSON, nothing else). */
export interface FormState {
  version: typeof FORM_STATE_VERSION;
  step: FormStepName;
  /** Values collected so far (validated and normalised). */
  values: Partial<Record<FormField, string>>;
  /** Field last asked for (so a bare answer fills it). */
  asking?: FormField;
  /** submitted or interest (after the registration deadline). */
  status: RegistrationStatus;
  /** ISO time the form started. */
  startedAt: string;
  /** Set when a registration with the same ID number and level exists: it will be updated. */
  updating?: { reference: string };
  /** Step to return to after a cancel is declined. */
  resumeStep?: Exclude<FormStepName, 'confirm-cancel'>;
  eligibility?: EligibilityProgress;
}
