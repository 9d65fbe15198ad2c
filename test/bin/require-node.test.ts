import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
// @ts-expect-error plain JavaScript module without types (it must run before the TS loader)
import { satisfies } from '../../bin/require-node.js';

const range = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).engines.node as string;

describe('the Node version floor', () => {
  it.each([
    ['v20.19.0', true],
    ['v20.20.2', true],
    ['v22.12.0', true],
    ['v24.1.0', true],
    ['v20.12.0', false],
    ['v20.18.9', false],
    ['v21.7.0', false],
    ['v22.11.0', false],
    ['v18.20.0', false],
  ])('judges %s against package.json engines as %s', (version, ok) => {
    expect(satisfies(version, range)).toBe(ok);
  });

  it('accepts the Node running the tests', () => {
    expect(satisfies(process.version, range)).toBe(true);
  });
});
