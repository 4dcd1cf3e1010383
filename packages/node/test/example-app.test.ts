/**
 * The example app (apps/node-http): its demo runs the whole flow against a real server and the
 * printed walkthrough shows each step; the app's routes and scrypt user store behave as documented.
 */
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: the example app is plain JavaScript without type declarations
import { runDemo } from '../../../apps/node-http/src/demo.mjs';
// @ts-expect-error: the example app is plain JavaScript without type declarations
import { startServer } from '../../../apps/node-http/src/app.mjs';
// @ts-expect-error: the example app is plain JavaScript without type declarations
import { hashPassword, verifyPassword } from '../../../apps/node-http/src/users.mjs';
import { send } from './helpers/http.js';

interface Step {
  title: string;
  status: number;
  error?: string;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('apps/node-http', () => {
  it('the demo walks through the life cycle and explains each refusal', async () => {
    const lines: string[] = [];
    const steps = (await runDemo({ print: (line: string) => lines.push(line) })) as Step[];
    const output = lines.join('\n');
    expect(steps.map((s) => s.status)).toEqual([401, 200, 200, 403, 200, 200, 200, 401, 200, 200, 403, 200, 401, 401]);
    expect(steps.map((s) => s.error ?? null)).toEqual([
      'ERR_AUTH_CREDENTIALS_INVALID', null, null, 'ERR_AUTH_FORBIDDEN', null, null, null, 'ERR_JWT_REVOKED',
      null, null, 'ERR_AUTH_FORBIDDEN', null, 'ERR_JWT_REVOKED', 'ERR_JWT_REVOKED',
    ]);
    expect(output).toContain('generated in memory for development'); // the loud development-key warning
    expect(output).toContain('refreshed transparently');
    expect(output).toMatch(/message: the refresh token was already used 30s ago .*possible theft/);
    expect(output).toContain('https://evil.example');
    expect(output).toContain('All 14 steps behaved as expected');
    expect(output).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // no token is ever printed
  }, 60_000);

  it('serves public, protected and role-gated routes and the JWKS', async () => {
    const app = await startServer({ port: 0, logger: { warn: () => undefined } });
    close = app.close;
    expect((await send(`${app.url}/`)).json()).toMatchObject({ transport: 'cookie' });
    expect((await send(`${app.url}/api/me`)).status).toBe(401);
    expect((await send(`${app.url}/api/admin`)).status).toBe(401);
    const jwks = (await send(`${app.url}/.well-known/jwks.json`)).json<{ keys: { kty: string; d?: string }[] }>();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC' });
    expect(jwks.keys[0]!.d).toBeUndefined();
    const login = await send(`${app.url}/auth/login`, {
      method: 'POST',
      headers: { origin: app.url, authorization: `Basic ${Buffer.from('grace:hopper-1906-cobol').toString('base64')}` },
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers['set-cookie'] ?? []).map((l) => l.split(';')[0]).join('; ');
    expect((await send(`${app.url}/api/admin`, { headers: { cookie } })).json()).toMatchObject({ message: expect.stringContaining('grace') });
  }, 30_000);

  it('hashes passwords with scrypt and a random salt, and verifies them', async () => {
    const a = (await hashPassword('s3cret')) as string;
    const b = (await hashPassword('s3cret')) as string;
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b); // random salt
    expect(await verifyPassword('s3cret', a)).toBe(true);
    expect(await verifyPassword('s3cret!', a)).toBe(false);
    expect(await verifyPassword('s3cret', 'plain$text')).toBe(false);
  }, 30_000);
});
