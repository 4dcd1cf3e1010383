/**
 * apps/next-web in a real browser: Debian's Chromium through playwright-core, against the
 * production build served by `npm start` on 127.0.0.1. Screenshots of the sign-in page, the
 * dashboard and the refusals are kept in test/artifacts/ (git-ignored).
 */
import { mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@tessera/test-vectors/apps';
import { launchChromium, newProfile, OTHER_SITE } from './support/browser.mjs';
import { ADA, dashboardToken, GRACE, signIn, startApp, submitSignIn } from './support/app.mjs';

const ARTIFACTS = fileURLToPath(new URL('artifacts/', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

// The access token lives 1 s; the core accepts it 5 s longer (its clock tolerance), so it is
// refused, and refreshed, from exp + 6 s on. Each wait is computed from the token, and bounded.
const TTL_SECONDS = 1;
const LEEWAY_SECONDS = 5;
async function untilExpired(exp) {
  const ms = (exp + LEEWAY_SECONDS + 1) * 1000 - Date.now();
  expect(ms).toBeLessThan((TTL_SECONDS + LEEWAY_SECONDS + 2) * 1000);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

async function screenshot(page, name) {
  const path = `${ARTIFACTS}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  expect(statSync(path).size).toBeGreaterThan(1000);
}

let browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('apps/next-web in Chromium, TRANSPORT=cookie', () => {
  let app;
  const contexts = [];
  const profile = async (options) => {
    const context = await newProfile(browser, options);
    contexts.push(context);
    return context;
  };
  beforeAll(async () => {
    app = await startApp({ TRANSPORT: 'cookie', TESSERA_ACCESS_TTL: `${TTL_SECONDS}s` });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await app?.stop();
  });

  it('signs in through the form with JavaScript off, after a wrong password, and lands on the page it asked for', async () => {
    const page = await (await profile({ javaScriptEnabled: false })).newPage();
    await page.goto(`${app.url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin');
    await screenshot(page, 'sign-in');
    await submitSignIn(page, { username: GRACE.username, password: 'wrong' });
    expect(new URL(page.url()).searchParams.get('error')).toBe('credentials');
    expect(await page.textContent('[role=alert]')).toContain('user name or password is wrong');
    await submitSignIn(page, GRACE);
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await page.textContent('[data-testid=name]')).toBe('grace');
  });

  it('document.cookie cannot read the HttpOnly tokens', async () => {
    const context = await profile();
    const page = await context.newPage();
    await signIn(page, app.url, ADA);
    // Read first: the access cookie lives only as long as its 1 s token (plus the tolerance).
    const jar = await context.cookies(app.url);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(jar.filter((c) => c.name.startsWith('tessera-')).map((c) => [c.name, c.httpOnly, c.sameSite]).sort()).toEqual([
      ['tessera-at', true, 'Lax'], ['tessera-rt', true, 'Lax'],
    ]);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    expect(await page.textContent('[data-testid=name]')).toBe('ada');
    await screenshot(page, 'dashboard');
  });

  it('a signed-in user without the role is refused the admin page (403) and /api/admin', async () => {
    const context = await profile();
    const page = await context.newPage();
    await signIn(page, app.url, ADA);
    const answer = await page.goto(`${app.url}/admin`);
    expect(answer.status()).toBe(403);
    expect(await page.textContent('[role=alert]')).toContain('403');
    await screenshot(page, 'refusal-forbidden');
    const api = await page.goto(`${app.url}/api/admin`);
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ error: 'ERR_AUTH_FORBIDDEN' });
  });

  it('an expired access token is refreshed in the navigation that finds it: one request, the page renders with the new token', async () => {
    const page = await (await profile()).newPage();
    await signIn(page, app.url, ADA);
    const before = await dashboardToken(page);
    expect(before.refreshes).toBe(0);
    await untilExpired(before.exp);
    const requests = [];
    page.on('request', (r) => requests.push(r));
    const answer = await page.reload();
    const documents = requests.filter((r) => r.resourceType() === 'document' || r.resourceType() === 'fetch');
    expect(documents.map((r) => new URL(r.url()).pathname)).toEqual(['/dashboard']);
    expect(answer.status()).toBe(200);
    expect(answer.request().redirectedFrom()).toBeNull();
    expect((await answer.allHeaders())['set-cookie']).toMatch(/tessera-at=/);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    const after = await dashboardToken(page);
    expect(after.jti).not.toBe(before.jti);
    expect(after.iat).toBeGreaterThan(before.exp);
    expect(after.refreshes).toBe(1);
  });

  it('two tabs whose tokens expire together both stay signed in', async () => {
    const context = await profile();
    const first = await context.newPage();
    await signIn(first, app.url, ADA);
    const second = await context.newPage();
    await second.goto(`${app.url}/dashboard`);
    const before = await dashboardToken(second);
    await untilExpired(before.exp);
    const answers = await Promise.all([first.reload(), second.reload()]);
    expect(answers.map((a) => a.status())).toEqual([200, 200]);
    for (const page of [first, second]) {
      expect(new URL(page.url()).pathname).toBe('/dashboard');
      expect((await dashboardToken(page)).jti).not.toBe(before.jti);
    }
    // Still signed in afterwards, in both, on the cookies the browser kept.
    for (const page of [first, second]) {
      expect((await page.goto(`${app.url}/api/me`)).status()).toBe(200);
    }
  });

  it('after logout the back button does not show the dashboard', async () => {
    const page = await (await profile()).newPage();
    await signIn(page, app.url, ADA);
    await Promise.all([page.waitForNavigation(), page.click('button:text-is("Sign out")')]);
    expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe('/sign-in?signed-out=1');
    // Back to /dashboard: asked of the server again (the page is never cached), which sends the browser to sign in.
    await page.goBack();
    await page.waitForURL(`${app.url}/sign-in?next=%2Fdashboard`);
    expect(await page.locator('[data-testid=jti]').count()).toBe(0);
    expect((await page.goto(`${app.url}/api/me`)).status()).toBe(401);
  });

  it('logout everywhere in one browser profile ends the session of another', async () => {
    const laptop = await (await profile()).newPage();
    const phone = await (await profile()).newPage();
    await signIn(laptop, app.url, GRACE);
    await signIn(phone, app.url, GRACE);
    expect(new URL(phone.url()).pathname).toBe('/dashboard');
    await Promise.all([laptop.waitForNavigation(), laptop.click('button:text-is("Sign out everywhere")')]);
    expect(new URL(laptop.url()).search).toBe('?signed-out=all');
    await phone.reload();
    expect(new URL(phone.url()).pathname).toBe('/sign-in');
    expect(new URL(phone.url()).searchParams.get('next')).toBe('/dashboard');
    expect((await phone.goto(`${app.url}/api/me`)).status()).toBe(401);
  });

  it("the dashboard's script calls the API with @tessera/client: after the token expired it still answers 200, refreshed by the proxy in that one call", async () => {
    const page = await (await profile()).newPage();
    await signIn(page, app.url, ADA);
    const before = await dashboardToken(page);
    await untilExpired(before.exp);
    const sent = [];
    page.on('request', (r) => sent.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.click('[data-testid=call-api]');
    const answer = page.locator('[data-testid=api-answer]');
    await answer.waitFor();
    expect(await answer.getAttribute('data-status')).toBe('200');
    // The proxy refreshed in that call (its cookies reached the route), so the client had nothing to refresh.
    expect(sent).toEqual(['GET /api/me']);
    expect(await answer.textContent()).not.toContain(before.jti);
    await page.click('[data-testid=call-api]');
    await expect.poll(() => sent.length).toBe(2);
    await expect.poll(async () => answer.getAttribute('data-status')).toBe('200');
  });

  it("when the session ends elsewhere, the dashboard's next API call ends it once and brings the user to the sign-in page", async () => {
    const laptop = await (await profile()).newPage();
    const phone = await (await profile()).newPage();
    await signIn(laptop, app.url, GRACE);
    await signIn(phone, app.url, GRACE);
    await Promise.all([laptop.waitForNavigation(), laptop.click('button:text-is("Sign out everywhere")')]);
    const sent = [];
    phone.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (!path.startsWith('/_next/')) sent.push(`${r.method()} ${path}`);
    });
    await Promise.all([phone.waitForURL((url) => url.pathname === '/sign-in'), phone.click('[data-testid=call-api]')]);
    const url = new URL(phone.url());
    expect(url.searchParams.get('next')).toBe('/dashboard');
    expect(url.searchParams.get('ended')).toBe('ERR_JWT_REVOKED');
    expect(await phone.textContent('[data-testid=ended]')).toContain('ERR_JWT_REVOKED');
    // One call refused, one refresh tried (its cookie already deleted by the proxy), then the sign-in page: no loop.
    expect(sent.filter((r) => r !== 'GET /sign-in')).toEqual(['GET /api/me', 'POST /auth/refresh']);
  });

  describe('a form on another site', () => {
    let other;
    let otherUrl;
    beforeAll(async () => {
      const port = await freePort();
      otherUrl = `http://${OTHER_SITE}:${port}`;
      other = createServer((req, res) => {
        const action = req.url === '/logout-all' ? '/auth/logout-all' : '/auth/login';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>another site</title><form method="post" action="${app.url}${action}">
          <input name="username" value="${ADA.username}"><input name="password" value="${ADA.password}"><button id="go">Win a prize</button></form>`);
      });
      await new Promise((resolve) => other.listen(port, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      await new Promise((resolve) => other?.close(resolve));
    });

    it('cannot sign the browser in (login CSRF): 403, no cookie', async () => {
      const context = await profile();
      const page = await context.newPage();
      await page.goto(`${otherUrl}/login`);
      const [answer] = await Promise.all([page.waitForNavigation(), page.click('#go')]);
      expect(answer.status()).toBe(403);
      expect(await answer.json()).toMatchObject({ error: 'ERR_AUTH_FORBIDDEN' });
      await screenshot(page, 'refusal-cross-site');
      expect((await context.cookies(app.url)).filter((c) => c.name.startsWith('tessera-'))).toEqual([]);
    });

    it('cannot sign a signed-in user out everywhere: 403, the session lives on', async () => {
      const context = await profile();
      const page = await context.newPage();
      await signIn(page, app.url, ADA);
      await page.goto(`${otherUrl}/logout-all`);
      const [answer] = await Promise.all([page.waitForNavigation(), page.click('#go')]);
      expect([401, 403]).toContain(answer.status());
      expect((await page.goto(`${app.url}/dashboard`)).status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/dashboard');
    });
  });
});

describe('apps/next-web in Chromium, TRANSPORT=split', () => {
  let app;
  let context;
  beforeAll(async () => {
    app = await startApp({ TRANSPORT: 'split', TESSERA_ACCESS_TTL: '5m' });
  });
  afterAll(async () => {
    await context?.close();
    await app?.stop();
  });

  it('page script reads the claims, but neither the signature nor the refresh token', async () => {
    context = await newProfile(browser);
    const page = await context.newPage();
    await signIn(page, app.url, ADA);
    const readable = await page.evaluate(() => document.cookie);
    expect(readable).toMatch(/^tessera-at=[\w-]+\.[\w-]+$/);
    const payload = JSON.parse(Buffer.from(readable.split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ sub: 'u-ada', name: 'ada', roles: ['user'] });
    expect(await page.textContent('[data-testid=script-claims]')).toContain('"sub":"u-ada"');
    expect(await page.textContent('[data-testid=script-cookies]')).toBe('tessera-at');
    const jar = await context.cookies(app.url);
    expect(jar.filter((c) => c.httpOnly).map((c) => c.name).sort()).toEqual(['tessera-as', 'tessera-rt']);
  });
});
