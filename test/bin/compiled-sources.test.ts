/**
 * bin/compiled-sources.js: `npm start` runs the sources compiled ahead of
 * time, module for module, with the sources' own import.meta.url.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript without declarations
import { compiledEntry } from '../../bin/compiled-sources.js';
import { PROJECT_ROOT } from '../../bot/app.js';
import { maskPersonalData } from '../../bot/mask.js';

describe('the compiled sources of npm start', () => {
  it('are one module per source file, behaving as the source and naming the source as their URL', async () => {
    const entry = compiledEntry('bot/main.ts') as string | undefined;
    expect(entry).toMatch(/^file:.*\/node_modules\/\.cache\/dte-bot\/[0-9a-f]{20}\/bot\/main\.js$/);
    const tree = join(dirname(fileURLToPath(entry!)), '..');
    expect(existsSync(join(tree, '.complete'))).toBe(true);
    // The same hash again: no second compile.
    expect(compiledEntry('bot/main.ts')).toBe(entry);
    const compiledApp = (await import(pathToFileURL(join(tree, 'bot/app.js')).href)) as { PROJECT_ROOT: string };
    expect(compiledApp.PROJECT_ROOT).toBe(PROJECT_ROOT);
    const compiledMask = (await import(pathToFileURL(join(tree, 'bot/mask.js')).href)) as { maskPersonalData: typeof maskPersonalData };
    const text = '电话 139 1234 5678，身份证370402199001011238';
    expect(compiledMask.maskPersonalData(text)).toBe(maskPersonalData(text));
  }, 120_000);
});
