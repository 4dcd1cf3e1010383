/**
 * An Origin that differs from the server's view only in its scheme: the browser is on https://,
 * the server sees http:// because TLS ends at a proxy whose X-Forwarded-Proto is not trusted. Still
 * refused (the check cannot tell), but the refusal names that cause and the fix.
 */
import { describe, expect, it } from 'vitest';
import { checkCsrf } from '../../src/server/csrf.js';
import { body, setup } from './helpers.js';

const post = (url: string, origin: string) => new Request(url, { method: 'POST', headers: { origin } });

describe('CSRF: an Origin that differs only in its scheme', () => {
  it("from the server's own view: TLS ends at an untrusted proxy; trustProxy or origin is the fix", () => {
    const err = checkCsrf(post('http://app.example.com/auth/login', 'https://app.example.com'), [])!;
    expect(err.code).toBe('ERR_AUTH_FORBIDDEN');
    expect(err.reason).toBe('csrf_origin');
    expect(err.message).toBe('cross-site request refused: Origin "https://app.example.com" differs from this server\'s view of the request http://app.example.com only in its scheme');
    expect(err.hint).toContain('X-Forwarded-Proto is not trusted');
    expect(err.hint).toContain('set trustProxy in the adapter');
    expect(err.hint).toContain("origin: 'https://app.example.com'");
  });

  it('from a configured http:// origin: the configuration names the wrong scheme', () => {
    const err = checkCsrf(post('http://app.example.com/x', 'https://app.example.com'), ['http://app.example.com'])!;
    expect(err.message).toContain('differs from the allowed origin http://app.example.com only in its scheme');
    expect(err.hint).toBe("the configured origin names the other scheme: set origin (or allowedOrigins) to 'https://app.example.com', the address users open");
  });

  it('a plain-http page posting to the https site gets the plain refusal: that is what the check is for', () => {
    const err = checkCsrf(post('https://app.example.com/x', 'http://app.example.com'), [])!;
    expect(err.message).toBe('cross-site request refused: Origin "http://app.example.com" is not an allowed origin; allowed: https://app.example.com');
  });

  it('through createAuth without an origin option: a sign-in behind a TLS proxy is refused with the cause', async () => {
    const { auth } = setup({ origin: undefined, allowedOrigins: [] });
    const res = await auth.handle(new Request('http://app.example.com/auth/login', {
      method: 'POST', headers: { origin: 'https://app.example.com', 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: 'correct horse' }),
    }));
    expect(res!.status).toBe(403);
    expect((await body(res)).message).toContain('only in its scheme');
  });
});
