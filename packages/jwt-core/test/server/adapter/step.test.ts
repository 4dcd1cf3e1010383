/**
 * adapterStep: every outcome of the auth layer, and every way an attempt can go wrong, becomes one
 * step; nothing that went wrong ever continues. Driven by a real auth layer where it can be.
 */
import { describe, expect, it } from 'vitest';
import { JoseError } from '../../../src/errors.js';
import { adapterRefusal, adapterStep, appFailure, errorResponse, type AdapterStep } from '../../../src/server/index.js';
import { ORIGIN, setup } from '../helpers.js';

async function login(auth: ReturnType<typeof setup>['auth']): Promise<string> {
  const reply = await auth.handle(new Request(`${ORIGIN}/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ username: 'alice', password: 'correct horse' }),
  }));
  const cookies = reply!.headers.getSetCookie().map((l) => l.slice(0, l.indexOf(';')));
  return cookies.join('; ');
}

async function body(step: AdapterStep): Promise<{ error: string; message: string; hint: string }> {
  if (step.action !== 'respond') throw new Error(`expected respond, got ${step.action}`);
  return step.response.clone().json();
}

describe('adapterStep', () => {
  it('continues with the claims and headers of a success', async () => {
    const { auth } = setup();
    const cookie = await login(auth);
    const step = await adapterStep(() => auth.authenticate(new Request(`${ORIGIN}/api`, { headers: { cookie } })));
    expect(step.action).toBe('continue');
    if (step.action === 'continue') expect(step.claims?.sub).toBe('u-alice');
  });

  it('responds with the 401 of a failure, or continues without claims (and with its cookie deletions) under passthrough', async () => {
    const { auth } = setup();
    const request = () => new Request(`${ORIGIN}/api`, { headers: { authorization: 'Bearer nope' } });
    const refused = await adapterStep(() => auth.authenticate(request()));
    expect(refused.action === 'respond' && refused.response.status).toBe(401);
    const optional = await adapterStep(() => auth.authenticate(request()), { passthrough: true });
    expect(optional.action).toBe('continue');
    if (optional.action === 'continue') {
      expect(optional.claims).toBeUndefined();
      expect(optional.error?.code).toBe('ERR_JWS_INVALID');
    }
  });

  it('passthrough never turns a 403 or a 503 into an anonymous request', async () => {
    const { auth } = setup();
    const cookie = await login(auth);
    const forbidden = await adapterStep(() => auth.require(new Request(`${ORIGIN}/api`, { headers: { cookie } }), { roles: ['root'] }), { passthrough: true });
    expect(forbidden.action === 'respond' && forbidden.response.status).toBe(403);
    const down = await adapterStep(() => Promise.reject(new Error('redis down')), { passthrough: true, onError: () => undefined });
    expect(down.action === 'respond' && down.response.status).toBe(503);
  });

  it('continues without claims on null only for an endpoint attempt; elsewhere null is malformed (503)', async () => {
    const errors: unknown[] = [];
    expect((await adapterStep(() => null, { endpoint: true })).action).toBe('continue');
    const step = await adapterStep(() => null, { onError: (e) => errors.push(e) });
    expect(step.action === 'respond' && step.response.status).toBe(503);
    expect(errors).toHaveLength(1);
  });

  it('denies 503 with Retry-After on a synchronous throw, a rejection and a malformed result, reporting each and never leaking its message', async () => {
    for (const attempt of [
      () => { throw new Error('secret-connection-string'); },
      () => Promise.reject(new Error('secret-connection-string')),
      () => Promise.resolve({ ok: true, claims: 'not claims', headers: new Headers() }),
      () => Promise.resolve({ ok: 'yes' }),
      () => { throw 'a string'; },
    ]) {
      const errors: unknown[] = [];
      const step = await adapterStep(attempt, { onError: (e) => errors.push(e) });
      expect(step.action).toBe('respond');
      if (step.action !== 'respond') continue;
      expect(step.response.status).toBe(503);
      expect(step.response.headers.get('retry-after')).toBe('5');
      const text = await step.response.text();
      expect(JSON.parse(text).error).toBe('ERR_AUTH_UNAVAILABLE');
      expect(text).not.toContain('secret-connection-string');
      expect(errors).toHaveLength(1);
    }
  });

  it('gives each adapter refusal its status in the one JSON format', async () => {
    const cases: [Parameters<typeof adapterRefusal>[0], number, string][] = [
      ['bad_request', 400, 'ERR_AUTH_REQUEST_INVALID'], ['not_found', 404, 'ERR_AUTH_NOT_FOUND'],
      ['method_not_allowed', 405, 'ERR_AUTH_REQUEST_INVALID'], ['body_too_large', 413, 'ERR_AUTH_REQUEST_INVALID'],
      ['headers_too_large', 431, 'ERR_AUTH_REQUEST_INVALID'], ['body_consumed', 500, 'ERR_AUTH_INTERNAL'],
      ['app_failed', 500, 'ERR_AUTH_INTERNAL'], ['unavailable', 503, 'ERR_AUTH_UNAVAILABLE'],
    ];
    for (const [kind, status, code] of cases) {
      const step = await adapterStep(() => { throw adapterRefusal(kind, { allow: 'POST' }); }, { onError: () => undefined });
      expect(step.action === 'respond' && step.response.status, kind).toBe(status);
      const b = await body(step);
      expect(b.error, kind).toBe(code);
      expect(b.message.length, kind).toBeGreaterThan(10);
      expect(b.hint.length, kind).toBeGreaterThan(5);
    }
    expect(errorResponse(adapterRefusal('method_not_allowed', { allow: 'POST' })).headers.get('allow')).toBe('POST');
  });

  it('unwraps a refusal the platform wrapped as the cause of its own error (a body stream failing)', async () => {
    const wrapped = new TypeError('fetch failed', { cause: adapterRefusal('body_too_large') });
    const step = await adapterStep(() => Promise.reject(wrapped));
    expect(step.action === 'respond' && step.response.status).toBe(413);
  });

  it('keeps client errors thrown as JoseErrors at their status and does not report them as internal', async () => {
    const errors: unknown[] = [];
    const step = await adapterStep(() => { throw new JoseError('ERR_JWT_EXPIRED', 'expired', { hint: 'refresh' }); }, { onError: (e) => errors.push(e) });
    expect(step.action === 'respond' && step.response.status).toBe(401);
    expect(errors).toEqual([]);
  });

  it('appFailure: the application\'s own error is a reported 500, never an auth refusal', async () => {
    const errors: unknown[] = [];
    const response = appFailure(new Error('db password xyz'), (e) => errors.push(e));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text).error).toBe('ERR_AUTH_INTERNAL');
    expect(text).not.toContain('xyz');
    expect(errors).toHaveLength(1);
  });
});
