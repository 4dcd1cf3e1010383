/**
 * The demo walk every example app runs as `npm run demo` (apps/README.md): it starts the app on a
 * free port, walks through the token life cycle with fetch, prints each exchange and what it shows,
 * and fails when a step does not behave as expected. The server's clock is moved forward to show an
 * access token expiring, without waiting.
 */
import { DEMO_USERS } from './users.mjs';

/** A browser-like cookie jar for one user (every cookie of this demo is scoped to Path=/). */
class Jar {
  cookies = new Map();
  take(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const maxAge = attributes.map((a) => a.trim().toLowerCase()).find((a) => a.startsWith('max-age='));
      if (value === '' || maxAge === 'max-age=0') this.cookies.delete(name);
      else this.cookies.set(name, { value, attributes: attributes.map((a) => a.trim()).join('; ') });
    }
  }
  copy() {
    const jar = new Jar();
    jar.cookies = new Map(this.cookies);
    return jar;
  }
  header() {
    return [...this.cookies].map(([name, { value }]) => `${name}=${value}`).join('; ');
  }
}

const describeCookies = (response) =>
  response.headers.getSetCookie().map((line) => {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const name = pair.slice(0, pair.indexOf('='));
    const cleared = pair.endsWith('=') || attributes.includes('Max-Age=0');
    return `${name} ${cleared ? '(cleared)' : `(${attributes.filter((a) => !a.startsWith('Max-Age')).join('; ')})`}`;
  });

/**
 * Runs the demo against the app `startServer` starts (the app's own, with `{ port, now, logger }`).
 * `title` names the app (e.g. `node:http + @tessera/node`), `folder` its folder under apps/. `print`
 * receives every line; returns the steps with their statuses. Rejects (after closing the server) if
 * a step does not behave as the demo expects.
 */
export async function runDemo({ startServer, title, folder, print = console.log }) {
  let skewMs = 0;
  const now = () => new Date(Date.now() + skewMs);
  print(`Tessera demo: the example API (${title}), driven by fetch`);
  const app = await startServer({ port: 0, now, logger: { warn: (m) => print(`  (server) ${m}`) } });
  const steps = [];
  const [ada, grace] = DEMO_USERS;

  async function step(n, title, expected, { jar, method = 'GET', path, body, origin = true, note }) {
    const headers = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (origin && method !== 'GET') headers.origin = origin === true ? app.url : origin;
    if (jar && jar.cookies.size > 0) headers.cookie = jar.header();
    const response = await fetch(`${app.url}${path}`, { method, headers, body: body && JSON.stringify(body) });
    const data = await response.json().catch(() => ({}));
    jar?.take(response);
    print(`\n${n}. ${title}`);
    print(`   ${method} ${path}${body ? ` ${JSON.stringify({ ...body, password: body.password && '…' })}` : ''}${typeof origin === 'string' ? `  (Origin: ${origin})` : ''}`);
    print(`   <- ${response.status} ${response.statusText}`);
    if (data.error) print(`   error: ${data.error}\n   message: ${data.message}${data.hint ? `\n   hint: ${data.hint}` : ''}`);
    else if (data.message) print(`   ${data.message}`);
    const cookies = describeCookies(response);
    if (cookies.length > 0) print(`   cookies: ${cookies.join('\n            ')}`);
    if (note) print(`   -> ${note}`);
    steps.push({ title, status: response.status, error: data.error, cookies: cookies.length });
    if (response.status !== expected) throw new Error(`step ${n} (${title}) answered ${response.status}, expected ${expected}`);
    return { response, data };
  }

  try {
    print(`Listening at ${app.url}, transport "${app.auth.transport}" (HttpOnly cookies, for browsers)`);
    const browser = new Jar();
    await step(1, 'Sign in with a wrong password', 401, { jar: browser, method: 'POST', path: '/auth/login', body: { username: ada.username, password: 'wrong' } });
    await step(2, `Sign in as ${ada.username} (role: user)`, 200, {
      jar: browser, method: 'POST', path: '/auth/login', body: { username: ada.username, password: ada.password },
      note: 'the access token (10 minutes) and the refresh token arrive as HttpOnly cookies that page scripts cannot read',
    });
    await step(3, 'Call a protected route', 200, { jar: browser, path: '/api/me' });
    await step(4, 'Call the admin route without the admin role', 403, { jar: browser, path: '/api/admin' });
    skewMs += 11 * 60 * 1000;
    await step(5, 'Eleven minutes later: the access token has expired', 200, {
      jar: browser, path: '/api/me', note: 'refreshed transparently: the expired access token was replaced using the refresh cookie',
    });
    await step(6, 'Refresh explicitly', 200, { jar: browser, method: 'POST', path: '/auth/refresh', note: 'both tokens are replaced; the old refresh token is now spent' });
    const beforeLogout = browser.copy();
    await step(7, 'Sign out', 200, { jar: browser, method: 'POST', path: '/auth/logout' });
    await step(8, 'Replay the access token from before signing out', 401, {
      jar: beforeLogout, path: '/api/me', note: 'the server revoked the session: a copied token is useless, not just forgotten by the browser',
    });

    const admin = new Jar();
    await step(9, `Sign in as ${grace.username} (roles: user, admin)`, 200, { jar: admin, method: 'POST', path: '/auth/login', body: { username: grace.username, password: grace.password } });
    await step(10, 'Call the admin route as an admin', 200, { jar: admin, path: '/api/admin' });
    await step(11, 'A page on another site makes the browser POST to /auth/logout with the cookies', 403, {
      jar: admin, method: 'POST', path: '/auth/logout', origin: 'https://evil.example', note: 'CSRF refused: cookies alone never authorize a state change',
    });
    const stolen = admin.copy();
    await step(12, `${grace.username}'s browser refreshes`, 200, { jar: admin, method: 'POST', path: '/auth/refresh' });
    skewMs += 30 * 1000;
    await step(13, 'Thirty seconds later, a thief replays the refresh token it copied before step 12', 401, {
      jar: stolen, method: 'POST', path: '/auth/refresh', note: 'a spent refresh token used again means theft: the whole session is revoked',
    });
    await step(14, `${grace.username} calls the admin route again`, 401, {
      jar: admin, path: '/api/admin', note: 'the stolen session is dead everywhere; signing in again starts a new one',
    });
    print(`\nAll ${steps.length} steps behaved as expected. Run \`npm start\` in apps/${folder} for a server to try with curl.`);
    return steps;
  } finally {
    await app.close();
  }
}

/** `npm run demo`: runs the walk and exits 0 when every step behaved as expected, 1 otherwise. */
export function demoMain(options) {
  runDemo(options).then(
    () => process.exit(0),
    (error) => {
      console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
