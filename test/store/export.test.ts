import { describe, expect, it } from 'vitest';
import { exportStoredRegistrations } from '../../bot/store/export.js';
import { openStore } from '../../bot/store/store.js';
import type { RegistrationRecord } from '../../bot/registration/types.js';
import { registrationRecord } from '../fixtures/registration-record.js';

const base: RegistrationRecord = registrationRecord({ userId: 'u1', education: '本科', employer: '某某公司' });

describe('exportStoredRegistrations', () => {
  it('exports what the store holds, filtered', async () => {
    const store = await openStore(':memory:');
    await store.upsertRegistration(base);
    await store.upsertRegistration({ ...base, reference: 'ZZ26-000002', idNumber: '37040219880808103X', district: '薛城区' });
    const file = await exportStoredRegistrations(store, 'json', { district: '薛城区' });
    const rows = JSON.parse(file.data.toString('utf8')) as Array<{ reference: string }>;
    expect(rows.map((r) => r.reference)).toEqual(['ZZ26-000002']);
    expect(file.extension).toBe('json');
    await store.close();
  });
});
