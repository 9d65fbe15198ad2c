/**
 * What the form reads from the facts table: its fields (labels, order,
 * optional flag, options), the registration window, the district offices,
 * and the facts told after submission (class size, fee, subsidy). Nothing
 * here is typed in by hand: without the facts the form does not run.
 */
import type { FactOf, Region } from '../../knowledge/facts/schema.js';
import type { FactsTable } from '../../tools/facts-table.js';
import { FORM_FIELDS, type FormField } from './types.js';
import { beijingDate } from './validate.js';

/** One field of the form as the facts describe it. */
export interface FieldSpec {
  field: FormField;
  label: string;
  optional: boolean;
  options?: readonly string[];
}

/** The form: its fields in the notice's order and the document it comes from. */
export interface FormSpec {
  doc: string;
  region: Region;
  fields: FieldSpec[];
}

/**
 * The form from the `form-field` facts, or undefined when the table lacks any
 * of the nine fields (the form cannot run without them). When several
 * documents define a form, the one with the most fields is used.
 */
export function readFormSpec(facts: FactsTable): FormSpec | undefined {
  const all = facts.ofKind('form-field');
  if (all.length === 0) return undefined;
  const byDoc = new Map<string, FactOf<'form-field'>[]>();
  for (const f of all) byDoc.set(f.doc, [...(byDoc.get(f.doc) ?? []), f]);
  const [doc, fields] = [...byDoc.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  const sorted = [...fields].sort((a, b) => a.order - b.order);
  if (!FORM_FIELDS.every((name) => sorted.some((f) => f.field === name))) return undefined;
  return {
    doc,
    region: sorted[0]!.region,
    fields: sorted.map((f) => ({ field: f.field, label: f.label, optional: f.optional, ...(f.options ? { options: f.options } : {}) })),
  };
}

/** The spec of one field (every field exists once readFormSpec succeeded). */
export function fieldSpec(spec: FormSpec, field: FormField): FieldSpec {
  return spec.fields.find((f) => f.field === field)!;
}

/** Whether registration is open at `now`, by the deadline fact of subject "registration". */
export type RegistrationWindow =
  | { kind: 'open'; fact?: FactOf<'deadline'> }
  | { kind: 'closed'; fact: FactOf<'deadline'> }
  | { kind: 'not-open'; fact: FactOf<'deadline'> };

/** The registration deadline fact of the form's document (else of its region). */
export function registrationDeadline(facts: FactsTable, spec: FormSpec): FactOf<'deadline'> | undefined {
  const deadlines = facts.ofKind('deadline', (d) => d.subject === 'registration');
  return deadlines.find((d) => d.doc === spec.doc) ?? deadlines.find((d) => d.region === spec.region);
}

/**
 * Open through the last day inclusive, in Beijing time. Without a deadline
 * fact the window counts as open: the notices then set no end, and staff
 * review every registration anyway.
 */
export function registrationWindow(facts: FactsTable, spec: FormSpec, now: Date): RegistrationWindow {
  const fact = registrationDeadline(facts, spec);
  if (!fact) return { kind: 'open' };
  const today = beijingDate(now).iso;
  if (today > fact.closes) return { kind: 'closed', fact };
  if (fact.opens && today < fact.opens) return { kind: 'not-open', fact };
  return { kind: 'open', fact };
}

/** An office to name to the resident, with its phone ready to dial. */
export interface Office {
  name: string;
  /** With the area code when the notice prints a local number ("0632-5513165"). */
  phone?: string;
}

/** Phone as printed, prefixed with the area code when it is a local number. */
export function dialable(phone: string | undefined, areaCode: string | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/\D/g, '');
  if (!areaCode || phone.startsWith('0') || /^1[3-9]\d{9}$/.test(digits)) return phone;
  return `${areaCode}-${phone}`;
}

/**
 * The office receiving registrations of a district (contact facts carry the
 * district they serve); without a district, or when none matches, the
 * city-level office (district "市直").
 */
export function districtOffice(facts: FactsTable, spec: FormSpec, district: string | undefined): Office | undefined {
  const contacts = facts.ofKind('contact', (c) => c.district !== undefined && c.region === spec.region);
  const preferred = contacts.filter((c) => c.doc === spec.doc);
  const pool = preferred.length > 0 ? preferred : contacts;
  const contact = (district && pool.find((c) => c.district === district)) || pool.find((c) => c.district === '市直');
  return contact ? { name: contact.name, phone: dialable(contact.phone, contact.areaCode) } : undefined;
}

/** The training institution of the form's document, if the facts name one. */
export function trainingInstitution(facts: FactsTable, spec: FormSpec): FactOf<'institution'> | undefined {
  const all = facts.ofKind('institution', (i) => i.role === 'training' && i.region === spec.region);
  return all.find((i) => i.doc === spec.doc) ?? all[0];
}

/** The occupation the form registers for (from the document's fee or institution facts). */
export function formOccupation(facts: FactsTable, spec: FormSpec): string | undefined {
  return (
    facts.ofKind('fee', (f) => f.doc === spec.doc)[0]?.occupation ?? trainingInstitution(facts, spec)?.occupations[0]
  );
}

/** Facts told after a submission for a level: class size, fee, subsidy (each may be absent). */
export interface NextStepFacts {
  classSize?: FactOf<'rule'>;
  fee?: FactOf<'fee'>;
  subsidy?: FactOf<'subsidy'>;
}

export function nextStepFacts(facts: FactsTable, spec: FormSpec, level: string): NextStepFacts {
  const sameDoc = <F extends { doc: string }>(list: F[]): F | undefined => list.find((f) => f.doc === spec.doc);
  const out: NextStepFacts = {};
  const classSize = sameDoc(facts.ofKind('rule', (r) => r.topics[0] === 'class' && r.value !== undefined));
  if (classSize) out.classSize = classSize;
  const fee = sameDoc(facts.ofKind('fee', (f) => f.level === level));
  if (fee) out.fee = fee;
  const subsidy =
    sameDoc(facts.ofKind('subsidy', (s) => s.level === level)) ??
    facts.ofKind('subsidy', (s) => s.level === level && s.region === spec.region && (!fee || s.occupation === fee.occupation))[0];
  if (subsidy) out.subsidy = subsidy;
  return out;
}
