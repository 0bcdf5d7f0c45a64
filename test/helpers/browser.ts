import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium package; .ci/run installs it when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether browser tests run here: always in CI (a missing browser is then a failure, not a skip),
 * elsewhere when the browser is installed.
 */
export const browserTestsRun = existsSync(CHROMIUM) || !!process.env.CI;

/**
 * Headless Chromium with a fresh profile. The flags keep it from reaching for Google's services,
 * which on a closed network makes it hang at start.
 */
export async function launchChromium(viewport = { width: 1360, height: 900 }): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does: apt-get install -y chromium)`);
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'briefing-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
