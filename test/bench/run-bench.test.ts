import { describe, expect, it } from 'vitest';
import { parseArgs } from './run-bench.js';

describe('bench command line', () => {
  it('defaults to the table, a 100× corpus and 5 seconds per phase', () => {
    expect(parseArgs([])).toEqual({ ok: true, value: { json: false, factor: 100, seconds: 5, large: true } });
  });

  it('reads --json, --factor, --seconds and --no-large, ignoring the npm separator', () => {
    expect(parseArgs(['--', '--json', '--factor', '10', '--seconds', '0.5', '--no-large'])).toEqual({
      ok: true,
      value: { json: true, factor: 10, seconds: 0.5, large: false },
    });
  });

  it('rejects unknown flags, missing numbers and a factor that is not an integer of at least 2', () => {
    expect(parseArgs(['--fast']).ok).toBe(false);
    expect(parseArgs(['--seconds']).ok).toBe(false);
    expect(parseArgs(['--factor', '1']).ok).toBe(false);
    expect(parseArgs(['--factor', '2.5']).ok).toBe(false);
    expect(parseArgs(['--seconds', '-1']).ok).toBe(false);
  });
});
