/** Every unusable option is refused at creation, naming it, with a hint; nothing is silently ignored. */
import { describe, expect, it } from 'vitest';
import { createAuthClient, memoryStorage, type AuthClientOptions } from '@tessera/client';

const bad: [string, unknown, string][] = [
  ['no options', undefined, 'options must be an object'],
  ['no baseUrl', { transport: 'cookie' }, 'baseUrl is required'],
  ['a relative baseUrl', { baseUrl: '/api', transport: 'cookie' }, 'baseUrl must be an absolute URL'],
  ['an unknown transport', { baseUrl: 'https://a.test', transport: 'jwt' }, 'transport must be cookie, bearer or split; got "jwt"'],
  ['a misspelt option', { baseUrl: 'https://a.test', transport: 'cookie', refreshMargn: 10 }, 'unknown option "refreshMargn"'],
  ['a negative refreshMargin', { baseUrl: 'https://a.test', transport: 'bearer', refreshMargin: -1 }, 'refreshMargin must be 0 to 3600 seconds'],
  ['a basePath without a slash', { baseUrl: 'https://a.test', transport: 'cookie', basePath: 'auth' }, 'basePath must be a path'],
  ['storage with cookies', { baseUrl: 'https://a.test', transport: 'cookie', storage: memoryStorage() }, 'storage is for the bearer transport'],
  ['a storage without clear', { baseUrl: 'https://a.test', transport: 'bearer', storage: { get: () => null, set: () => undefined } }, 'storage must have get(), set(tokens) and clear()'],
  ['a cookie name with a space', { baseUrl: 'https://a.test', transport: 'split', cookieName: 'my cookie' }, 'cookieName must be letters'],
  ['onSessionEnd not a function', { baseUrl: 'https://a.test', transport: 'cookie', onSessionEnd: 'reload' }, 'onSessionEnd must be a function'],
];

describe('createAuthClient refuses options it cannot use', () => {
  it.each(bad)('%s', (_, options, message) => {
    let error: unknown;
    try {
      createAuthClient(options as AuthClientOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'ERR_CLIENT_INVALID_OPTION', message: expect.stringContaining(message), hint: expect.any(String) });
  });

  it('resolves the endpoints against baseUrl and basePath, and refreshUrl against baseUrl', async () => {
    const urls: string[] = [];
    const fetchSpy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(new Request(input, init).url);
      return new Response(JSON.stringify({ error: 'ERR_JWT_REVOKED', message: 'revoked' }), { status: 401, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const client = createAuthClient({ baseUrl: 'https://api.example.test/v1/', transport: 'cookie', basePath: '/session', refreshUrl: 'https://auth.example.test/renew', fetch: fetchSpy });
    await client.fetch('things?x=1');
    await client.signIn({ username: 'u', password: 'p' }).catch(() => undefined);
    expect(urls).toEqual(['https://api.example.test/v1/things?x=1', 'https://auth.example.test/renew', 'https://api.example.test/session/login']);
  });
});
