/**
 * A Cookie header longer than the auth layer reads (or with more cookies than it reads) used to be
 * cut silently, so a session cookie past the cut looked like "no token" and the user like someone
 * who never signed in. Now the refusal is a size error (431) naming the cut and the fix.
 */
import { describe, expect, it } from 'vitest';
import { login, ORIGIN, setup } from './helpers.js';

const junk = (n: number, size = 8) => Array.from({ length: n }, (_, i) => `analytics_${i}=${'x'.repeat(size)}`).join('; ');

describe('a Cookie header past the parser\'s limits', () => {
  it('more cookies than are read, the session ones last: 431 with the cause and the fix', async () => {
    const { auth } = setup({ transport: 'cookie' });
    const session = (await login(auth)).header('/api/me')!;
    const result = await auth.require(new Request(`${ORIGIN}/api/me`, { headers: { cookie: `${junk(250)}; ${session}` } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ERR_AUTH_REQUEST_INVALID');
    expect(result.error.reason).toBe('headers_too_large');
    expect(result.error.message).toMatch(/^the Cookie header holds 25\d cookies; the auth layer reads the first 200, and no access token was found in what was read/);
    expect(result.error.hint).toContain('other apps on the same parent domain');
    expect(result.response.status).toBe(431);
    expect(((await result.response.json()) as { hint: string }).hint).toBe("send smaller headers: clear this site's cookies and sign in again");
  });

  it('a header longer than is read: the same, naming its length', async () => {
    const { auth } = setup({ transport: 'cookie' });
    const session = (await login(auth)).header('/api/me')!;
    const result = await auth.authenticate(new Request(`${ORIGIN}/api/me`, { headers: { cookie: `${junk(40, 900)}; ${session}` } }));
    expect(!result.ok && result.error.message).toMatch(/^the Cookie header is \d+ characters; the auth layer reads the first 32768/);
  });

  it('the same cookies with the session first still authenticate: only a cut that hides the token is an error', async () => {
    const { auth } = setup({ transport: 'cookie' });
    const session = (await login(auth)).header('/api/me')!;
    const result = await auth.authenticate(new Request(`${ORIGIN}/api/me`, { headers: { cookie: `${session}; ${junk(250)}` } }));
    expect(result.ok).toBe(true);
  });

  it('a small header without a token is still "no token"', async () => {
    const { auth } = setup({ transport: 'cookie' });
    const result = await auth.authenticate(new Request(`${ORIGIN}/api/me`, { headers: { cookie: junk(5) } }));
    expect(!result.ok && result.error.code).toBe('ERR_TOKEN_MISSING');
  });
});
