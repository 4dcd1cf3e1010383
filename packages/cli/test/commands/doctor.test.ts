/**
 * `tessera doctor` against real HTTP servers on 127.0.0.1, each made to show one production
 * failure: instances with different keys, a small header limit, a skewed clock, a JWKS that may
 * not be cached, no CORS for a front end. Each is named with its fix and ends with exit 5.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyRing, generateKeyPair, jwksResponse } from '@tessera/jwt-core';
import { startApp } from '../support/auth-app.js';
import { tessera } from '../support/run.js';

const servers: Server[] = [];
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r)))); });

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, options: { maxHeaderSize?: number } = {}): Promise<string> {
  const server = createServer(options, handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function ring(kid: string) {
  return createKeyRing({ signing: (await generateKeyPair('ES256', { kid })).privateKey });
}

/** Answers the JWKS as the auth layer does (the core's jwksResponse), with optional changes. */
function jwksHandler(pick: () => ReturnType<typeof createKeyRing>, headers: Record<string, string> = {}) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== '/.well-known/jwks.json') { res.writeHead(404).end(); return; }
    const response = jwksResponse(pick());
    void response.text().then((body) => {
      res.writeHead(200, { ...Object.fromEntries(response.headers), ...headers }).end(body);
    });
  };
}

const checks = (json: any) => Object.fromEntries(json.findings.map((f: any) => [f.check, f]));

describe('tessera doctor', () => {
  it('a healthy deployment: every check ok or skipped, exit 0', async () => {
    const r = await ring('k1');
    const url = await serve(jwksHandler(() => r));
    const { code, json } = await tessera(['doctor', '--json', '--url', url, '--requests', '3']);
    expect(code).toBe(0);
    expect(json.ok).toBe(true);
    const c = checks(json);
    expect(c.clock.status).toBe('ok');
    expect(c.jwks).toMatchObject({ status: 'ok', message: '/.well-known/jwks.json publishes 1 key: k1' });
    expect(c['jwks-cache'].status).toBe('ok');
    expect(c['instance-keys'].status).toBe('ok');
    // Node's default limit is 16 KB for all headers: 8 KB gets through, 16 KB does not.
    expect(c['header-size']).toMatchObject({ status: 'ok', message: 'a request header of 16384 bytes is refused (status 431); 8192 bytes get through' });
    expect(c.cors.status).toBe('skipped');
    // Without the auth layer's diagnostic endpoint, the checks that need it are skipped, saying why.
    for (const check of ['authorization-arrives', 'cookies-arrive', 'https-view']) {
      expect(c[check]).toMatchObject({ status: 'skipped', message: '/auth/diagnostics answered 404 without a diagnostic report: the diagnostic endpoint is not enabled (createAuth\'s diagnostics option)' });
    }
  });

  it('instances behind one address with different keys', async () => {
    const rings = [await ring('instance-a'), await ring('instance-b')];
    let n = 0;
    const url = await serve(jwksHandler(() => rings[n++ % 2]!));
    const { code, json, } = await tessera(['doctor', '--json', '--url', url, '--requests', '4']);
    expect(code).toBe(5);
    expect(checks(json)['instance-keys']).toMatchObject({
      status: 'problem', message: '4 requests on new connections saw 2 different key sets: [instance-a] 2×; [instance-b] 2×',
    });
    expect(checks(json)['instance-keys'].hint).toContain('give every instance the same key ring');
    const text = await tessera(['doctor', '--url', url, '--requests', '2']);
    expect(text.stdout).toContain('problem instance-keys: ');
    expect(text.stdout).toMatch(/\n {8}fix: the instances behind this address hold different keys/);
    expect(text.stdout).toMatch(/: 1 problem found\n$/);
  });

  it('a server that caps headers below what a session needs', async () => {
    const r = await ring('k1');
    const url = await serve(jwksHandler(() => r), { maxHeaderSize: 4096 });
    const { code, json } = await tessera(['doctor', '--json', '--url', url, '--requests', '1']);
    expect(code).toBe(5);
    const h = checks(json)['header-size'];
    expect(h).toMatchObject({ status: 'problem', message: 'a request header of 4096 bytes is refused (status 431); 2048 bytes get through' });
    expect(h.hint).toContain('large_client_header_buffers');
  });

  it('a server clock a minute ahead', async () => {
    const r = await ring('k1');
    const url = await serve(jwksHandler(() => r, { date: new Date(Date.now() + 60_000).toUTCString() }));
    const { code, json } = await tessera(['doctor', '--json', '--url', url, '--requests', '1']);
    expect(code).toBe(5);
    expect(checks(json).clock.message).toMatch(/^the server clock is about 1m ahead of this machine's/);
    expect(checks(json).clock.hint).toContain('NTP');
  });

  it('a JWKS that may not be cached is a warning, not a failure', async () => {
    const r = await ring('k1');
    const url = await serve(jwksHandler(() => r, { 'cache-control': 'no-store' }));
    const { code, json } = await tessera(['doctor', '--json', '--url', url, '--requests', '1']);
    expect(code).toBe(0);
    expect(checks(json)['jwks-cache']).toMatchObject({ status: 'warning', message: 'the JWKS is served with Cache-Control: no-store' });
  });

  it('the CORS preflight for a front end on another origin', async () => {
    const r = await ring('k1');
    const plain = await serve(jwksHandler(() => r));
    const refused = await tessera(['doctor', '--json', '--url', plain, '--requests', '1', '--origin', 'https://app.example.com']);
    expect(refused.code).toBe(5);
    expect(checks(refused.json).cors.message).toContain('a browser on that origin cannot call the auth routes with cookies');
    const withCors = await serve((req, res) => {
      if (req.method === 'OPTIONS' && req.url === '/auth/refresh') {
        res.writeHead(204, { 'access-control-allow-origin': String(req.headers.origin), 'access-control-allow-credentials': 'true' }).end();
        return;
      }
      jwksHandler(() => r)(req, res);
    });
    const allowed = await tessera(['doctor', '--json', '--url', withCors, '--requests', '1', '--origin', 'https://app.example.com']);
    expect(allowed.code).toBe(0);
    expect(checks(allowed.json).cors.status).toBe('ok');
  });

  it('no JWKS at the path is a problem; an unreachable deployment is exit 4; --url is required', async () => {
    const url = await serve((_req, res) => { res.writeHead(404).end(); });
    const missing = await tessera(['doctor', '--json', '--url', url, '--requests', '1']);
    expect(missing.code).toBe(5);
    expect(checks(missing.json).jwks.message).toBe('/.well-known/jwks.json answered 404 without a JWKS document');
    const closed = await serve(() => undefined);
    const server = servers.pop()!;
    await new Promise((res) => server.close(res));
    const down = await tessera(['doctor', '--json', '--url', closed]);
    expect(down.code).toBe(4);
    expect(down.json.error.code).toBe('ERR_CLI_UNREACHABLE');
    expect((await tessera(['doctor'])).code).toBe(2);
  });

  it('through the diagnostic endpoint: Authorization, cookies and the scheme as the server sees them', async () => {
    const app = await startApp(await ring('k1'), { diagnostics: true });
    const url = `http://127.0.0.1:${app.port}`;
    const { code, json } = await tessera(['doctor', '--json', '--url', url, '--requests', '1']);
    await app.close();
    expect(code).toBe(0);
    const c = checks(json);
    expect(c['authorization-arrives']).toMatchObject({ status: 'ok', message: 'the Authorization header sent reached the server' });
    expect(c['cookies-arrive']).toMatchObject({ status: 'ok' });
    expect(c['https-view']).toMatchObject({ status: 'ok', message: `the server sees the request as http (${url})` });
  });

  it('the endpoint with a shared secret: taken from the environment, never from the command line', async () => {
    const secret = 'doctor-secret-0123456789-abcdefghij';
    const app = await startApp(await ring('k1'), { diagnostics: { secret } });
    const url = `http://127.0.0.1:${app.port}`;
    try {
      const withSecret = await tessera(['doctor', '--json', '--url', url, '--requests', '1', '--diagnostics-secret', 'env:DIAG'], { env: { DIAG: secret } });
      expect(checks(withSecret.json)['authorization-arrives'].status).toBe('ok');
      expect(withSecret.stdout).not.toContain(secret);
      const without = await tessera(['doctor', '--json', '--url', url, '--requests', '1']);
      expect(checks(without.json)['authorization-arrives']).toMatchObject({ status: 'skipped', message: '/auth/diagnostics refused the probe (403): it needs the shared secret (--diagnostics-secret env:NAME)' });
      const literal = await tessera(['doctor', '--url', url, '--diagnostics-secret', secret]);
      expect(literal.code).toBe(2);
      expect(literal.stdout + literal.stderr).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
