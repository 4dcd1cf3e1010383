/**
 * The key features inside an isolated EdgeVM (where Next.js middleware runs): the built core,
 * bundled, with no process, Buffer, require or file system. loadKeyRing works from an env object
 * and applies production rules when there is no environment at all; the remote key set fetches
 * from a real server on 127.0.0.1 with the VM's fetch; jwksResponse builds its Response.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EdgeVM } from '@edge-runtime/vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForEdge } from '../../scripts/bundle-edge.mjs';
import { importJwk } from '../../src/jwk/import.js';
import { signJwt } from '../../src/jwt/sign.js';
import { ecKey, startJwksServer, type JwksServer } from '../jwks/remote-helpers.js';

let vm: EdgeVM;
let server: JwksServer;

async function call<T>(fn: string, ...args: string[]): Promise<T> {
  const names = args.map((a, i) => {
    (vm.context as Record<string, unknown>)[`__keysArg${i}`] = a;
    return `__keysArg${i}`;
  });
  return JSON.parse(await vm.evaluate<Promise<string>>(`__tesseraKeys.${fn}(${names.join(', ')})`)) as T;
}

beforeAll(async () => {
  const bundle = await bundleForEdge(join(dirname(fileURLToPath(import.meta.url)), 'edge-entry.js'));
  vm = new EdgeVM();
  vm.evaluate(bundle.code);
  server = await startJwksServer();
}, 180_000);
afterAll(async () => { await server?.close(); });

describe('keys in the EdgeVM', () => {
  it('the realm has no process', () => {
    expect(vm.evaluate<string>('typeof process')).toBe('undefined');
  });

  it('loadKeyRing: env object works, no environment means production rules, no file system for *_FILE', async () => {
    const out = await call<Record<string, any>>('loadKeys', btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))));
    expect(out.roundTrip).toBe('edge');
    expect(out.noEnv.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(out.noEnv.message).toMatch(/NODE_ENV=production: a key generated in memory is refused/);
    expect(out.devKid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(out.warnings).toBe(1);
    expect(out.file).toEqual({ code: 'ERR_JOSE_INVALID_OPTION', message: 'cannot read /run/secrets/jwt: this runtime has no file system' });
  });

  it('createRemoteKeySet fetches from a real server with the VM fetch', async () => {
    const k1 = ecKey('k1');
    const k2 = ecKey('k2');
    server.serve([k1.publicJwk, k2.publicJwk]);
    const token = await signJwt({ sub: 'from-idp' }, importJwk(k2.privateJwk), { alg: 'ES256' });
    const out = await call<Record<string, any>>('remote', server.url, token);
    expect(out.verified).toBe('from-idp');
    expect(out.kids).toEqual(['k1', 'k2']);
    expect(out.unknown.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(out.unknown.message).toMatch(/'nope'.*known kids: k1, k2/);
    expect(out.http.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(server.count()).toBe(1);
  });

  it('jwksResponse builds its Response', async () => {
    const out = await call<Record<string, any>>('publish');
    expect(out.status).toBe(200);
    expect(out.cacheControl).toBe('public, max-age=300, stale-while-revalidate=60, stale-if-error=86400');
    expect(out.body.keys[0].kid).toBe(out.kid);
    expect(out.body.keys[0].d).toBeUndefined();
  });
});
