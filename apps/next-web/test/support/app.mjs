/**
 * The app as `npm start` starts it (node src/server.mjs, the production build), on 127.0.0.1 and a
 * free port, through the contract's launcher; and the demo users' sign-in through the form.
 */
import { fileURLToPath } from 'node:url';
import { launchApp } from '@tessera/test-vectors/apps';

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the app with `env` (TRANSPORT, TESSERA_ACCESS_TTL, ...); `stop()` it when done. */
export function startApp(env) {
  return launchApp({ command: [process.execPath, 'src/server.mjs'], cwd: APP_DIR, env });
}

export const ADA = { username: 'ada', password: 'correct horse battery staple' };
export const GRACE = { username: 'grace', password: 'hopper-1906-cobol' };

/** Fills and submits the sign-in form on the current page; resolves once the next page has loaded. */
export async function submitSignIn(page, user) {
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
}

/** Signs in through the form, starting from `path` (a protected page sends the browser to the form first). */
export async function signIn(page, baseUrl, user, path = '/dashboard') {
  await page.goto(`${baseUrl}${path}`);
  await submitSignIn(page, user);
}

/** What the dashboard shows of the access token it rendered with. */
export async function dashboardToken(page) {
  const value = (id) => page.getAttribute(`[data-testid=${id}]`, 'data-value').then(Number);
  return {
    name: await page.textContent('[data-testid=name]'),
    jti: await page.textContent('[data-testid=jti]'),
    iat: await value('iat'),
    exp: await value('exp'),
    refreshes: Number(await page.textContent('[data-testid=refreshes]')),
  };
}
