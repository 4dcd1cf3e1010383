import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importJwk } from '../../src/jwk/import.js';
import { internals } from '../../src/jwk/key.js';
import type { Jwk } from '../../src/lib/types.js';
import { nodePair, thrown, vectorFile } from './keys.js';

const b64u = (n: number): string => randomBytes(n).toString('base64url');
const oct = (n: number): Jwk => ({ kty: 'oct', k: b64u(n) });

describe('importJwk: RFC vectors', () => {
  const cookbook = ['3_1.ec_public_key', '3_2.ec_private_key', '3_3.rsa_public_key', '3_4.rsa_private_key',
    '3_5.symmetric_key_mac_computation', '3_6.symmetric_key_encryption'];
  it.each(cookbook)('imports RFC 7520 %s', (name) => {
    const c = vectorFile(`rfc7520-cookbook/${name}.json`).cases[0]!;
    const key = importJwk(c.input.key);
    expect(key.kid).toBe(c.input.key.kid);
    expect(key.use).toBe(c.input.key.use);
    expect(key.kty).toBe(c.input.key.kty);
  });

  it('binds the cookbook keys to their families', () => {
    const get = (name: string) => importJwk(vectorFile(`rfc7520-cookbook/${name}.json`).cases[0]!.input.key);
    expect(get('3_1.ec_public_key')).toMatchObject({ type: 'public', crv: 'P-521', bits: 521, algorithms: ['ES512'], alg: 'ES512' });
    expect(get('3_2.ec_private_key').type).toBe('private');
    expect(get('3_4.rsa_private_key')).toMatchObject({ type: 'private', bits: 2048, algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] });
    expect(get('3_5.symmetric_key_mac_computation')).toMatchObject({ type: 'secret', alg: 'HS256', bits: 256 });
    // "alg": "A256GCM" on a key means direct encryption with A256GCM (RFC 7520 §5.6).
    expect(get('3_6.symmetric_key_encryption')).toMatchObject({ use: 'enc', algorithms: ['dir'] });
  });

  it('imports the RFC 8037 A.1 private and A.2 public Ed25519 keys', () => {
    const file = vectorFile('rfc8037.json');
    const a1 = importJwk(file.cases.find((c) => c.id === 'rfc8037-A.1')!.input.key);
    const a2 = importJwk(file.cases.find((c) => c.id === 'rfc8037-A.2')!.input.key);
    expect(a1).toMatchObject({ type: 'private', kty: 'OKP', crv: 'Ed25519', algorithms: ['EdDSA'], use: 'sig' });
    expect(a2).toMatchObject({ type: 'public', algorithms: ['EdDSA'] });
  });

  it('refuses the RFC 8037 A.1 key with an "x" that does not belong to "d"', () => {
    const a1 = vectorFile('rfc8037.json').cases.find((c) => c.id === 'rfc8037-A.1')!.input.key;
    const other = nodePair('ed25519').publicJwk.x as string;
    const err = thrown(() => importJwk({ ...a1, x: other }));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toMatch(/"d" does not match/);
    expect(err.message + err.hint).not.toContain(a1.d as string);
  });
});

describe('importJwk: key members', () => {
  it('refuses a missing or non-string kty, and reports unknown ones as unsupported', () => {
    expect(thrown(() => importJwk({ n: 'x' } as unknown as Jwk)).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => importJwk({ kty: 7 } as unknown as Jwk)).code).toBe('ERR_JWK_INVALID');
    const err = thrown(() => importJwk({ kty: 'AKP', pub: 'x' }));
    expect(err.code).toBe('ERR_JOSE_NOT_SUPPORTED');
    expect(err.message).toContain("'AKP'");
  });

  it('refuses non-objects with a hint for strings', () => {
    const err = thrown(() => importJwk('{"kty":"oct"}' as unknown as Jwk));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.hint).toContain('JSON.parse');
    expect(thrown(() => importJwk(null as unknown as Jwk)).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => importJwk([] as unknown as Jwk)).code).toBe('ERR_JWK_INVALID');
  });

  it('decodes members as strict base64url', () => {
    const { publicJwk } = nodePair('ec-P-256');
    for (const x of [`${publicJwk.x}=`, (publicJwk.x as string).replace(/.$/, '+'), 42]) {
      const err = thrown(() => importJwk({ ...publicJwk, x } as Jwk));
      expect(err.code).toBe('ERR_JWK_INVALID');
      expect(err.message).toContain('"x"');
    }
  });

  it('bounds member lengths before decoding', () => {
    const err = thrown(() => importJwk({ kty: 'RSA', n: 'A'.repeat(5000), e: 'AQAB' }));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toMatch(/5000 characters; at most 4096/);
  });

  it('refuses RSA keys under 2048 bits with the size in the message', () => {
    const err = thrown(() => importJwk(nodePair('rsa-1024').publicJwk));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toBe('RSA keys must be at least 2048 bits; this one is 1024 bits');
    expect(importJwk(nodePair('rsa-2048').publicJwk).bits).toBe(2048);
  });

  it('refuses RSA moduli over 16384 bits (verification cost is input-controlled)', () => {
    const n = Buffer.alloc(2049, 0xff).toString('base64url');
    expect(thrown(() => importJwk({ kty: 'RSA', n, e: 'AQAB' })).message).toBe('RSA keys may be at most 16384 bits; this one is 16392 bits');
  });

  it('refuses RSA exponents that are even or 1', () => {
    const { publicJwk } = nodePair('rsa-2048');
    expect(thrown(() => importJwk({ ...publicJwk, e: 'AQ' })).message).toMatch(/exponent/); // 1
    expect(thrown(() => importJwk({ ...publicJwk, e: 'AQAA' })).message).toMatch(/exponent/); // 65536
  });

  it('requires all CRT members of a private RSA key and checks they are consistent', () => {
    const { privateJwk } = nodePair('rsa-2048');
    const { dp: _dp, qi: _qi, ...partial } = privateJwk;
    const missing = thrown(() => importJwk(partial as Jwk));
    expect(missing.message).toBe('the private RSA JWK lacks the CRT members dp, qi');
    const swapped = thrown(() => importJwk({ ...privateJwk, dp: privateJwk.dq }));
    expect(swapped.code).toBe('ERR_JWK_INVALID');
    expect(swapped.message).toMatch(/inconsistent/);
    expect(swapped.message + swapped.hint).not.toContain(privateJwk.d as string);
    const { d: _d, ...noD } = privateJwk;
    expect(thrown(() => importJwk(noD as Jwk)).message).toMatch(/private members .* but no "d"/);
    expect(thrown(() => importJwk({ ...privateJwk, oth: [] })).code).toBe('ERR_JOSE_NOT_SUPPORTED');
  });

  it('checks EC coordinates: exact length and on the curve', () => {
    const { publicJwk } = nodePair('ec-P-256');
    const x = Buffer.from(publicJwk.x as string, 'base64url');
    const short = thrown(() => importJwk({ ...publicJwk, x: x.subarray(1).toString('base64url') }));
    expect(short.message).toBe('"x" of the EC P-256 JWK must be 32 bytes, got 31');
    const moved = Buffer.from(x);
    moved[31] = moved[31]! ^ 1;
    const off = thrown(() => importJwk({ ...publicJwk, x: moved.toString('base64url') }));
    expect(off.code).toBe('ERR_JWK_INVALID');
    expect(off.message).toMatch(/not on the curve/);
    // A P-256 point labelled P-384 has the wrong coordinate size.
    expect(thrown(() => importJwk({ ...publicJwk, crv: 'P-384' })).message).toMatch(/48 bytes/);
    expect(thrown(() => importJwk({ ...publicJwk, crv: 'secp256k1' })).code).toBe('ERR_JOSE_NOT_SUPPORTED');
  });

  it('checks that an EC private key matches its public point', () => {
    expect(importJwk(nodePair('ec-P-384').privateJwk)).toMatchObject({ type: 'private', bits: 384 });
    expect(importJwk(nodePair('ec-P-521').privateJwk)).toMatchObject({ type: 'private', bits: 521 });
    const { privateJwk: p256 } = nodePair('ec-P-256');
    const fresh = nodePair('ec-prime256v1').privateJwk; // another P-256 key (OpenSSL's name for the curve)
    const err = thrown(() => importJwk({ ...p256, d: fresh.d }));
    expect(err.message).toMatch(/"d" does not match its public point/);
    expect(err.message + err.hint).not.toContain(fresh.d as string);
  });

  it('supports Ed25519 (sig) and X25519 (enc) only', () => {
    expect(importJwk(nodePair('x25519').privateJwk)).toMatchObject({ use: 'enc', crv: 'X25519', algorithms: ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'] });
    expect(thrown(() => importJwk(nodePair('ed448').publicJwk)).code).toBe('ERR_JOSE_NOT_SUPPORTED');
    expect(thrown(() => importJwk(nodePair('x25519').publicJwk, { use: 'sig' })).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => importJwk(nodePair('ed25519').publicJwk, { alg: 'ECDH-ES' })).code).toBe('ERR_JWK_INVALID');
  });

  it('refuses an empty oct secret', () => {
    expect(thrown(() => importJwk({ kty: 'oct', k: '' })).message).toMatch(/empty/);
  });
});

describe('importJwk: algorithm binding', () => {
  it('binds HMAC secrets to the HS algs whose minimum size they meet', () => {
    expect(importJwk(oct(32)).algorithms).toEqual(['HS256']);
    expect(importJwk(oct(48)).algorithms).toEqual(['HS256', 'HS384']);
    expect(importJwk(oct(64)).algorithms).toEqual(['HS256', 'HS384', 'HS512']);
    const err = thrown(() => importJwk(oct(16)));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toMatch(/at least 32 bytes .* this one is 16 bytes/);
    const hs512 = thrown(() => importJwk(oct(48), { alg: 'HS512' }));
    expect(hs512.message).toBe('an HS512 secret must be at least 64 bytes (512 bits, RFC 7518 §3.2); this one is 48 bytes');
  });

  it('binds RSA keys: sig to RS*/PS*, enc to RSA-OAEP* (RSA1_5 only when named)', () => {
    const { publicJwk } = nodePair('rsa-2048');
    expect(importJwk(publicJwk, { use: 'enc' }).algorithms).toEqual(['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512']);
    expect(importJwk(publicJwk, { alg: 'RSA1_5' })).toMatchObject({ use: 'enc', alg: 'RSA1_5', algorithms: ['RSA1_5'] });
    expect(importJwk(publicJwk, { alg: 'PS384' })).toMatchObject({ use: 'sig', alg: 'PS384', algorithms: ['PS384'] });
  });

  it('binds EC keys to the ES alg of their curve, or to ECDH-ES for enc', () => {
    expect(importJwk(nodePair('ec-P-256').publicJwk).algorithms).toEqual(['ES256']);
    expect(importJwk(nodePair('ec-P-384').publicJwk, { use: 'enc' }).algorithms).toEqual(['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW']);
    const wrongCurve = thrown(() => importJwk(nodePair('ec-P-256').publicJwk, { alg: 'ES384' }));
    expect(wrongCurve.message).toBe('ES384 needs an EC P-384 key; this is an EC P-256 public key');
  });

  it('binds oct encryption keys by length', () => {
    const enc = (n: number) => importJwk(oct(n), { use: 'enc' }).algorithms;
    expect(enc(16)).toEqual(['A128KW', 'A128GCMKW', 'dir']);
    expect(enc(24)).toEqual(['A192KW', 'A192GCMKW', 'dir']);
    expect(enc(32)).toEqual(['A256KW', 'A256GCMKW', 'dir']);
    expect(enc(48)).toEqual(['dir']);
    expect(enc(64)).toEqual(['dir']);
    expect(thrown(() => enc(20)).message).toMatch(/16, 24, 32, 48 or 64 bytes; this one is 20 bytes/);
    expect(thrown(() => importJwk(oct(32), { alg: 'A128KW' })).message).toBe('an A128KW key must be exactly 16 bytes; this one is 32 bytes');
    expect(thrown(() => importJwk(oct(32), { alg: 'A256CBC-HS512' })).message).toMatch(/exactly 64 bytes for A256CBC-HS512/);
    expect(importJwk(oct(8), { alg: 'PBES2-HS256+A128KW' }).algorithms).toEqual(['PBES2-HS256+A128KW']);
    expect(thrown(() => importJwk(oct(4), { alg: 'PBES2-HS256+A128KW' })).code).toBe('ERR_JWK_INVALID');
  });

  it('never binds an asymmetric key to HMAC or a secret to RSA', () => {
    const rsa = thrown(() => importJwk(nodePair('rsa-2048').publicJwk, { alg: 'HS256' }));
    expect(rsa.code).toBe('ERR_JWK_INVALID');
    expect(rsa.message).toBe('HS256 needs an oct key; this is an RSA public key');
    expect(thrown(() => importJwk(oct(64), { alg: 'RS256' })).code).toBe('ERR_JWK_INVALID');
  });

  it('refuses an alg option that contradicts the JWK alg', () => {
    const { publicJwk } = nodePair('rsa-2048');
    const err = thrown(() => importJwk({ ...publicJwk, alg: 'PS256' }, { alg: 'RS256' }));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toBe('the JWK says alg PS256 but the options ask for RS256');
    expect(importJwk({ ...publicJwk, alg: 'RS256' }, { alg: 'RS256' }).alg).toBe('RS256');
    expect(importJwk({ ...publicJwk, alg: 'RS512' }).algorithms).toEqual(['RS512']);
  });

  it('refuses alg none and reports unknown algs as unsupported', () => {
    const { publicJwk } = nodePair('rsa-2048');
    expect(thrown(() => importJwk({ ...publicJwk, alg: 'none' })).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => importJwk({ ...publicJwk, alg: 'RS1' })).code).toBe('ERR_JOSE_NOT_SUPPORTED');
  });

  it('refuses use and key_ops that contradict the binding', () => {
    const { publicJwk } = nodePair('rsa-2048');
    const err = thrown(() => importJwk({ ...publicJwk, use: 'enc' }, { alg: 'RS256' }));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toMatch(/the JWK's "use" means "enc" but alg RS256 means "sig"/);
    expect(thrown(() => importJwk({ ...publicJwk, key_ops: ['encrypt'] }, { use: 'sig' })).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => importJwk({ ...publicJwk, key_ops: ['sign', 'decrypt'] })).message).toMatch(/mixes/);
    expect(thrown(() => importJwk({ ...publicJwk, key_ops: ['verify', 'verify'] })).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => importJwk({ ...publicJwk, use: 'both' })).code).toBe('ERR_JWK_INVALID');
    expect(importJwk({ ...publicJwk, key_ops: ['wrapKey'] }).use).toBe('enc');
    expect(importJwk({ ...publicJwk, use: 'enc' }).algorithms).toEqual(['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512']);
    expect(importJwk({ ...publicJwk, alg: 'RSA-OAEP-256' }).use).toBe('enc');
    expect(importJwk({ ...publicJwk, key_ops: ['verify'], use: 'sig' }).use).toBe('sig');
  });

  it('refuses a bad use option as an option error', () => {
    expect(thrown(() => importJwk(oct(32), { use: 'mac' as 'sig' })).code).toBe('ERR_JOSE_INVALID_OPTION');
  });
});

describe('importJwk: kid and storage', () => {
  it('takes the kid from the options, else the JWK, else none', () => {
    const jwk = { ...oct(32), kid: 'from-jwk' };
    expect(importJwk(jwk, { kid: 'from-option' }).kid).toBe('from-option');
    expect(importJwk(jwk).kid).toBe('from-jwk');
    expect(importJwk(oct(32)).kid).toBeUndefined();
    expect(thrown(() => importJwk({ ...oct(32), kid: 5 } as unknown as Jwk)).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => importJwk(oct(32), { kid: '' })).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(thrown(() => importJwk({ ...oct(32), kid: 'k'.repeat(257) })).code).toBe('ERR_JWK_INVALID');
    expect(importJwk({ ...oct(32), kid: 'k'.repeat(256) }).kid).toHaveLength(256);
  });

  it('stores only key members plus kid, alg and use', () => {
    const { publicJwk } = nodePair('ec-P-256');
    const key = importJwk({ ...publicJwk, x5u: 'https://evil.example/x', ext: true, kid: 'k' });
    expect(internals(key).jwk).toEqual({ ...publicJwk, kid: 'k', alg: 'ES256', use: 'sig' });
  });

  it('never shows key material when serialised or printed', () => {
    const jwk = oct(64);
    const key = importJwk(jwk, { kid: 'k1' });
    expect(JSON.stringify(key)).not.toContain(jwk.k as string);
    expect(String(key)).not.toContain(jwk.k as string);
  });
});

describe('importJwk: no key material in errors', () => {
  it('never repeats a private or secret member in a message, hint or JSON form', () => {
    const rsa = nodePair('rsa-2048').privateJwk;
    const ec = nodePair('ec-P-256').privateJwk;
    const ec2 = nodePair('ec-prime256v1').privateJwk;
    const ed = nodePair('ed25519').privateJwk;
    const ed2 = vectorFile('rfc8037.json').cases.find((c) => c.id === 'rfc8037-A.1')!.input.key;
    const short = oct(20);
    const failing: Array<[Jwk, ImportOptions?]> = [
      [{ ...rsa, dq: rsa.dp }], [{ ...rsa, qi: rsa.p }], [rsa, { alg: 'HS256' }], [{ ...rsa, use: 'enc' }, { alg: 'RS256' }],
      [{ ...ec, d: ec2.d }], [{ ...ec, d: `${ec.d as string}A` }], [ec, { alg: 'ES384' }],
      [{ ...ed, x: ed2.x }], [short], [short, { alg: 'HS256' }], [short, { alg: 'A128KW' }], [{ ...short, alg: 'RS256' }],
    ];
    for (const [jwk, options] of failing) {
      let err: unknown;
      try { importJwk(jwk, options); } catch (e) { err = e; }
      expect(err, JSON.stringify(options)).toBeDefined();
      const shown = `${(err as Error).message} ${(err as { hint?: string }).hint} ${JSON.stringify(err)}`;
      for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) {
        const value = jwk[m];
        if (typeof value === 'string') expect(shown).not.toContain(value.slice(0, 16));
      }
    }
  });
});
type ImportOptions = Parameters<typeof importJwk>[1];
