/**
 * `tessera doctor` through the diagnostic endpoint of a real auth layer on 127.0.0.1: the server's
 * clock to the millisecond (and the Date header when the endpoint is off), each auth cookie's
 * attributes as set with what is wrong with them, and which session cookies arrive and their sizes.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyRing, generateKeyPair } from '@tessera/jwt-core';
import { startApp, type App, type AppOptions } from '../support/auth-app.js';
import { tessera } from '../support/run.js';

const running: (App | Server)[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await ('port' in r ? r.close() : new Promise((res) => { r.closeAllConnections(); r.close(res); }));
});

async function app(options: AppOptions): Promise<string> {
  const a = await startApp(createKeyRing({ signing: (await generateKeyPair('ES256', { kid: 'k1' })).privateKey }), options);
  running.push(a);
  return `http://127.0.0.1:${a.port}`;
}

/** A proxy in front of `upstream` that drops the cookies whose name matches `drop` (a cookie allow-list gone wrong). */
async function droppingProxy(upstream: string, drop: RegExp): Promise<string> {
  const server = createServer((req, res) => {
    const cookie = String(req.headers.cookie ?? '').split('; ').filter((p) => !drop.test(p.slice(0, p.indexOf('=')))).join('; ');
    const out = httpRequest(new URL(req.url!, upstream), { method: req.method, headers: { ...req.headers, cookie } }, (up) => { res.writeHead(up.statusCode!, up.headers); up.pipe(res); });
    req.pipe(out);
  });
  running.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A proxy in front of `upstream` that rewrites the Set-Cookie lines of its answers. */
async function rewritingProxy(upstream: string, rewrite: (lines: string[]) => string[]): Promise<string> {
  const server = createServer((req, res) => {
    const out = httpRequest(new URL(req.url!, upstream), { method: req.method, headers: req.headers }, (up) => {
      const headers = { ...up.headers, 'set-cookie': rewrite(up.headers['set-cookie'] ?? []) };
      res.writeHead(up.statusCode!, headers);
      up.pipe(res);
    });
    req.pipe(out);
  });
  running.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const doctor = (url: string, extra: string[] = [], env: Record<string, string> = {}) => tessera(['doctor', '--json', '--url', url, '--requests', '1', '--max-header', '2048', ...extra], { env });
const all = (json: any, check: string) => json.findings.filter((f: any) => f.check === check);
const one = (json: any, check: string) => all(json, check)[0];

describe('tessera doctor: the clock from the diagnostic endpoint', () => {
  it('measures a skew under a second, which the Date header cannot show', async () => {
    const url = await app({ diagnostics: true, now: () => new Date(Date.now() + 700) });
    const { json } = await doctor(url);
    const clock = one(json, 'clock');
    expect(clock.status).toBe('ok');
    const m = /^server clock within (\d+)ms of this one \(±(\d+)ms, from the diagnostic endpoint\)$/.exec(clock.message);
    expect(m, clock.message).not.toBeNull();
    expect(Math.abs(Number(m![1]) - 700)).toBeLessThanOrEqual(Number(m![2]) + 5);
  });

  it('a server a minute ahead is a problem, named with the source of the reading', async () => {
    const url = await app({ diagnostics: true, now: () => new Date(Date.now() + 60_000) });
    const { code, json } = await doctor(url);
    expect(code).toBe(5);
    expect(one(json, 'clock').message).toMatch(/^the server clock is about 1m ahead of this machine's \(±\d+ms, from the diagnostic endpoint\), beyond the default clock tolerance of 5s$/);
  });

  it('falls back to the Date header when the endpoint is off', async () => {
    const url = await app({});
    const { json } = await doctor(url);
    expect(one(json, 'clock').message).toMatch(/^server clock within \S+ of this one \(±\S+, from the Date header, 1s resolution\)$/);
  });
});

describe('tessera doctor: the auth cookies as set', () => {
  it('lists each cookie\'s attributes when nothing is wrong (loopback http: not Secure, no prefix)', async () => {
    const url = await app({ diagnostics: true, transport: 'cookie' });
    const { code, json } = await doctor(url);
    expect(code).toBe(0);
    expect(all(json, 'cookie-attributes')).toEqual([{
      check: 'cookie-attributes', status: 'ok',
      message: 'the auth cookies are set as tessera-at: HttpOnly; SameSite=Lax; Path=/; Max-Age=600 | tessera-rt: HttpOnly; SameSite=Lax; Path=/auth; Max-Age=1209600 (read from the Set-Cookie lines of POST /auth/logout)',
    }]);
  });

  it('without the diagnostic endpoint: the attributes as received, from the logout answer alone', async () => {
    const url = await app({ transport: 'cookie' });
    const { json } = await doctor(url);
    expect(one(json, 'cookie-attributes')).toEqual({
      check: 'cookie-attributes', status: 'ok',
      message: 'the auth cookies are set as tessera-at: HttpOnly; SameSite=Lax; Path=/ | tessera-rt: HttpOnly; SameSite=Lax; Path=/auth (read from the Set-Cookie lines of POST /auth/logout)',
    });
    const bearer = await doctor(await app({}));
    expect(one(bearer.json, 'cookie-attributes').status).toBe('skipped');
    expect(one(bearer.json, 'cookie-attributes').message).toMatch(/the diagnostic endpoint is not enabled .*; and POST \/auth\/logout answered 200 without deleting any cookie \(the bearer transport, or something on the way strips Set-Cookie\)$/);
  });

  it('a proxy that strips Set-Cookie or rewrites its Path: named against what the server sets', async () => {
    const upstream = await app({ diagnostics: true, transport: 'cookie' });
    const stripped = await doctor(await rewritingProxy(upstream, (lines) => lines.filter((l) => !l.startsWith('tessera-at='))));
    expect(stripped.code).toBe(5);
    expect(one(stripped.json, 'cookie-attributes')).toMatchObject({ status: 'problem', message: 'the server sets tessera-at, and its Set-Cookie did not arrive: something on the way strips Set-Cookie headers' });
    const rewritten = await doctor(await rewritingProxy(upstream, (lines) => lines.map((l) => l.replace('Path=/auth', 'Path=/'))));
    const f = one(rewritten.json, 'cookie-attributes');
    expect(f.message).toBe('a proxy on the way rewrites the Set-Cookie of tessera-rt: the server sets HttpOnly; SameSite=Lax; Path=/auth, the browser receives HttpOnly; SameSite=Lax; Path=/');
    expect(f.hint).toContain('proxy_cookie_path');
  });

  it('a Domain that does not cover the host: browsers refuse the cookies', async () => {
    const url = await app({ diagnostics: true, transport: 'cookie', cookies: { domain: 'example.com' } });
    const { code, json } = await doctor(url);
    expect(code).toBe(5);
    const [first] = all(json, 'cookie-attributes');
    expect(first).toMatchObject({ status: 'problem', message: 'tessera-at is set with Domain=example.com, which does not cover 127.0.0.1: browsers refuse to store it' });
    expect(first.hint).toContain('set cookies.domain to 127.0.0.1 or a parent of it, or leave it out');
  });

  it('SameSite=None: a warning with the same-site fix (Secure is forced, so nothing is refused)', async () => {
    const url = await app({ diagnostics: true, transport: 'split', cookies: { sameSite: 'None' } });
    const { code, json } = await doctor(url);
    expect(code).toBe(0);
    const findings = all(json, 'cookie-attributes');
    expect(findings.map((f: any) => f.status)).toEqual(['warning', 'warning', 'warning']);
    expect(findings.filter((f: any) => f.message.includes('SameSite=None')).map((f: any) => f.message.split(' ')[0])).toEqual(['__Host-tessera-at', '__Host-tessera-as', '__Secure-tessera-rt']);
    expect(findings.filter((f: any) => f.message.includes('SameSite=None'))[0].hint).toContain('same site as the API');
    // The split transport's header.payload cookie is script-readable by design: not flagged.
    expect(findings.some((f: any) => f.message.includes('without HttpOnly'))).toBe(false);
  });

  it('the bearer transport sets none: skipped', async () => {
    const url = await app({ diagnostics: true });
    const { json } = await doctor(url);
    expect(one(json, 'cookie-attributes')).toMatchObject({ status: 'skipped', message: 'the server uses the bearer transport: it sets no auth cookies' });
  });
});

describe('tessera doctor --cookie: which session cookies arrive, and their sizes', () => {
  const session = `tessera-at=${'a'.repeat(700)}; tessera-rt=${'r'.repeat(52)}; theme=dark`;

  it('without --cookie: skipped, naming the cookies to look for', async () => {
    const url = await app({ diagnostics: true, transport: 'cookie' });
    const { json } = await doctor(url);
    expect(one(json, 'auth-cookies')).toMatchObject({ status: 'skipped', message: "no session cookies were given: pass --cookie env:NAME with a signed-in browser's Cookie header to see which of tessera-at, tessera-as, tessera-rt arrive and their sizes" });
  });

  it('the auth cookies that arrive, by name and size, never their values', async () => {
    const url = await app({ diagnostics: true, transport: 'cookie' });
    const { code, json, stdout } = await doctor(url, ['--cookie', 'env:SESSION'], { SESSION: `Cookie: ${session}` });
    expect(code).toBe(0);
    expect(one(json, 'auth-cookies')).toEqual({ check: 'auth-cookies', status: 'ok', message: 'the auth cookies arrive: tessera-at 711 bytes, tessera-rt 63 bytes (Cookie header 790 bytes)' });
    expect(stdout).not.toContain('a'.repeat(50));
  });

  it('a proxy that drops one of them: a problem naming it', async () => {
    const url = await droppingProxy(await app({ diagnostics: true, transport: 'cookie' }), /-rt$/);
    const { code, json } = await doctor(url, ['--cookie', 'env:SESSION'], { SESSION: session });
    expect(code).toBe(5);
    const f = one(json, 'auth-cookies');
    expect(f).toMatchObject({ status: 'problem', message: '1 of the 3 cookies sent did not reach the server: tessera-rt; arrived: tessera-at 711 bytes' });
    expect(f.hint).toContain('forward every cookie named in cookies.names');
  });

  it('a cookie over 4096 bytes, and a Cookie header without any auth cookie', async () => {
    const url = await app({ diagnostics: true, transport: 'cookie' });
    const big = await doctor(url, ['--cookie', 'env:SESSION', '--max-header', '1024'], { SESSION: `tessera-at=${'a'.repeat(4100)}` });
    expect(one(big.json, 'auth-cookies')).toMatchObject({ status: 'problem', message: 'tessera-at is 4111 bytes: browsers refuse to store a cookie over 4096 bytes' });
    const other = await doctor(url, ['--cookie', 'env:SESSION'], { SESSION: 'theme=dark' });
    expect(one(other.json, 'auth-cookies')).toMatchObject({ status: 'warning', message: 'the cookies given hold none of the auth cookies (tessera-at, tessera-as, tessera-rt)' });
  });

  it('refuses a Cookie header larger than the auth layer reads (usage, exit 2)', async () => {
    const url = await app({ diagnostics: true, transport: 'cookie' });
    const many = Array.from({ length: 200 }, (_, i) => `c${i}=1`).join('; ');
    const tooMany = await tessera(['doctor', '--json', '--url', url, '--cookie', 'env:SESSION'], { env: { SESSION: many } });
    expect(tooMany.code).toBe(2);
    expect(tooMany.json.error.message).toBe('--cookie: the Cookie header holds 200 cookies; with the probe cookie that is more than the 200 the auth layer reads of a request');
    const long = await tessera(['doctor', '--json', '--url', url, '--cookie', 'env:SESSION'], { env: { SESSION: `tessera-at=${'a'.repeat(32_001)}` } });
    expect(long.code).toBe(2);
    expect(long.json.error.message).toMatch(/^--cookie: the Cookie header must be one line of at most 32000 characters/);
  });

  it('takes the cookies from the environment only', async () => {
    const url = await app({ diagnostics: true, transport: 'cookie' });
    const literal = await tessera(['doctor', '--url', url, '--cookie', session]);
    expect(literal.code).toBe(2);
    expect(literal.stderr).toContain('--cookie takes env:NAME');
    expect(literal.stdout + literal.stderr).not.toContain('a'.repeat(50));
  });
});
