/**
 * What every example app must show beyond the black-box contract, as one vitest suite each app runs
 * unchanged (`exampleSuite({ startServer, title, folder })` in its test/example.test.mjs): the demo
 * walk behaves step by step as apps/README.md describes and explains each refusal, and the app
 * serves its routes and JWKS in-process (with the development key and its warning).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo.mjs';

export function exampleSuite({ startServer, title, folder }) {
  let close;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  describe(`apps/${folder}`, () => {
    it('the demo walks through the life cycle and explains each refusal', async () => {
      const lines = [];
      const steps = await runDemo({ startServer, title, folder, print: (line) => lines.push(line) });
      const output = lines.join('\n');
      expect(steps.map((s) => s.status)).toEqual([401, 200, 200, 403, 200, 200, 200, 401, 200, 200, 403, 200, 401, 401]);
      expect(steps.map((s) => s.error ?? null)).toEqual([
        'ERR_AUTH_CREDENTIALS_INVALID', null, null, 'ERR_AUTH_FORBIDDEN', null, null, null, 'ERR_JWT_REVOKED',
        null, null, 'ERR_AUTH_FORBIDDEN', null, 'ERR_JWT_REVOKED', 'ERR_JWT_REVOKED',
      ]);
      expect(output).toContain(`the example API (${title})`);
      expect(output).toContain('generated in memory for development'); // the loud development-key warning
      expect(output).toContain('refreshed transparently');
      expect(output).toMatch(/message: the refresh token was already used 30s ago .*possible theft/);
      expect(output).toContain('https://evil.example');
      expect(output).toContain(`All 14 steps behaved as expected. Run \`npm start\` in apps/${folder}`);
      expect(output).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // no token is ever printed
    }, 60_000);

    it('serves public, protected and role-gated routes and the JWKS', async () => {
      const app = await startServer({ port: 0, logger: { warn: () => undefined } });
      close = app.close;
      expect(await (await fetch(`${app.url}/`)).json()).toMatchObject({ transport: 'cookie' });
      expect((await fetch(`${app.url}/api/me`)).status).toBe(401);
      expect((await fetch(`${app.url}/api/admin`)).status).toBe(401);
      const jwks = await (await fetch(`${app.url}/.well-known/jwks.json`)).json();
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]).toMatchObject({ kty: 'EC' });
      expect(jwks.keys[0].d).toBeUndefined();
      const login = await fetch(`${app.url}/auth/login`, {
        method: 'POST',
        headers: { origin: app.url, authorization: `Basic ${Buffer.from('grace:hopper-1906-cobol').toString('base64')}` },
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie().map((l) => l.split(';')[0]).join('; ');
      expect(await (await fetch(`${app.url}/api/admin`, { headers: { cookie } })).json()).toMatchObject({ message: expect.stringContaining('grace') });
      const missing = await fetch(`${app.url}/nowhere`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ error: 'ERR_AUTH_NOT_FOUND' });
    }, 30_000);
  });
}
