/**
 * What a refused HTTP client reads, and what the operator reads: the body's hint is written for the
 * client and never names server configuration or callbacks; the error's own (operator) hint goes to
 * `logger.info`; every JSON body ends with a newline; a wrong Authorization scheme is named.
 */
import { describe, expect, it } from 'vitest';
import { ORIGIN, setup } from './helpers.js';

const OPERATOR_WORDS = /authenticate\(\)|claims\(user\)|loadUser|allowedOrigins|maxBodyBytes|server log|store/;

function loginRequest(password: string, extra: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, ...extra }, body: JSON.stringify({ username: 'alice', password }),
  });
}

describe('client and operator hints', () => {
  it('a failed login tells the client to check its credentials, and the operator (logger.info) what returned no user', async () => {
    const infos: string[] = [];
    const { auth } = setup({ logger: { warn: () => undefined, info: (m) => infos.push(m) } });
    const response = (await auth.handle(loginRequest('wrong')))!;
    const text = await response.text();
    expect(response.status).toBe(401);
    expect(text.endsWith('}\n')).toBe(true);
    const body = JSON.parse(text) as { error: string; hint: string };
    expect(body.error).toBe('ERR_AUTH_CREDENTIALS_INVALID');
    expect(body.hint).toMatch(/user name and password/);
    expect(body.hint).not.toMatch(OPERATOR_WORDS);
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatch(/authenticate\(\) returned no user/);
  });

  it('no refusal body carries an operator hint: CSRF, too large, wrong method, missing refresh token', async () => {
    const { auth } = setup({ maxBodyBytes: 256 });
    const replies = [
      await auth.handle(loginRequest('x', { origin: 'https://evil.example' })),
      await auth.handle(new Request(`${ORIGIN}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: 'x'.repeat(300) })),
      await auth.handle(new Request(`${ORIGIN}/auth/login`)),
      await auth.handle(new Request(`${ORIGIN}/auth/refresh`, { method: 'POST', headers: { origin: ORIGIN } })),
    ];
    expect(replies.map((r) => r!.status)).toEqual([403, 413, 405, 401]);
    for (const reply of replies) {
      const text = await reply!.text();
      expect(text.endsWith('\n')).toBe(true);
      const body = JSON.parse(text) as { hint: string };
      expect(body.hint.length).toBeGreaterThan(5);
      expect(body.hint, body.hint).not.toMatch(OPERATOR_WORDS);
    }
  });

  it('names the scheme of an Authorization header that is not Bearer', async () => {
    const { auth } = setup();
    const result = await auth.authenticate(new Request(`${ORIGIN}/api`, { headers: { authorization: 'Basic YWxpY2U6eA==' } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ERR_TOKEN_MISSING');
    expect(result.error.message).toMatch(/"Basic" scheme/);
    const body = (await result.response.json()) as { hint: string };
    expect(body.hint).toMatch(/Authorization: Bearer/);
  });
});
