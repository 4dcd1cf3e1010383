/**
 * loadKeyRing: keys from environment variables and files in the usual forms, start-up failures
 * that name the variable (never the value), and the production/development rules for a missing key.
 */
import { randomBytes } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { importSecret } from '../../src/jwk/import-secret.js';
import type { Jwk } from '../../src/lib/types.js';
import { thumbprint } from '../../src/jwk/thumbprint.js';
import { loadKeyRing } from '../../src/keys/config.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { rejection } from '../jwks/remote-helpers.js';

const noWarn = (): void => { throw new Error('unexpected warning'); };

function ecPair(): { privatePem: string; publicPem: string; privateJwk: Jwk; publicJwk: Jwk } {
  const { privateKey, publicKey } = generateKeyObjects('ec', { namedCurve: 'P-256' });
  const privateJwk = privateKey.export({ format: 'jwk' }) as Jwk;
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateJwk,
    publicJwk: { kty: 'EC', crv: privateJwk.crv, x: privateJwk.x, y: privateJwk.y },
  };
}

async function roundTrip(ring: Awaited<ReturnType<typeof loadKeyRing>>, alg: 'HS256' | 'ES256'): Promise<void> {
  const token = await signJwt({ sub: 'u1' }, ring.signingKey, { alg, expiresIn: '5m' });
  expect((await verifyJwt(token, ring, { algorithms: [alg] })).payload.sub).toBe('u1');
}

describe('loadKeyRing: the usual forms', () => {
  it('a UTF-8 secret (the default encoding)', async () => {
    const secret = randomBytes(36).toString('base64');
    const ring = await loadKeyRing({ alg: 'HS256', env: { TESSERA_SIGNING_KEY: secret }, warn: noWarn });
    await roundTrip(ring, 'HS256');
    const direct = importSecret(secret, { alg: 'HS256' });
    const token = await signJwt({ sub: 'x' }, direct, { alg: 'HS256' });
    await verifyJwt(token, ring.signingKey, { algorithms: ['HS256'] });
  });

  it.each(['base64', 'base64url'] as const)('a %s: prefixed secret is decoded to its bytes', async (encoding) => {
    const bytes = randomBytes(32);
    const ring = await loadKeyRing({ alg: 'HS256', env: { TESSERA_SIGNING_KEY: `${encoding}:${bytes.toString(encoding)}` }, warn: noWarn });
    const token = await signJwt({ sub: 'x' }, importSecret(bytes, { alg: 'HS256' }), { alg: 'HS256' });
    expect((await verifyJwt(token, ring.signingKey, { algorithms: ['HS256'] })).payload.sub).toBe('x');
  });

  it('the secretEncoding option applies to unprefixed secrets', async () => {
    const bytes = randomBytes(32);
    const ring = await loadKeyRing({ alg: 'HS256', secretEncoding: 'base64', env: { TESSERA_SIGNING_KEY: bytes.toString('base64') }, warn: noWarn });
    const token = await signJwt({ sub: 'x' }, importSecret(bytes, { alg: 'HS256' }), { alg: 'HS256' });
    await verifyJwt(token, ring.signingKey, { algorithms: ['HS256'] });
  });

  it('a PKCS#8 PEM with SIGNING_KID, also squeezed on one line with literal \\n', async () => {
    const { privatePem } = ecPair();
    for (const value of [privatePem, privatePem.trim().replace(/\n/g, '\\n')]) {
      const ring = await loadKeyRing({ alg: 'ES256', env: { TESSERA_SIGNING_KEY: value, TESSERA_SIGNING_KID: 'es-2026-11' }, warn: noWarn });
      expect(ring.signingKey.kid).toBe('es-2026-11');
      await roundTrip(ring, 'ES256');
    }
  });

  it('a private JWK (its kid kept), and a JWK without kid gets its thumbprint', async () => {
    const { privateJwk, publicJwk } = ecPair();
    const named = await loadKeyRing({ alg: 'ES256', env: { TESSERA_SIGNING_KEY: JSON.stringify({ ...privateJwk, kid: 'j1' }) }, warn: noWarn });
    expect(named.signingKey.kid).toBe('j1');
    await roundTrip(named, 'ES256');
    const unnamed = await loadKeyRing({ alg: 'ES256', env: { TESSERA_SIGNING_KEY: JSON.stringify(privateJwk) }, warn: noWarn });
    expect(unnamed.signingKey.kid).toBe(thumbprint(publicJwk));
    expect(unnamed.jwks().keys).toEqual([expect.objectContaining({ kid: thumbprint(publicJwk), x: publicJwk.x })]);
  });

  it('verify-only keys as a JWKS, a JSON array of JWKs, or several PEM blocks', async () => {
    const current = ecPair();
    const previous = ecPair();
    const older = ecPair();
    const forms = [
      JSON.stringify({ keys: [{ ...previous.publicJwk, kid: 'p' }, { ...older.publicJwk, kid: 'o' }] }),
      JSON.stringify([{ ...previous.publicJwk, kid: 'p' }, { ...older.publicJwk, kid: 'o' }]),
      `${previous.publicPem}\n${older.publicPem}`,
    ];
    for (const verify of forms) {
      const ring = await loadKeyRing({ alg: 'ES256', env: { TESSERA_SIGNING_KEY: current.privatePem, TESSERA_VERIFY_KEYS: verify }, warn: noWarn });
      expect(ring.verifyOnly).toHaveLength(2);
      const prevRing = await loadKeyRing({ alg: 'ES256', env: { TESSERA_SIGNING_KEY: previous.privatePem, TESSERA_SIGNING_KID: ring.verifyOnly[0]!.kid }, warn: noWarn });
      const oldToken = await signJwt({ sub: 'old' }, prevRing.signingKey, { alg: 'ES256' });
      expect((await verifyJwt(oldToken, ring, { algorithms: ['ES256'] })).payload.sub).toBe('old');
    }
  });

  it('VERIFY_KEYS may be a copy of the published JWKS: the signing key in it is not listed twice', async () => {
    const current = ecPair();
    const previous = ecPair();
    const signing = await loadKeyRing({ alg: 'ES256', env: { TESSERA_SIGNING_KEY: current.privatePem }, warn: noWarn });
    const published = JSON.stringify({ keys: [...signing.jwks().keys, { ...previous.publicJwk, kid: 'prev' }] });
    const ring = await loadKeyRing({ alg: 'ES256', env: { TESSERA_SIGNING_KEY: current.privatePem, TESSERA_VERIFY_KEYS: published }, warn: noWarn });
    expect(ring.verifyOnly.map((k) => k.kid)).toEqual(['prev']);
    // The same kid on different key material is still a configuration error.
    const clash = JSON.stringify({ keys: [{ ...previous.publicJwk, kid: signing.signingKey.kid }] });
    const err = await rejection(loadKeyRing({ alg: 'ES256', env: { TESSERA_SIGNING_KEY: current.privatePem, TESSERA_VERIFY_KEYS: clash }, warn: noWarn }));
    expect(err.message).toMatch(/verifyOnly\[0\] has the kid '.+', which signing already has/);
  });

  it('RETIRED_KIDS with optional retirement dates', async () => {
    const { privatePem } = ecPair();
    const ring = await loadKeyRing({
      alg: 'ES256', warn: noWarn,
      env: { TESSERA_SIGNING_KEY: privatePem, TESSERA_RETIRED_KIDS: 'k-2026-09@2026-11-01T00:00:00Z, k-2026-06' },
    });
    expect(ring.retired).toEqual([{ kid: 'k-2026-09', retiredAt: new Date('2026-11-01T00:00:00Z') }, { kid: 'k-2026-06', retiredAt: undefined }]);
    expect(() => ring.select({ alg: 'ES256', kid: 'k-2026-09' }, { use: 'sig', maxKeysTried: 3 })).toThrow(/was retired at 2026-11-01T00:00:00Z/);
  });

  it('*_FILE variables through an injected readFile, trimming the trailing newline', async () => {
    const secret = randomBytes(36).toString('base64');
    const files = new Map([['/run/secrets/jwt', `${secret}\n`]]);
    const readFile = vi.fn(async (path: string) => { const v = files.get(path); if (v === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' }); return v; });
    const ring = await loadKeyRing({ alg: 'HS256', env: { TESSERA_SIGNING_KEY_FILE: '/run/secrets/jwt' }, readFile, warn: noWarn });
    expect(readFile).toHaveBeenCalledWith('/run/secrets/jwt');
    const token = await signJwt({ sub: 'x' }, importSecret(secret, { alg: 'HS256' }), { alg: 'HS256' });
    await verifyJwt(token, ring, { algorithms: ['HS256'] });
    const missing = await rejection(loadKeyRing({ alg: 'HS256', env: { TESSERA_SIGNING_KEY_FILE: '/run/secrets/other' }, readFile, warn: noWarn }));
    expect(missing.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(missing.message).toBe('TESSERA_SIGNING_KEY_FILE: cannot read /run/secrets/other (ENOENT)');
  });

  it('*_FILE variables with the default reader (node:fs found at run time)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-keys-'));
    try {
      const { privatePem } = ecPair();
      writeFileSync(join(dir, 'signing.pem'), privatePem);
      const ring = await loadKeyRing({ alg: 'ES256', env: { TESSERA_SIGNING_KEY_FILE: join(dir, 'signing.pem') }, warn: noWarn });
      await roundTrip(ring, 'ES256');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a custom prefix and the ALG variable', async () => {
    const secret = randomBytes(36).toString('base64');
    const ring = await loadKeyRing({ prefix: 'AUTH_', env: { AUTH_ALG: 'HS256', AUTH_SIGNING_KEY: secret }, warn: noWarn });
    await roundTrip(ring, 'HS256');
  });
});

describe('loadKeyRing: start-up failures name the variable, never the value', () => {
  const pem = ecPair();
  const { privateKey: rsa1024 } = generateKeyObjects('rsa', { modulusLength: 1024 });
  const cases: Array<[string, Parameters<typeof loadKeyRing>[0], RegExp, string]> = [
    ['a short secret', { alg: 'HS256', env: { TESSERA_SIGNING_KEY: 'too-short-a-secret' } }, /TESSERA_SIGNING_KEY: .*32 bytes/, 'ERR_JWK_INVALID'],
    ['a placeholder secret', { alg: 'HS256', env: { TESSERA_SIGNING_KEY: 'changeme-please-changeme-please-changeme' } }, /TESSERA_SIGNING_KEY: the secret contains the placeholder word "changeme"/, 'ERR_JWK_INVALID'],
    ['a repeated pattern', { alg: 'HS256', env: { TESSERA_SIGNING_KEY: 'abababababababababababababababababab' } }, /only 2 distinct byte values/, 'ERR_JWK_INVALID'],
    ['bad base64', { alg: 'HS256', env: { TESSERA_SIGNING_KEY: 'base64:***not base64***' } }, /TESSERA_SIGNING_KEY: /, 'ERR_JWK_INVALID'],
    ['a truncated PEM', { alg: 'ES256', env: { TESSERA_SIGNING_KEY: pem.privatePem.slice(0, 80) } }, /TESSERA_SIGNING_KEY starts like a PEM but has no complete BEGIN\/END block/, 'ERR_JWK_INVALID'],
    ['invalid JSON', { alg: 'ES256', env: { TESSERA_SIGNING_KEY: '{"kty":"EC",' } }, /TESSERA_SIGNING_KEY starts like JSON but is not valid JSON/, 'ERR_JWK_INVALID'],
    ['a 1024-bit RSA key', { alg: 'RS256', env: { TESSERA_SIGNING_KEY: rsa1024.export({ format: 'pem', type: 'pkcs8' }).toString() } }, /TESSERA_SIGNING_KEY: .*2048/, 'ERR_JWK_INVALID'],
    ['a public key as signing key', { alg: 'ES256', env: { TESSERA_SIGNING_KEY: pem.publicPem } }, /public key; signing needs the private key/, 'ERR_JOSE_INVALID_OPTION'],
    ['a secret for ES256', { alg: 'ES256', env: { TESSERA_SIGNING_KEY: randomBytes(40).toString('base64') } }, /TESSERA_SIGNING_KEY is neither a PEM nor a JWK, and ES256 needs an asymmetric key/, 'ERR_JWK_INVALID'],
    ['two keys as signing key', { alg: 'ES256', env: { TESSERA_SIGNING_KEY: JSON.stringify({ keys: [pem.privateJwk, ecPair().privateJwk] }) } }, /holds 2 keys; the signing key must be exactly one/, 'ERR_JWK_INVALID'],
    ['a bad verify key', { alg: 'ES256', env: { TESSERA_SIGNING_KEY: pem.privatePem, TESSERA_VERIFY_KEYS: '[{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}]' } }, /TESSERA_VERIFY_KEYS: /, 'ERR_JWK_INVALID'],
    ['a patterned oct JWK among the verify keys', { alg: 'HS256', env: { TESSERA_SIGNING_KEY: randomBytes(40).toString('base64'), TESSERA_VERIFY_KEYS: JSON.stringify({ keys: [{ kty: 'oct', kid: 'old', k: Buffer.alloc(32, 7).toString('base64url') }] }) } }, /TESSERA_VERIFY_KEYS \(key 0\): the secret uses only 1 distinct byte value;/, 'ERR_JWK_INVALID'],
    ['both a variable and its _FILE twin', { alg: 'HS256', env: { TESSERA_SIGNING_KEY: 'x', TESSERA_SIGNING_KEY_FILE: '/x' } }, /both TESSERA_SIGNING_KEY and TESSERA_SIGNING_KEY_FILE are set/, 'ERR_JOSE_INVALID_OPTION'],
    ['no algorithm', { env: { TESSERA_SIGNING_KEY: 'x' } }, /no algorithm: pass the alg option or set TESSERA_ALG/, 'ERR_JOSE_INVALID_OPTION'],
    ['an unsupported algorithm', { env: { TESSERA_ALG: 'none' } }, /TESSERA_ALG is not a supported JWS algorithm/, 'ERR_JOSE_INVALID_OPTION'],
    ['a bad retirement date', { alg: 'ES256', env: { TESSERA_SIGNING_KEY: pem.privatePem, TESSERA_RETIRED_KIDS: 'a@yesterday' } }, /TESSERA_RETIRED_KIDS: "a@yesterday" has an invalid date/, 'ERR_JOSE_INVALID_OPTION'],
  ];
  it.each(cases)('%s', async (_name, options, pattern, code) => {
    const err = await rejection(loadKeyRing({ ...options, warn: noWarn }));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(pattern);
    expect(err.hint).toBeTruthy();
    const value = options?.env?.TESSERA_SIGNING_KEY;
    if (value !== undefined && value.length > 8) {
      expect(err.message).not.toContain(value);
      expect(err.message).not.toContain(value.slice(value.indexOf(':') + 1, value.indexOf(':') + 17));
    }
  });
});

describe('loadKeyRing: no signing key configured', () => {
  it('NODE_ENV=production refuses to generate one, saying why', async () => {
    const warn = vi.fn();
    for (const alg of ['HS256', 'ES256'] as const) {
      const err = await rejection(loadKeyRing({ alg, env: { NODE_ENV: 'production' }, warn }));
      expect(err.code).toBe('ERR_JOSE_INVALID_OPTION');
      expect(err.message).toMatch(/no signing key configured \(TESSERA_SIGNING_KEY or TESSERA_SIGNING_KEY_FILE\) and NODE_ENV=production/);
      expect(err.message).toMatch(/stop verifying at every restart and never verify on other instances/);
      expect(err.hint).toMatch(alg === 'HS256' ? /openssl rand/ : /openssl genpkey/);
    }
    await expect(loadKeyRing({ alg: 'HS256', env: {}, production: true, warn })).rejects.toThrow(/production/);
    expect(warn).not.toHaveBeenCalled();
  });

  it('in development it generates one and warns loudly; a restart gives another key', async () => {
    const warn = vi.fn();
    const first = await loadKeyRing({ alg: 'ES256', env: { NODE_ENV: 'development' }, warn });
    expect(warn).toHaveBeenCalledTimes(1);
    const message = warn.mock.calls[0]![0] as string;
    expect(message).toMatch(/WARNING: TESSERA_SIGNING_KEY is not set/);
    expect(message).toMatch(/will NOT verify after a restart/);
    expect(message).toMatch(/will NOT verify on any other instance/);
    await roundTrip(first, 'ES256');
    const token = await signJwt({ sub: 'u' }, first.signingKey, { alg: 'ES256' });
    const afterRestart = await loadKeyRing({ alg: 'ES256', env: {}, warn });
    const err = await rejection(verifyJwt(token, afterRestart, { algorithms: ['ES256'] }));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    const hmac = await loadKeyRing({ alg: 'HS256', env: {}, warn });
    await roundTrip(hmac, 'HS256');
  });
});
