import { describe, expect, it } from 'vitest';
import { exportStoredRegistrations } from '../../bot/store/export.js';
import { openStore } from '../../bot/store/store.js';
import type { RegistrationRecord } from '../../bot/registration/types.js';

const base: RegistrationRecord = {
  reference: 'ZZ26-000001',
  userId: 'u1',
  name: '张三',
  gender: '男',
  idNumber: '370402199001011238',
  education: '本科',
  title: '',
  employer: '某某公司',
  district: '滕州市',
  phone: '13912345678',
  level: '初级',
  status: 'submitted',
  createdAt: '2026-03-01T02:00:00.000Z',
  updatedAt: '2026-03-01T02:00:00.000Z',
};

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
