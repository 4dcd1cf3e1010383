/**
 * The optional token sources through the adapter's request head, over HTTP with the real auth layer:
 * the query parameter (the head's lazy URL) and the form field (the head materialises the Web
 * Request and its body on demand). A forged token in either is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startAuthServer, type AuthServer } from './helpers/auth-server.js';
import { send } from './helpers/http.js';

let server: AuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function token(url: string): Promise<string> {
  const reply = await send(`${url}/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ada', password: 'pw-ada' }),
  });
  expect(reply.status).toBe(200);
  return reply.json<{ access_token: string }>().access_token;
}

describe('optional token sources through @tessera/node', () => {
  it('query parameter: accepted from the URL, forged refused', async () => {
    server = await startAuthServer({ config: { transport: 'bearer', tokenSources: { queryParam: 'access_token' } } });
    const t = await token(server.url);
    const ok = await send(`${server.url}/api/me?access_token=${t}`);
    expect(ok.status).toBe(200);
    expect(ok.json<{ claims: { sub: string } }>().claims.sub).toBe('u-ada');
    const forged = await send(`${server.url}/api/fn?access_token=${t.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
  });

  it('form field: the body is read on demand, for the middleware and for authenticate()', async () => {
    server = await startAuthServer({ config: { transport: 'bearer', tokenSources: { formField: 'access_token' } } });
    const t = await token(server.url);
    const form = (path: string, value: string) => send(`${server!.url}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `note=hi&access_token=${value}`,
    });
    expect((await form('/api/me', t)).status).toBe(200);
    const viaFn = await form('/api/fn', t);
    expect(viaFn.status).toBe(200);
    expect(viaFn.json()).toEqual({ sub: 'u-ada' });
    expect((await form('/api/me', `${t.slice(0, -4)}AAAA`)).status).toBe(401);
    expect(server.errors).toEqual([]);
  });
});
