/**
 * The districts (区（市）) a district account can be given: the options of
 * the registration form's district field in the facts table, never a list in
 * code (the notice decides which offices exist).
 */
import type { Fact } from '../../knowledge/facts/schema.js';

/** The form's district options, in the facts' order, without duplicates. */
export function districtOptions(facts: readonly Fact[]): string[] {
  const options = facts.flatMap((f) => (f.kind === 'form-field' && f.field === 'district' ? (f.options ?? []) : []));
  return [...new Set(options)];
}
