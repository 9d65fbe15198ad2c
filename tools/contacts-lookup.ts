/**
 * contacts-lookup: whom to call (政策咨询, 报名, 技术支持). A district written
 * short (滕州, 台儿庄, 高新, 市里) resolves to the contact facts' district;
 * a region with no contact in its notices is `not-found`, naming the regions
 * and districts that have one, so the bot can point somewhere real.
 */
import { z } from 'zod';
import type { Region } from '../knowledge/facts/schema.js';
import { fieldDescriptions, toolDescriptions } from '../prompts/tools.js';
import { defineTool, fail, ok } from './define-tool.js';
import { OptionalRegionInput } from './inputs.js';
import { byScope, inScope, knownDistricts, resolveDistrict, resolveOptionalRegion, type RegionScope } from './resolve.js';

export const ContactsLookupInput = z.object({
  district: z.string().trim().min(1).max(60).optional().describe(fieldDescriptions.district),
  region: OptionalRegionInput,
  purpose: z.string().trim().min(1).max(30).optional().describe(fieldDescriptions.purpose),
});

/** One contact as printed, plus the dialable number when an area code is known. */
export interface ContactItem {
  factId: string;
  region: Region;
  name: string;
  phone?: string;
  /** Area code + local number ("0632-5513165") for numbers printed without it. */
  dialNumber?: string;
  email?: string;
  address?: string;
  district?: string;
  purposes: string[];
}

export interface ContactsLookupValue {
  district?: string;
  /** False when no contact lists the asked purpose and all contacts of the area are returned. */
  purposeMatched: boolean;
  contacts: ContactItem[];
}

/** "5513165" with area code "0632" -> "0632-5513165"; numbers that already carry one are left alone. */
export function dialNumber(phone: string | undefined, areaCode: string | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/\s/g, '');
  if (!areaCode || digits.includes('-') || /^1\d{10}$/.test(digits) || digits.startsWith('0')) return digits;
  return `${areaCode}-${digits}`;
}

const matchesPurpose = (purposes: string[], asked: string) => purposes.some((p) => p.includes(asked) || asked.includes(p));

/** Contacts of a district or a region, optionally for one purpose. */
export const contactsLookup = defineTool<typeof ContactsLookupInput, ContactsLookupValue>({
  name: 'contacts-lookup',
  description: toolDescriptions['contacts-lookup'],
  input: ContactsLookupInput,
  run(input, { facts }) {
    // A region written as a district (滕州) selects that district's office too.
    const districtText = input.district ?? (input.region && resolveDistrict(facts, input.region) ? input.region : undefined);
    let district: string | undefined;
    if (districtText !== undefined) {
      district = resolveDistrict(facts, districtText);
      if (!district) {
        return fail('not-found', `no contact for district "${districtText}"; districts with contacts: ${knownDistricts(facts).join(', ')}`, 'district');
      }
    }
    const resolved = resolveOptionalRegion(facts, input.region);
    if (!resolved.ok) return resolved;
    const scope: RegionScope | undefined = resolved.value;
    const area = facts
      .ofKind('contact', (f) => inScope(f, scope) && (!district || f.district === district))
      .sort(byScope(scope));
    if (area.length === 0) {
      const regions = [...new Set(facts.ofKind('contact').map((f) => f.region))];
      return fail(
        'not-found',
        `the notices for ${scope?.region ?? 'this request'} list no contact; contacts exist for: ${regions.join(', ') || 'none'}`,
        'region',
      );
    }
    const forPurpose = input.purpose ? area.filter((f) => matchesPurpose(f.purposes, input.purpose!)) : area;
    const chosen = forPurpose.length > 0 ? forPurpose : area;
    return ok(
      {
        district,
        purposeMatched: forPurpose.length > 0,
        contacts: chosen.map((f) => ({
          factId: f.id,
          region: f.region,
          name: f.name,
          phone: f.phone,
          dialNumber: dialNumber(f.phone, f.areaCode),
          email: f.email,
          address: f.address,
          district: f.district,
          purposes: f.purposes,
        })),
      },
      chosen,
    );
  },
});
