/**
 * Who is using the console and what they may see. One place decides it, so
 * every route asks the same question: a district account sees its own
 * district's registrations and nothing else, through any page, API or export.
 */
import type { StaffAccount } from '../../store/staff-store.js';
import type { RegistrationRecord } from '../../registration/types.js';
import type { RegistrationQuery } from './console-app.js';

/**
 * - open: no login configured (a loopback console for one person);
 * - token: the shared DTE_CONSOLE_TOKEN (bearer header or its login session);
 * - account: a named staff account.
 */
export type Principal = { kind: 'open' } | { kind: 'token' } | { kind: 'account'; account: StaffAccount };

/** The name the audit log gives this principal. */
export function actorOf(p: Principal): string {
  return p.kind === 'account' ? p.account.username : p.kind;
}

/** The one district a principal is confined to (district accounts), else undefined (everything). */
export function districtScope(p: Principal): string | undefined {
  return p.kind === 'account' && p.account.role === 'district' ? p.account.district : undefined;
}

/** A shared login cannot say who acted: those have the 操作人 typed with each reveal and decision. */
export function needsOperator(p: Principal): boolean {
  return p.kind !== 'account';
}

/** The audit log shows everyone's actions: city staff and the one-person setups only. */
export function canSeeAudit(p: Principal): boolean {
  return districtScope(p) === undefined;
}

/**
 * The store as this principal may read it: a district filter is forced onto
 * every listing, and a filter naming another district finds nothing.
 */
export function scopedRegistrations(
  store: { listRegistrations(filter?: RegistrationQuery): Promise<RegistrationRecord[]> },
  p: Principal,
): { listRegistrations(filter?: RegistrationQuery): Promise<RegistrationRecord[]> } {
  const district = districtScope(p);
  if (district === undefined) return store;
  return {
    async listRegistrations(filter = {}) {
      if (filter.district !== undefined && filter.district !== district) return [];
      return (await store.listRegistrations({ ...filter, district })).filter((r) => r.district === district);
    },
  };
}
