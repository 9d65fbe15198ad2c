import { describe, expect, it } from 'vitest';
import { findRegistrations, maskRegistration, RegistrationFilterSchema } from '../../../bot/channels/console/registrations-query.js';
import type { RegistrationRecord } from '../../../bot/registration/types.js';
import { registrationRecord } from '../../fixtures/registration-record.js';

// The values the assertions below read (a three-character name, an ID ending 1234) over the shared fixture.
const record = (over: Partial<RegistrationRecord>): RegistrationRecord =>
  registrationRecord({ userId: 'u1', name: '张三丰', idNumber: '370402199001011234', employer: '枣庄某公司', ...over });

describe('registrations query', () => {
  it('masks name, ID number and phone and drops the user id', () => {
    const m = maskRegistration(record({}));
    expect(m).toMatchObject({ name: '张**', idNumber: '3704**********1234', phone: '139****5678', employer: '枣庄某公司' });
    expect('userId' in m).toBe(false);
  });

  it('filters dates on the Beijing calendar day of submission, both ends inclusive', async () => {
    const rows = [
      record({ reference: 'A', createdAt: '2026-02-28T15:59:00.000Z' }), // 2026-02-28 23:59 Beijing
      record({ reference: 'B', createdAt: '2026-02-28T16:00:00.000Z' }), // 2026-03-01 00:00 Beijing
      record({ reference: 'C', createdAt: '2026-03-02T15:00:00.000Z' }), // 2026-03-02 23:00 Beijing
    ];
    const store = { listRegistrations: async () => rows, listQuestions: async () => [] };
    expect((await findRegistrations(store, { from: '2026-03-01', to: '2026-03-02' })).map((r) => r.reference)).toEqual(['C', 'B']);
  });

  it('passes district, level and status to the store', async () => {
    const seen: unknown[] = [];
    const store = { listRegistrations: async (f?: unknown) => (seen.push(f), []), listQuestions: async () => [] };
    await findRegistrations(store, { district: '滕州市', level: '中级', status: 'interest' });
    expect(seen[0]).toEqual({ district: '滕州市', level: '中级', status: 'interest' });
  });

  it('rejects filters that are not a level, a status or a date', () => {
    expect(RegistrationFilterSchema.safeParse({ level: '博士' }).success).toBe(false);
    expect(RegistrationFilterSchema.safeParse({ status: 'x' }).success).toBe(false);
    expect(RegistrationFilterSchema.safeParse({ from: '370402199001011234' }).success).toBe(false);
    expect(RegistrationFilterSchema.parse({ district: '', level: '' })).toEqual({});
  });
});
