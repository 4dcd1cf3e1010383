/**
 * `tessera doctor` through a real nginx (Debian's, started here on 127.0.0.1 with generated
 * configurations) in front of instances of the auth layer: a proxy that caps header size, and one
 * that balances between two instances holding different signing keys. In each, doctor names the
 * problem and the fix and exits 5; a proxy configured right gives exit 0.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyRing, generateKeyPair } from '@tessera/jwt-core';
import { startApp, type App } from './support/auth-app.js';
import { startNginx, type Nginx } from './support/nginx.js';
import { tessera } from './support/run.js';

const running: (App | Nginx)[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await (('stop' in r) ? r.stop() : r.close());
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function app(kid: string, options: Parameters<typeof startApp>[1] = {}): Promise<App> {
  const a = await startApp(createKeyRing({ signing: (await generateKeyPair('ES256', { kid })).privateKey }), options);
  running.push(a);
  return a;
}

async function nginx(http: string): Promise<Nginx> {
  const n = await startNginx(http);
  running.push(n);
  return n;
}

const proxy = (upstream: string, extra = '') => `
  upstream app { ${upstream} }
  server {
    listen 127.0.0.1:{port};
    ${extra}
    location / { proxy_pass http://app; proxy_set_header Host $host; }
  }`;

/** A self-signed certificate for 127.0.0.1 (openssl), in a new directory. */
function certificate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-tls-'));
  dirs.push(dir);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  return dir;
}

const findings = (json: any) => Object.fromEntries(json.findings.map((f: any) => [f.check, f]));

describe('tessera doctor behind nginx', () => {
  it('a proxy configured right: no problem, exit 0', async () => {
    const a = await app('k1');
    const n = await nginx(proxy(`server 127.0.0.1:${a.port};`, 'large_client_header_buffers 4 16k;'));
    const { code, json } = await tessera(['doctor', '--json', '--url', n.url, '--requests', '4']);
    expect(json.findings.filter((f: any) => f.status === 'problem')).toEqual([]);
    expect(code).toBe(0);
    expect(findings(json)['header-size'].message).toMatch(/8192 bytes get through$/);
  });

  it('a proxy that caps header size: the largest header that gets through, and the fix', async () => {
    const a = await app('k1');
    const n = await nginx(proxy(`server 127.0.0.1:${a.port};`, 'large_client_header_buffers 4 2k;'));
    const { code, json } = await tessera(['doctor', '--json', '--url', n.url, '--requests', '1']);
    expect(code).toBe(5);
    const h = findings(json)['header-size'];
    expect(h).toMatchObject({ status: 'problem', message: 'a request header of 2048 bytes is refused (status 400); 1024 bytes get through' });
    expect(h.hint).toContain('nginx: large_client_header_buffers');
  });

  it('two instances with different signing keys behind one upstream', async () => {
    const a = await app('instance-a');
    const b = await app('instance-b');
    const n = await nginx(proxy(`server 127.0.0.1:${a.port}; server 127.0.0.1:${b.port};`, 'large_client_header_buffers 4 16k;'));
    const { code, json, } = await tessera(['doctor', '--json', '--url', n.url, '--requests', '6']);
    expect(code).toBe(5);
    const keys = findings(json)['instance-keys'];
    expect(keys.status).toBe('problem');
    expect(keys.message).toMatch(/^6 requests on new connections saw 2 different key sets: /);
    expect(keys.message).toContain('[instance-a] 3×');
    expect(keys.message).toContain('[instance-b] 3×');
    expect(keys.hint).toContain('give every instance the same key ring');
  });

  it('a proxy that strips Authorization: named through the diagnostic endpoint', async () => {
    const a = await app('k1', { diagnostics: true });
    const n = await nginx(proxy(`server 127.0.0.1:${a.port};`, 'large_client_header_buffers 4 16k;').replace('proxy_set_header Host $host;', 'proxy_set_header Host $host; proxy_set_header Authorization "";'));
    const { code, json } = await tessera(['doctor', '--json', '--url', n.url, '--requests', '1']);
    expect(code).toBe(5);
    const f = findings(json)['authorization-arrives'];
    expect(f).toMatchObject({ status: 'problem', message: 'an Authorization header was sent and the server did not receive it: a proxy, CDN or gateway on the way strips it' });
    expect(f.hint).toContain('tokenSources: { header }');
    expect(findings(json)['cookies-arrive'].status).toBe('ok');
  });

  it('a proxy that rewrites the cookies\' Path (proxy_cookie_path): named against what the server sets', async () => {
    const a = await app('k1', { diagnostics: true, transport: 'cookie' });
    const n = await nginx(proxy(`server 127.0.0.1:${a.port};`, 'large_client_header_buffers 4 16k;').replace('proxy_set_header Host $host;', 'proxy_set_header Host $http_host; proxy_cookie_path /auth /;'));
    const { code, json } = await tessera(['doctor', '--json', '--url', n.url, '--requests', '1']);
    expect(code).toBe(5);
    const f = findings(json)['cookie-attributes'];
    expect(f.message).toBe('a proxy on the way rewrites the Set-Cookie of tessera-rt: the server sets HttpOnly; SameSite=Lax; Path=/auth, the browser receives HttpOnly; SameSite=Lax; Path=/');
    expect(f.hint).toContain('proxy_cookie_path');
  });

  describe('TLS ending at nginx (a self-signed certificate), X-Forwarded-Proto sent to the app', () => {
    const tls = (port: number, dir: string) => proxy(`server 127.0.0.1:${port};`, `listen 127.0.0.1:{port} ssl; ssl_certificate ${dir}/cert.pem; ssl_certificate_key ${dir}/key.pem; large_client_header_buffers 4 16k;`)
      .replace('listen 127.0.0.1:{port};', '')
      .replace('proxy_set_header Host $host;', 'proxy_set_header Host $http_host; proxy_set_header X-Forwarded-Proto $scheme;');

    it('an app that does not trust the proxy sees http: the fix is trustProxy', async () => {
      const dir = certificate();
      const a = await app('k1', { diagnostics: true, trustProxy: false, transport: 'cookie' });
      const n = await nginx(tls(a.port, dir));
      const url = n.url.replace('http:', 'https:');
      const { code, json } = await tessera(['doctor', '--json', '--url', url, '--requests', '1', '--ca', `${dir}/cert.pem`]);
      expect(code).toBe(5);
      const f = findings(json)['https-view'];
      expect(f.status).toBe('problem');
      expect(f.message).toBe(`the request was made over https, and the server sees it as http (${n.url})`);
      expect(f.hint).toContain('set trustProxy in the adapter');
      // Seeing loopback http, the auth layer sets its cookies without Secure: named as set, with the fix.
      const cookies = json.findings.filter((x: any) => x.check === 'cookie-attributes');
      expect(cookies.map((x: any) => x.message)).toEqual(['tessera-at', 'tessera-rt'].map((name) => `${name} is set without Secure on an https deployment: browsers would also send it over plain http, where anyone on the path reads the session`));
      expect(cookies[0].hint).toContain('set trustProxy');
    });

    it('an app that trusts it sees https', async () => {
      const dir = certificate();
      const a = await app('k1', { diagnostics: true, trustProxy: true, transport: 'cookie' });
      const n = await nginx(tls(a.port, dir));
      const url = n.url.replace('http:', 'https:');
      const { code, json } = await tessera(['doctor', '--json', '--url', url, '--requests', '1', '--ca', `${dir}/cert.pem`]);
      expect(findings(json)['https-view']).toMatchObject({ status: 'ok', message: `the server sees the request as https (${url})` });
      expect(findings(json)['cookie-attributes']).toMatchObject({ status: 'ok', message: 'the auth cookies are set as __Host-tessera-at: Secure; HttpOnly; SameSite=Lax; Path=/; Max-Age=600 | __Secure-tessera-rt: Secure; HttpOnly; SameSite=Lax; Path=/auth; Max-Age=1209600 (read from the Set-Cookie lines of POST /auth/logout)' });
      expect(code).toBe(0);
    });
  });
});
