import { describe, expect, it } from 'vitest';
import { generateKeyPair, generateSecret, signJws, signJwt } from '@tessera/jwt-core';
import { negativeVectors, readVectorFile, rfcVectors } from '@tessera/test-vectors';
import { tessera, unsignedToken } from '../support/run.js';

const NOW = new Date('2026-12-06T10:00:00Z');
const now = NOW.getTime() / 1000;

describe('tessera decode: the timeline', () => {
  it('gives iat, nbf and exp in UTC, local time and relative to now', async () => {
    const token = unsignedToken({ alg: 'ES256', kid: 'k1' }, { sub: 'u1', iat: now - 300, nbf: now - 300, exp: now + 250 });
    const { code, json } = await tessera(['decode', '--json', token], { now: NOW });
    expect(code).toBe(0);
    expect(json.verified).toBe(false);
    const [iat, nbf, exp] = json.timeline.entries;
    expect(iat).toMatchObject({ claim: 'iat', utc: '2026-12-06T09:55:00Z', relative: 'issued 5m ago' });
    expect(nbf).toMatchObject({ claim: 'nbf', relative: 'valid since 5m ago' });
    expect(exp).toMatchObject({ claim: 'exp', utc: '2026-12-06T10:04:10Z', relative: 'expires in 4m 10s' });
    expect(exp.local).toMatch(/^2026-12-06 \d\d:04:10 [+-]\d\d:\d\d$/);
    expect(json.timeline).toMatchObject({ lifetime: '9m 10s', lifetimeSeconds: 550, status: 'valid' });
  });

  it('says how long ago a token expired, and that it is not verified', async () => {
    const token = unsignedToken({ alg: 'ES256', kid: 'k1' }, { iat: now - 4 * 3600, exp: now - 3 * 3600 });
    const { code, stdout } = await tessera(['decode', token], { now: NOW });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Not verified: /);
    expect(stdout).toContain('expired 3h ago');
    expect(stdout).toContain('lifetime 1h; expired');
  });

  it('reads the token from standard input with -, without a pasted Bearer prefix', async () => {
    const token = unsignedToken({ alg: 'HS256', kid: 'h' }, { sub: 'from-stdin', exp: now + 60 });
    const { code, json } = await tessera(['decode', '--json', '-'], { now: NOW, stdin: `Bearer ${token}\n` });
    expect(code).toBe(0);
    expect(json.claims.sub).toBe('from-stdin');
  });
});

describe('tessera decode: warnings name the cause and the fix', () => {
  const codes = async (header: object, claims: object) => {
    const { json } = await tessera(['decode', '--json', unsignedToken(header, claims)], { now: NOW });
    return json.warnings.map((w: { code: string; hint: string }) => { expect(w.hint.length).toBeGreaterThan(20); return w.code; });
  };

  it('no exp', async () => expect(await codes({ alg: 'ES256', kid: 'k' }, { sub: 'u' })).toEqual(['no-exp']));
  it('a lifetime of days', async () => expect(await codes({ alg: 'ES256', kid: 'k' }, { iat: now, exp: now + 14 * 86400 })).toEqual(['long-lifetime']));
  it('no kid', async () => expect(await codes({ alg: 'RS256' }, { exp: now + 60 })).toEqual(['no-kid']));
  it('an HMAC token meant for other services', async () => {
    expect(await codes({ alg: 'HS256', kid: 'h' }, { iss: 'https://auth.example.com', aud: 'billing', exp: now + 60 })).toEqual(['symmetric-alg-for-other-services']);
    // Issued by a service for itself: the shared secret stays in one place.
    expect(await codes({ alg: 'HS256', kid: 'h' }, { iss: 'https://app.example.com', aud: 'https://app.example.com', exp: now + 60 })).toEqual([]);
  });
  it('iat in the future (clock skew)', async () => expect(await codes({ alg: 'ES256', kid: 'k' }, { iat: now + 120, exp: now + 900 })).toEqual(['iat-in-future']));
  it('alg none', async () => expect(await codes({ alg: 'none' }, { exp: now + 60 })).toEqual(['alg-none']));

  it('the cookie and header limits the token is near or over', async () => {
    const near = unsignedToken({ alg: 'ES256', kid: 'k' }, { exp: now + 60, pad: 'x'.repeat(2400) });
    const { json } = await tessera(['decode', '--json', near], { now: NOW });
    expect(json.size.bytes).toBe(near.length);
    expect(json.size.limits.find((l: any) => l.name === 'cookie')).toMatchObject({ limit: 4096, status: 'near' });
    expect(json.size.limits.find((l: any) => l.name === 'header')).toMatchObject({ limit: 8192, status: 'ok' });
    expect(json.warnings.map((w: any) => w.code)).toEqual(['near-cookie-limit']);
    const over = unsignedToken({ alg: 'ES256', kid: 'k' }, { exp: now + 60, pad: 'x'.repeat(6200) });
    const big = await tessera(['decode', '--json', over], { now: NOW });
    expect(big.json.warnings.map((w: any) => w.code)).toEqual(['over-cookie-limit', 'over-header-limit']);
  });
});

describe('tessera decode: RFC tokens', () => {
  for (const c of rfcVectors().filter((v) => v.expect.ok)) {
    it(`${c.id}: the header and the payload, never verified`, async () => {
      const { code, json } = await tessera(['decode', '--json', c.token], { now: NOW });
      expect(code).toBe(0);
      expect(json).toMatchObject({ ok: true, verified: false, kind: 'JWS' });
      expect(json.header.alg).toBe(c.alg);
      const expected = c.expect as { payload?: object; payloadText?: string };
      if (expected.payload !== undefined) expect(json.claims).toEqual(expected.payload);
      else if (json.claims !== undefined) expect(json.claims).toEqual(JSON.parse(expected.payloadText!));
      else expect(json.payload.text).toBe(expected.payloadText);
    });
  }

  it('RFC 7516 A.1: a JWE described without its key', async () => {
    const jwe = (readVectorFile('rfc7516.json') as any).cases.find((c: any) => c.id === 'rfc7516-A.1').expected.compact as string;
    const { code, json, } = await tessera(['decode', '--json', jwe], { now: NOW });
    expect(code).toBe(0);
    expect(json).toMatchObject({ kind: 'JWE', header: { alg: 'RSA-OAEP', enc: 'A256GCM' } });
    expect(json.encrypted).toMatchObject({ alg: 'RSA-OAEP', enc: 'A256GCM', encryptedKeyBytes: 256, ivBytes: 12, tagBytes: 16 });
    expect(json.claims).toBeUndefined();
    const text = await tessera(['decode', jwe], { now: NOW });
    expect(text.stdout).toContain("cannot be read without the recipient's private key");
  });

  it('RFC 7516 A.2: RSA1_5 is named as refused by the library', async () => {
    const jwe = (readVectorFile('rfc7516.json') as any).cases.find((c: any) => c.id === 'rfc7516-A.2').expected.compact as string;
    const { json } = await tessera(['decode', '--json', jwe], { now: NOW });
    expect(json.warnings.map((w: any) => w.code)).toContain('jwe-rsa1_5');
  });
});

describe('tessera decode: nested tokens', () => {
  it('a signed-then-encrypted JWT: the JWE header says a JWT is inside', async () => {
    const signer = await generateKeyPair('ES256', { kid: 's' });
    const recipient = await generateKeyPair('RSA-OAEP-256', { kid: 'r' });
    const token = await signJwt({ sub: 'u' }, signer.privateKey, { alg: 'ES256', expiresIn: '5m', encrypt: { key: recipient.publicKey, alg: 'RSA-OAEP-256', enc: 'A256GCM' } });
    const { json, stdout } = await tessera(['decode', '--json', token], { now: NOW });
    expect(json).toMatchObject({ kind: 'JWE', header: { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'r' } });
    expect(stdout).not.toContain('"sub"');
  });

  it('a JWS whose payload is a JWT (cty JWT): the inner token is decoded too', async () => {
    const key = generateSecret('HS256', { kid: 'outer' });
    const inner = unsignedToken({ alg: 'ES256', kid: 'inner' }, { sub: 'nested-user', exp: now + 60 });
    const outer = await signJws(inner, key, { alg: 'HS256', header: { cty: 'JWT' } });
    const { code, json } = await tessera(['decode', '--json', outer], { now: NOW });
    expect(code).toBe(0);
    expect(json.header).toMatchObject({ alg: 'HS256', cty: 'JWT', kid: 'outer' });
    expect(json.nested).toMatchObject({ kind: 'JWS', header: { kid: 'inner' }, claims: { sub: 'nested-user' } });
  });
});

describe('tessera decode: what is not a token', () => {
  it('the negative vectors: decoded, or refused with exit 3 and a code; never a crash, never a secret', async () => {
    for (const c of negativeVectors()) {
      const { code, json, stdout } = await tessera(['decode', '--json', c.token], { now: NOW });
      expect([0, 3], c.id).toContain(code);
      if (code === 3) expect(json.error.code, c.id).toMatch(/^ERR_/);
      for (const k of c.keys.keys) if (typeof k.k === 'string' && k.k.length > 8) expect(stdout, c.id).not.toContain(k.k);
    }
  });

  it('a token with the wrong number of parts, a malformed header, nothing at all', async () => {
    const two = await tessera(['decode', '--json', 'abc.def'], { now: NOW });
    expect(two).toMatchObject({ code: 3, json: { ok: false, error: { code: 'ERR_CLI_INPUT' } } });
    expect(two.json.error.message).toContain('2 dot-separated parts');
    const header = await tessera(['decode', '--json', negativeVectors().find((c) => c.id === 'neg-header-not-json')!.token], { now: NOW });
    expect(header).toMatchObject({ code: 3, json: { error: { code: 'ERR_JWS_INVALID' } } });
    expect(await tessera(['decode'], { now: NOW })).toMatchObject({ code: 2 });
    expect(await tessera(['decode', '-'], { now: NOW, stdin: '\n' })).toMatchObject({ code: 3 });
  });

  it('--help documents the exit codes', async () => {
    const { code, stdout } = await tessera(['decode', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Exit codes:\n {2}0 {2}success\n {2}2 {2}usage error.*\n {2}3 {2}an input cannot be used/);
  });
});

describe('tessera decode: a refresh token', () => {
  it('is not a JWT: says so, and when it expires by the expiry it carries', async () => {
    const now = new Date('2026-12-06T10:00:00Z');
    const exp = now.getTime() / 1000 + 3 * 3600;
    const { code, json } = await tessera(['decode', '--json', `${'a'.repeat(43)}.${exp.toString(36)}`], { now });
    expect(code).toBe(3);
    expect(json.error.message).toBe('this is not a JWT but a Tessera refresh token (opaque; the store keeps only its hash): by its own expiry it expires in 3h (2026-12-06T13:00:00Z)');
    const old = await tessera(['decode', '--json', `${'a'.repeat(43)}.${(now.getTime() / 1000 - 90).toString(36)}`], { now });
    expect(old.json.error.message).toMatch(/by its own expiry it expired 1m 30s ago \(2026-12-06T09:58:30Z\)$/);
  });
});
