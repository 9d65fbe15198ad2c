/**
 * Debian's Chromium for the console's browser tests, launched the one way
 * this machine allows: headless, a fresh profile per run, and none of the
 * background connections (updates, sync, QUIC probes) the closed network
 * refuses. On a developer's machine without Chromium the tests skip with a
 * warning; CI sets DTE_REQUIRE_BROWSER=1 (.ci/run), and there a missing
 * Chromium fails the run with the reason instead of skipping anything.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.DTE_REQUIRE_BROWSER === '1') {
  throw new Error(`DTE_REQUIRE_BROWSER=1 but ${CHROMIUM} is not installed (apt-get install chromium): the console browser tests cannot run`);
}
if (!hasChromium) console.warn(`console browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

/** Screenshots are kept here as test artefacts (gitignored). */
export const ARTIFACTS = path.resolve('test-artifacts/console');

/** This machine refuses outgoing connections: nothing may try one (no updates, sync, QUIC probes). */
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Close the browser and remove its profile. */
  close(): Promise<void>;
}

/** Chromium with a fresh profile (Chinese locale, 1280×800), the artefacts folder made. */
export async function launchChromium(options: { acceptDownloads?: boolean } = {}): Promise<LaunchedBrowser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const profileDir = mkdtempSync(path.join(tmpdir(), 'dte-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
    acceptDownloads: options.acceptDownloads ?? false,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
