/**
 * In Chromium (playwright-core driving Debian's chromium): two tabs of one origin whose access
 * tokens expire together cause one refresh request (the Web Lock serialises them; the second tab
 * sees the first's refresh and only retries), and neither tab is signed out.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type TestServer } from './support/server.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const ADA = { username: 'ada', password: 'correct horse battery staple' };

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install -y chromium; .ci/run installs it)`);
  }
  if (!existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)))) {
    throw new Error('packages/client/dist is missing: build the package first (npx --yes pnpm@10 --filter @tessera/client run build)');
  }
  server = await startServer('cookie');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('two tabs whose tokens expire together: one refresh, and neither is signed out', async () => {
  const context = await browser.newContext();
  const [one, two] = [await context.newPage(), await context.newPage()];
  for (const page of [one, two]) {
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  }
  await one.evaluate((creds) => (window as any).client.signIn(creds), ADA);
  const call = () => (window as any).client.fetch('/api/me').then(async (r: Response) => [r.status, (await r.json()).claims?.sub]);
  expect(await two.evaluate(call)).toEqual([200, 'u-ada']);

  // Both tabs' access cookie expires (2 s); then both call at the same moment.
  await one.waitForTimeout(2_500);
  const before = server.count('/auth/refresh');
  const [a, b] = await Promise.all([one.evaluate(call), two.evaluate(call)]);
  expect([a, b]).toEqual([[200, 'u-ada'], [200, 'u-ada']]);
  expect(server.count('/auth/refresh') - before).toBe(1);
  for (const page of [one, two]) expect(await page.evaluate(() => (window as any).sessionEnds)).toEqual([]);

  // Still signed in afterwards, in both.
  expect(await one.evaluate(call)).toEqual([200, 'u-ada']);
  expect(await two.evaluate(call)).toEqual([200, 'u-ada']);
  mkdirSync(ARTIFACTS, { recursive: true });
  await two.screenshot({ path: `${ARTIFACTS}two-tabs.png` });
  await context.close();
}, 30_000);
