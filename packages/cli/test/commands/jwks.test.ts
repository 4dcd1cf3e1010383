import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyRing, createKeySet, exportJwk, generateKeyPair, generateSecret, jwksResponse, thumbprint } from '@tessera/jwt-core';
import { createAuth, createMemoryStore } from '@tessera/jwt-core/server';
import { tempDir, tessera, writeIn } from '../support/run.js';

const dir = tempDir();

describe('tessera jwks', () => {
  it('is the document the auth layer serves at /.well-known/jwks.json for the same ring', async () => {
    const current = await generateKeyPair('ES256', { extractable: true });
    const previous = await generateKeyPair('RS256', { extractable: true });
    const secret = generateSecret('HS256', { extractable: true });
    const files = [
      writeIn(dir, 'current.jwk', exportJwk(current.privateKey, { private: true })),
      writeIn(dir, 'previous.jwk', exportJwk(previous.publicKey)),
      writeIn(dir, 'secret.jwk', exportJwk(secret, { private: true })),
    ];
    const { code, stdout, stderr } = await tessera(['jwks', ...files]);
    expect(code).toBe(0);

    // The service's ring: the secret file is not part of what it publishes, whatever else it does.
    const ring = createKeyRing({ signing: current.privateKey, verifyOnly: [previous.publicKey] });
    const auth = createAuth({
      keys: ring, issuer: 'https://app.example.com', audience: 'api', transport: 'bearer', store: createMemoryStore(),
      authenticate: () => null, loadUser: () => null, claims: () => ({ sub: 'never' }),
    });
    const served = await (await auth.handle(new Request('https://app.example.com/.well-known/jwks.json')))!.text();
    expect(JSON.parse(stdout)).toEqual(JSON.parse(served));
    expect(stdout).not.toMatch(/"(d|p|q|dp|dq|qi|k)":/);
    expect(stderr).toContain('skipped');
    expect(stderr).toContain('a shared secret (HS256) is never published');
    expect(stderr).toContain('Cache-Control: public, max-age=300');
  });

  it('--json: the document, the keys with their files, and what was skipped', async () => {
    const a = await generateKeyPair('EdDSA', { kid: 'ed' });
    const file = writeIn(dir, 'ed.jwk', exportJwk(a.publicKey));
    const { code, json } = await tessera(['jwks', '--json', file, file]);
    expect(code).toBe(0);
    expect(json.jwks).toEqual(createKeySet([a.publicKey]).jwks());
    expect(json.keys).toEqual([{ kid: 'ed', alg: 'EdDSA', kty: 'OKP', file }]); // the same key twice is published once
    expect(json.cacheControl).toBe(jwksResponse(createKeySet([a.publicKey])).headers.get('cache-control'));
  });

  it('PEM files: --alg names their algorithm; keys without kid get their thumbprint', async () => {
    const { createPublicKey } = await import('node:crypto');
    const pair = await generateKeyPair('PS256');
    const pem = createPublicKey({ key: exportJwk(pair.publicKey) as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
    const file = writeIn(dir, 'ps.pem', pem);
    const { json } = await tessera(['jwks', '--json', '--alg', 'PS256', file]);
    expect(json.jwks.keys).toHaveLength(1);
    expect(json.jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'PS256', use: 'sig' });
    expect(json.jwks.keys[0].kid).toBe(thumbprint(exportJwk(pair.publicKey)));
  });

  it('refuses: only secrets (exit 3), two keys with one kid (exit 3), no files (exit 2)', async () => {
    const only = await tessera(['jwks', writeIn(dir, 's.jwk', exportJwk(generateSecret('HS384', { extractable: true }), { private: true }))]);
    expect(only.code).toBe(3);
    expect(only.stderr).toContain('no public key to publish');
    const a = await generateKeyPair('ES256', { kid: 'same' });
    const b = await generateKeyPair('ES256', { kid: 'same' });
    const clash = await tessera(['jwks', writeIn(dir, 'a.jwk', exportJwk(a.publicKey)), writeIn(dir, 'b.jwk', exportJwk(b.publicKey))]);
    expect(clash.code).toBe(3);
    expect(clash.stderr).toContain('two different keys have the kid same');
    expect((await tessera(['jwks'])).code).toBe(2);
    expect((await tessera(['jwks', join(dir, 'nope.pem')])).code).toBe(3);
  });
});
