/**
 * The README's examples, as written: the `js test` block (a Node service) through the shared
 * runner of `@tessera/test-vectors/readme` against the test API in the bearer transport; the
 * `js browser` block in Chromium, as a module of a page on the test API's origin (cookie
 * transport), its `import '@tessera/client'` served from this package's dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { readmeExamples, runReadmeExample } from '@tessera/test-vectors/readme';
import { startServer, type TestServer } from './support/server.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const examples = readmeExamples(pkg);
const started: TestServer[] = [];

afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

/** The ```js browser blocks of the README, with the `// prints:` each promises. */
function browserExamples(): { line: number; code: string; prints: string }[] {
  const lines = readFileSync(`${pkg}README.md`, 'utf8').split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```js browser') continue;
    const start = i + 1;
    const body: string[] = [];
    for (i = start; lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    const code = body.join('\n');
    found.push({ line: start + 1, code, prints: /\/\/ prints: (.+)$/m.exec(code)?.[1]?.trim() ?? '' });
  }
  return found;
}

it('the README has a Node example and a browser example, each saying what it prints', () => {
  expect(examples.length).toBe(1);
  expect(browserExamples().length).toBe(1);
  for (const e of [...examples, ...browserExamples()]) expect(e.prints, `README line ${e.line}`).toBeTruthy();
});

for (const example of examples) {
  it(`README example at line ${example.line} (Node) runs and prints "${example.prints}"`, async () => {
    const server = await startServer('bearer');
    started.push(server);
    await runReadmeExample(pkg, example, { env: { API_URL: server.url, API_USER: 'ada', API_PASSWORD: 'correct horse battery staple' } });
  }, 40_000);
}

for (const example of browserExamples()) {
  it(`README example at line ${example.line} (browser) runs in Chromium and prints "${example.prints}"`, async () => {
    if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium (.ci/run installs it)');
    const module = example.code.replace("from '@tessera/client'", "from '/client/index.js'");
    const page = '<!doctype html><meta charset="utf-8"><script type="module" src="/example.js"></script>';
    const server = await startServer('cookie', new Map([['/example.js', ['text/javascript', module]], ['/example', ['text/html', page]]]));
    started.push(server);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const tab = await browser.newPage();
      const printed: string[] = [];
      const errors: string[] = [];
      tab.on('console', (m) => {
        if (m.type() === 'log') printed.push(m.text());
      });
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(`${server.url}/example`);
      await tab.waitForFunction(() => true);
      const deadline = Date.now() + 10_000;
      while (printed.length === 0 && errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(errors).toEqual([]);
      expect(printed).toEqual([example.prints]);
    } finally {
      await browser.close();
    }
  }, 40_000);
}
