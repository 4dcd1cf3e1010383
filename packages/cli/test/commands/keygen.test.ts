import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importJwk, importPem, signJwt, thumbprint, verifyJwt } from '@tessera/jwt-core';
import { tempDir, tessera, writeIn } from '../support/run.js';

const dir = tempDir();
const mode = (path: string) => statSync(path).mode & 0o777;

describe('tessera keygen', () => {
  for (const alg of ['ES256', 'EdDSA', 'RS256', 'PS384', 'ES512']) {
    it(`${alg}: the private JWK in a 0600 file, the public JWK printed, and they work together`, async () => {
      const out = join(dir, `${alg}.jwk`);
      const { code, json, stdout } = await tessera(['keygen', '--json', '--alg', alg, '--out', out]);
      expect(code).toBe(0);
      expect(mode(out)).toBe(0o600);
      const privateJwk = JSON.parse(readFileSync(out, 'utf8'));
      expect(privateJwk.d).toBeTypeOf('string');
      expect(json).toMatchObject({ ok: true, alg, format: 'jwk', out, kid: privateJwk.kid });
      expect(json.public.d).toBeUndefined();
      expect(json.private).toBeUndefined();
      expect(stdout).not.toContain(privateJwk.d);
      // The default kid is the public key's RFC 7638 thumbprint, as a key ring would give it.
      expect(json.kid).toBe(thumbprint(json.public));
      const token = await signJwt({ sub: 'k' }, importJwk(privateJwk), { alg: alg as 'ES256', expiresIn: '1m' });
      const { header } = await verifyJwt(token, importJwk(json.public), { algorithms: [alg as 'ES256'] });
      expect(header.kid).toBe(json.kid);
    });
  }

  it('PEM: PKCS#8 private key (0600) and SPKI public key, read by the library', async () => {
    const out = join(dir, 'es384.pem');
    const { code, stdout } = await tessera(['keygen', '--alg', 'ES384', '--kid', 'pem-1', '--format', 'pem', '--out', out]);
    expect(code).toBe(0);
    expect(mode(out)).toBe(0o600);
    const privatePem = readFileSync(out, 'utf8');
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(stdout).not.toContain('PRIVATE KEY');
    expect(stdout).toContain('TESSERA_SIGNING_KID=pem-1 TESSERA_ALG=ES384');
    const publicPem = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/.exec(stdout)![0];
    const token = await signJwt({ sub: 'p' }, importPem(privatePem, { alg: 'ES384' }), { alg: 'ES384', expiresIn: '1m' });
    await verifyJwt(token, importPem(publicPem, { alg: 'ES384' }), { algorithms: ['ES384'] });
  });

  it('HS256: a secret with no public part, never printed', async () => {
    const out = join(dir, 'hs256.jwk');
    const { code, stdout, json } = await tessera(['keygen', '--json', '--alg', 'HS256', '--out', out]);
    expect(code).toBe(0);
    expect(mode(out)).toBe(0o600);
    const secret = JSON.parse(readFileSync(out, 'utf8'));
    expect(Buffer.from(secret.k, 'base64url')).toHaveLength(32);
    expect(json.public).toBeNull();
    expect(stdout).not.toContain(secret.k);
    expect((await tessera(['keygen', '--alg', 'HS256', '--format', 'pem', '--out', join(dir, 'x.pem')])).code).toBe(2);
  });

  it('keeps an existing file unless --force, which replaces it with mode 0600', async () => {
    const out = writeIn(dir, 'existing.jwk', 'do not lose me');
    const kept = await tessera(['keygen', '--json', '--alg', 'ES256', '--out', out]);
    expect(kept).toMatchObject({ code: 3, json: { error: { code: 'ERR_CLI_OUTPUT_EXISTS' } } });
    expect(readFileSync(out, 'utf8')).toBe('do not lose me');
    writeFileSync(out, 'old', { mode: 0o644 });
    const forced = await tessera(['keygen', '--alg', 'ES256', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).kty).toBe('EC');
    expect(mode(out)).toBe(0o600);
  });

  it('prints the private key only when asked, with a warning', async () => {
    expect(await tessera(['keygen', '--alg', 'ES256'])).toMatchObject({ code: 2 });
    const { code, stdout, stderr } = await tessera(['keygen', '--alg', 'ES256', '--print-private']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Private key:\n\{[\s\S]*"d": "/);
    expect(stderr).toContain('Printing the private key');
  });

  it('usage errors: no --alg, an unknown alg, an unknown format, an unknown option', async () => {
    for (const argv of [[], ['--alg', 'XS256'], ['--alg', 'ES256', '--format', 'der', '--print-private'], ['--alg', 'ES256', '--bits', '4096']]) {
      const r = await tessera(['keygen', ...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^ERR_CLI_USAGE: /);
    }
  });
});
