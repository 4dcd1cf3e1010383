/** Optional token sources: off by default; query parameter, form field, alternative header when enabled. */
import { describe, expect, it } from 'vitest';
import { body, request, setup } from './helpers.js';

async function token(auth: ReturnType<typeof setup>['auth']): Promise<string> {
  return (await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })))).access_token as string;
}

describe('token sources', () => {
  it('query, form and alternative header are ignored unless configured', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const t = await token(auth);
    for (const req of [
      request('GET', `/events?access_token=${t}`),
      request('POST', '/form', { form: { access_token: t } }),
      request('GET', '/x', { headers: { 'x-access-token': t } }),
    ]) {
      const r = await auth.authenticate(req);
      expect(!r.ok && r.error.code).toBe('ERR_TOKEN_MISSING');
    }
  });

  it('finds the token in each configured source', async () => {
    const { auth } = setup({ transport: 'bearer', tokenSources: { queryParam: 'access_token', formField: 'access_token', header: 'x-access-token' } });
    const t = await token(auth);
    expect((await auth.authenticate(request('GET', `/events?access_token=${t}`))).ok).toBe(true);
    const form = request('POST', '/form', { form: { access_token: t, other: '1' } });
    expect((await auth.authenticate(form)).ok).toBe(true);
    expect(await form.text()).toContain('other=1'); // the app can still read the body
    expect((await auth.authenticate(request('GET', '/x', { headers: { 'x-access-token': t } }))).ok).toBe(true);
    expect((await auth.authenticate(request('GET', '/x', { headers: { 'x-access-token': `Bearer ${t}` } }))).ok).toBe(true);
    const bad = await auth.authenticate(request('GET', '/x', { headers: { 'x-access-token': 'not a token' } }));
    expect(!bad.ok && bad.error.code).toBe('ERR_JWS_INVALID');
  });

  it('refuses invalid source names at start-up', () => {
    expect(() => setup({ tokenSources: { header: 'bad header' } })).toThrow(/tokenSources.header/);
  });

  it('ignores Authorization schemes other than Bearer', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const r = await auth.authenticate(request('GET', '/x', { headers: { authorization: 'Basic YTpi' } }));
    expect(!r.ok && r.error.code).toBe('ERR_TOKEN_MISSING');
  });
});
