/**
 * One fact as one line a resident reads. Values come from the fact; the
 * wording from prompts/answers.ts.
 */
import type { Fact, FactOf } from '../../../knowledge/facts/schema.js';
import * as T from '../../../prompts/answers.js';

/** "0632" + "5513165" -> "0632-5513165"; mobiles and full numbers unchanged. */
export function dialable(phone: string, areaCode?: string): string {
  const p = phone.trim();
  if (!areaCode || /^0|^1[3-9]\d{9}$/.test(p)) return p;
  return `${areaCode}-${p}`;
}

/** "2026-04-20" -> "2026年4月20日". */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

export function contactLine(f: FactOf<'contact'>): string {
  return T.CONTACT_LINE({ name: f.name, phone: f.phone ? dialable(f.phone, f.areaCode) : undefined, email: f.email, address: f.address });
}

/** A plain line for any fact (generic topics, staff view). */
export function renderFact(f: Fact): string {
  switch (f.kind) {
    case 'fee':
      return T.FEE_LINE({ occupation: f.occupation, level: f.level, amount: f.amountYuan, mode: f.mode, includes: f.includes, excludes: f.excludes });
    case 'subsidy':
      return T.SUBSIDY_LINE({ beneficiaries: f.beneficiaries, occupation: f.occupation, level: f.level, amount: f.amountYuan, hours: f.hoursRequired });
    case 'hours':
      return T.HOURS_LINE({ occupation: f.occupation, level: f.level, total: f.total, online: f.online, offline: f.offline });
    case 'deadline':
      // The notice's own sentence says how and where, not only when.
      return f.quote;
    case 'eligibility':
      return [T.ELIGIBILITY_LIST(f.level), ...f.clauses.map((c) => T.CLAUSE_LINE(c.label, c.quote))].join('\n');
    case 'title':
      return f.statement;
    case 'contact':
      return contactLine(f);
    case 'occupation':
      return T.OCCUPATION_LINE({ name: f.name, code: f.code });
    case 'institution':
      return T.INSTITUTION_LINE({ name: f.name, role: f.role, occupations: f.occupations });
    case 'rule':
      return f.statement;
    case 'form-field':
      return f.label;
  }
}

/** The people a contact's name lists ("刘超群、杨帅（…处）" → 刘超群, 杨帅): names of two characters or more, the office in brackets left out. */
export function personNames(name: string): string[] {
  let parts = [name];
  for (const sep of T.NAME_SEPARATORS) parts = parts.flatMap((p) => p.split(sep));
  return parts.map((p) => p.trim()).filter((p) => p.length >= 2 && p.length <= 4);
}
