/**
 * Test helper: the small facts fixture of the tools' tests, parsed with the
 * real schema, as a FactsTable.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FactsFileSchema } from '../../knowledge/facts/schema.js';
import { FactsTable } from '../../tools/facts-table.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/facts-tools.json', import.meta.url));

/** The parsed fixture file. */
export function fixtureFile() {
  return FactsFileSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
}

/** The fixture as a facts table. */
export function fixtureTable(): FactsTable {
  return new FactsTable(fixtureFile());
}

/** A fixed instant (2026-03-01 10:00 Beijing) for tools that don't read the clock. */
export const MARCH_FIRST = new Date('2026-03-01T02:00:00Z');
