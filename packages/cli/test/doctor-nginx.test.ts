/**
 * `tessera doctor` through a real nginx (Debian's, started here on 127.0.0.1 with generated
 * configurations) in front of instances of the auth layer: a proxy that caps header size, and one
 * that balances between two instances holding different signing keys. In each, doctor names the
 * problem and the fix and exits 5; a proxy configured right gives exit 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyRing, generateKeyPair } from '@tessera/jwt-core';
import { startApp, type App } from './support/auth-app.js';
import { startNginx, type Nginx } from './support/nginx.js';
import { tessera } from './support/run.js';

const running: (App | Nginx)[] = [];
afterEach(async () => { for (const r of running.splice(0).reverse()) await (('stop' in r) ? r.stop() : r.close()); });

async function app(kid: string): Promise<App> {
  const a = await startApp(createKeyRing({ signing: (await generateKeyPair('ES256', { kid })).privateKey }));
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
});
