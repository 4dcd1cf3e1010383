/**
 * Debian's Chromium, driven by playwright-core (no browser download: `.ci/run` installs the
 * `chromium` package with apt-get). Absent, the browser tests fail saying which binary is missing;
 * they never skip silently.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.TESSERA_CHROMIUM ?? '/usr/bin/chromium';

/** The host name of the cross-site page: resolved to 127.0.0.1 inside the browser only. */
export const OTHER_SITE = 'evil.test';

/** Launches headless Chromium; `close()` it when done. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the browser tests need Chromium at ${CHROMIUM}, which is missing: install Debian's package (apt-get install -y chromium; .ci/run does it when it is missing) or set TESSERA_CHROMIUM to a Chromium binary`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync',
      // Another site for the cross-site tests, served from this machine: a different registrable domain.
      `--host-resolver-rules=MAP ${OTHER_SITE} 127.0.0.1`,
    ],
  });
}

/** A new browser profile (its own cookie jar); every wait in it is bounded. */
export async function newProfile(browser, options = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  return context;
}
