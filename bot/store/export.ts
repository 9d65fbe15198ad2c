/**
 * Export stored registrations (filtered like listRegistrations) in one of the
 * staff formats. The staff console and the dte CLI call this; formatting
 * lives in bot/registration/export-registrations.ts.
 */
import { exportRegistrations, type ExportFile, type ExportFormat } from '../registration/export-registrations.js';
import type { RegistrationFilter, Store } from './store.js';

export async function exportStoredRegistrations(
  store: Pick<Store, 'listRegistrations'>,
  format: ExportFormat,
  filter: RegistrationFilter = {},
): Promise<ExportFile> {
  return exportRegistrations(await store.listRegistrations(filter), format);
}
