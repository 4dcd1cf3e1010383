import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, exportJwk, generateKeyPair, generateSecret, importJwk, jwksResponse, signJwt, type Jwk } from '@tessera/jwt-core';
import { negativeVectors, rfcVectors, type VerifyCase } from '@tessera/test-vectors';
import { JWS_ALGORITHMS } from '../../src/lib/algorithms.js';
import { tempDir, tessera, writeIn } from '../support/run.js';

const dir = tempDir();
const CLI_OPTIONS = ['algorithms', 'currentDate', 'issuer', 'audience'];

/** The vector's verification as a command line: keys in a file, options as flags. */
function argsFor(c: VerifyCase): string[] {
  const o = c.options as Record<string, any>;
  const keys = c.keyMode === 'single' ? c.keys.keys[0] : c.keys;
  const args = ['verify', '--json', '--key', writeIn(dir, `${c.id}.json`, keys), '--alg', o.algorithms.join(',')];
  if (o.currentDate !== undefined) args.push('--at', String(o.currentDate));
  for (const iss of [o.issuer ?? []].flat()) args.push('--iss', iss);
  for (const aud of [o.audience ?? []].flat()) args.push('--aud', aud);
  return [...args, c.token];
}

function keyImportFails(c: VerifyCase): boolean {
  try {
    for (const k of c.keyMode === 'single' ? c.keys.keys.slice(0, 1) : c.keys.keys) importJwk(k as Jwk);
    return false;
  } catch {
    return true;
  }
}

/** Cases whose options the CLI has flags for (the rest test the library's options API). */
const expressible = (c: VerifyCase): boolean => c.kind === 'jwt'
  && Object.keys(c.options).every((k) => CLI_OPTIONS.includes(k))
  && Array.isArray((c.options as any).algorithms) && (c.options as any).algorithms.length > 0
  && (c.options as any).algorithms.every((a: string) => (JWS_ALGORITHMS as readonly string[]).includes(a));

describe('tessera verify: the RFC and negative vectors', () => {
  const cases = [...rfcVectors(), ...negativeVectors()].filter(expressible);

  it('covers most of the vectors', () => expect(cases.length).toBeGreaterThan(100));

  for (const c of cases) {
    it(`${c.id}: ${c.expect.ok ? 'exit 0 with the claims' : `the library's ${c.expect.code}`}`, async () => {
      const { code, json, stdout, stderr } = await tessera(argsFor(c));
      if (c.expect.ok) {
        expect(code).toBe(0);
        expect(json).toMatchObject({ ok: true, verified: true });
        if (c.expect.payload !== undefined) expect(json.claims).toEqual(c.expect.payload);
      } else {
        // A key the library refuses to import is an unusable input (3), as is an empty token,
        // which the CLI refuses before the library sees it; a refused token is 1.
        if (c.token === '') {
          expect(code).toBe(3);
          expect(json.error.code).toBe('ERR_CLI_INPUT');
          return;
        }
        expect(code).toBe(keyImportFails(c) ? 3 : 1);
        expect(json.ok).toBe(false);
        expect(json.error.code).toBe(c.expect.code);
        if (c.expect.claim !== undefined) expect(json.error.claim).toBe(c.expect.claim);
        expect(typeof json.error.hint).toBe('string');
      }
      for (const k of c.keys.keys) if (typeof k.k === 'string' && k.k.length > 8) expect(stdout + stderr).not.toContain(k.k);
    });
  }
});

describe('tessera verify: keys', () => {
  const iss = 'https://auth.example.com';

  it('a PEM public key; without --alg the key decides the algorithms, never the token', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { kid: 'k1' });
    const token = await signJwt({ sub: 'u1' }, privateKey, { alg: 'ES256', expiresIn: '5m', issuer: iss, audience: 'api' });
    const { createPublicKey } = await import('node:crypto');
    const pem = createPublicKey({ key: exportJwk(publicKey) as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
    const file = writeIn(dir, 'es256.pem', pem);
    const ok = await tessera(['verify', '--json', '--key', file, '--iss', iss, '--aud', 'api', token]);
    expect(ok).toMatchObject({ code: 0, json: { ok: true, claims: { sub: 'u1' }, algorithms: ['ES256'], checked: ['signature', 'alg', 'exp', 'nbf', 'iat', 'iss', 'aud'] } });
    const text = await tessera(['verify', '--key', file, token]);
    expect(text.stdout).toMatch(/^Verified: ES256 signature/);
    expect(text.stdout).toContain('Not checked: iss, aud');
    const wrongAud = await tessera(['verify', '--key', file, '--aud', 'billing', token]);
    expect(wrongAud.code).toBe(1);
    expect(wrongAud.stderr).toMatch(/^ERR_JWT_CLAIM_VALIDATION_FAILED: aud /);
    expect(wrongAud.stderr).toContain('  hint: ');
  });

  it('--secret env:NAME reads the secret from the environment and never prints it', async () => {
    const secret = 'correct-horse-battery-staple-0123456789';
    const { importSecret } = await import('@tessera/jwt-core');
    const token = await signJwt({ sub: 'u2' }, importSecret(secret, { alg: 'HS256' }), { alg: 'HS256', expiresIn: '5m' });
    const ok = await tessera(['verify', '--json', '--secret', 'env:JWT_SECRET', token], { env: { JWT_SECRET: secret } });
    expect(ok).toMatchObject({ code: 0, json: { claims: { sub: 'u2' }, algorithms: ['HS256'] } });
    const wrong = await tessera(['verify', '--secret', 'env:JWT_SECRET', token], { env: { JWT_SECRET: `${secret}-other` } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    for (const r of [ok, wrong]) expect(r.stdout + r.stderr).not.toContain(secret);
    const unset = await tessera(['verify', '--secret', 'env:NOPE', token]);
    expect(unset).toMatchObject({ code: 3 });
    expect(unset.stderr).toContain('NOPE is not set');
  });

  it('refuses a secret written on the command line, without repeating it', async () => {
    const literal = 'hunter2-but-much-longer-than-32-bytes!!';
    for (const argv of [['--secret', literal], [`--secret=${literal}`]]) {
      const r = await tessera(['verify', ...argv, 'a.b.c']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^ERR_CLI_USAGE: --secret takes env:NAME/);
      expect(r.stdout + r.stderr).not.toContain(literal);
    }
    const json = await tessera(['verify', '--json', '--secret', literal, 'a.b.c']);
    expect(json.json).toMatchObject({ ok: false, error: { code: 'ERR_CLI_USAGE' } });
    expect(json.stdout).not.toContain(literal);
  });

  it('needs exactly one source of keys', async () => {
    expect((await tessera(['verify', 'a.b.c'])).code).toBe(2);
    expect((await tessera(['verify', '--key', 'x', '--jwks', 'https://x.example/jwks', 'a.b.c'])).code).toBe(2);
  });

  it('an unreadable key file is exit 3 naming the file', async () => {
    const r = await tessera(['verify', '--key', `${dir}/missing.pem`, 'a.b.c']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('missing.pem (ENOENT)');
  });
});

describe('tessera verify --jwks', () => {
  let server: Server;
  let base: string;
  let token: string;
  let up = true;

  beforeAll(async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { kid: 'ed-1' });
    const ring = createKeyRing({ signing: privateKey, verifyOnly: [generateSecret('HS256')] });
    token = await signJwt({ sub: 'u3' }, ring.signingKey, { alg: 'EdDSA', expiresIn: '5m' });
    server = createServer((req, res) => {
      if (!up) { res.destroy(); return; }
      void jwksResponse(ring).text().then((body) => res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('verifies with the keys a running service publishes (http allowed to loopback)', async () => {
    const r = await tessera(['verify', '--json', '--jwks', `${base}/.well-known/jwks.json`, token]);
    expect(r).toMatchObject({ code: 0, json: { claims: { sub: 'u3' }, key: { kid: 'ed-1', source: 'jwks' } } });
  });

  it('refuses plain http to another host (exit 2), and says when the endpoint is down (exit 4)', async () => {
    const http = await tessera(['verify', '--jwks', 'http://keys.example.com/jwks.json', token]);
    expect(http.code).toBe(2);
    expect(http.stderr).toContain('plain HTTP');
    up = false;
    const down = await tessera(['verify', '--json', '--jwks', `${base}/jwks`, token]);
    up = true;
    expect(down.code).toBe(4);
    expect(down.json.error.code).toMatch(/^ERR_JWKS_/);
  });
});
