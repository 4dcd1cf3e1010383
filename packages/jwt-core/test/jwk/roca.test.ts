/**
 * ROCA (CVE-2017-15361): RSA keys whose modulus has the fingerprint of Infineon's flawed RSALib are
 * refused at import, on every import path (JWK, PEM/SPKI, key sets), public and private alike;
 * ordinary RSA keys are not. Fixtures: test/fixtures/roca/README.md (crocs-muni/roca test data).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importJwk } from '../../src/jwk/import.js';
import { importPem } from '../../src/jwk/pem.js';
import { hasRocaFingerprint, modPow, ROCA_PRIMES } from '../../src/jwk/roca.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import { encodeBase64url } from '../../src/lib/base64url.js';
import type { Jwk } from '../../src/lib/types.js';
import { nodePair, thrown } from './keys.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/roca/${name}`, import.meta.url)), 'utf8').trim();
const bytesOf = (n: bigint): Uint8Array => Uint8Array.from(Buffer.from(n.toString(16).padStart(Math.ceil(n.toString(16).length / 2) * 2, '0'), 'hex'));
const bigOf = (b64u: string): bigint => BigInt(`0x${Buffer.from(b64u, 'base64url').toString('hex')}`);
const b64u = (n: bigint): string => encodeBase64url(bytesOf(n));

/** Miller-Rabin with fixed bases: enough for a test's own primes (a composite only makes the CRT check fail). */
function isProbablePrime(n: bigint): boolean {
  for (const r of ROCA_PRIMES) if (n % BigInt(r) === 0n) return false;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) { d >>= 1n; s++; }
  for (const a of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) {
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let i = 1; i < s && composite; i++) {
      x = (x * x) % n;
      if (x === n - 1n) composite = false;
    }
    if (composite) return false;
  }
  return true;
}

const M = ROCA_PRIMES.reduce((acc, r) => acc * BigInt(r), 2n);

/** A 1024-bit prime (about 1.5·2^1023, so that p·q has 2048 bits) of the RSALib form k·M + (65537^a mod M) (Nemec et al. 2017, §2.3); deterministic. */
function rocaPrime(seed: bigint): bigint {
  const a = 1000n + seed;
  const residue = modPow(65537n, a, M);
  for (let k = (3n << 1022n) / M + seed * 7919n; ; k++) {
    const p = k * M + residue;
    if (isProbablePrime(p)) return p;
  }
}

function privateJwk(p: bigint, q: bigint): Jwk {
  const e = 65537n;
  const phi = (p - 1n) * (q - 1n);
  const d = modInverse(e, phi);
  return { kty: 'RSA', n: b64u(p * q), e: 'AQAB', d: b64u(d), p: b64u(p), q: b64u(q), dp: b64u(d % (p - 1n)), dq: b64u(d % (q - 1n)), qi: b64u(modInverse(q, p)) };
}
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [m, a % m, 0n, 1n];
  while (r1 !== 0n) {
    const t = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - t * r1, s1, s0 - t * s1];
  }
  return ((s0 % m) + m) % m;
}

describe('the ROCA fingerprint', () => {
  it('flags the detector\'s positive moduli (2048 and 4096 bits) and not ordinary keys', () => {
    expect(hasRocaFingerprint(bytesOf(BigInt(fixture('mod03.txt'))))).toBe(true);
    expect(hasRocaFingerprint(bytesOf(BigInt(fixture('mod09.txt'))))).toBe(true);
    expect(hasRocaFingerprint(bytesOf(bigOf(nodePair('rsa-2048').publicJwk.n!)))).toBe(false);
  });

  it('needs every one of the 38 primes: changing n mod 97 alone unflags the modulus', () => {
    const n = BigInt(fixture('mod03.txt'));
    // Adding i·M/97 changes n mod 97 only, through all residues; 65537 generates a subgroup of order 6 mod 97.
    const step = M / 97n;
    const shifted = Array.from({ length: 96 }, (_, i) => n + BigInt(i + 1) * step);
    // 90 shifts leave the subgroup mod 97; the 5 others stay in it but break the one exponent the
    // other primes fix (65537^c mod M), which the discrete-logarithm confirmation catches.
    expect(shifted.filter((s) => hasRocaFingerprint(bytesOf(s)))).toEqual([]);
  });

  it('confirms with the discrete logarithm: a modulus in every small subgroup but off <65537> mod M is not flagged', () => {
    // Residue 65537^1 mod 3 and 65537^2 mod 5, 1 mod every other prime: each passes the per-prime
    // test, but no single exponent gives them all (mod 3 needs it odd; mod 17, where 65537 has
    // order 8, needs it even). A "fake" modulus in the detector's sense.
    const primes = [2, ...ROCA_PRIMES].map(BigInt);
    const residue = (r: bigint): bigint => (r === 3n ? 65537n % 3n : r === 5n ? modPow(65537n, 2n, 5n) : 1n);
    let x = 0n;
    for (const r of primes) x += (M / r) * ((residue(r) * modInverse((M / r) % r, r)) % r);
    const fake = (x % M) + M * (1n << 1820n);
    for (const r of ROCA_PRIMES) {
      const member = new Set(Array.from({ length: r }, (_, i) => modPow(65537n, BigInt(i), BigInt(r))));
      expect(member.has(fake % BigInt(r)), `mod ${r}`).toBe(true);
    }
    expect(hasRocaFingerprint(bytesOf(fake))).toBe(false);
    // And the real structure, on the same scale, is flagged.
    expect(hasRocaFingerprint(bytesOf(modPow(65537n, 123_456_789n, M) + M * (1n << 1820n)))).toBe(true);
  });

  it('costs little: microseconds for an ordinary 2048-bit key, a few milliseconds for a flagged one', () => {
    const ordinary = bytesOf(bigOf(nodePair('rsa-2048').publicJwk.n!));
    const flagged = bytesOf(BigInt(fixture('mod09.txt')));
    const average = (n: Uint8Array, rounds: number): number => {
      hasRocaFingerprint(n);
      const start = performance.now();
      for (let i = 0; i < rounds; i++) hasRocaFingerprint(n);
      return (performance.now() - start) / rounds;
    };
    expect(average(ordinary, 1000)).toBeLessThan(0.2);
    expect(average(flagged, 20)).toBeLessThan(50);
  });
});

describe('ROCA keys are refused at import', () => {
  const expectRoca = (fn: () => unknown): void => {
    const err = thrown(fn);
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.reason).toBe('roca');
    expect(err.message).toMatch(/ROCA.*CVE-2017-15361/);
    expect(err.hint).toMatch(/generate a new key pair on unaffected firmware/);
  };

  it('a public JWK', () => {
    expectRoca(() => importJwk({ kty: 'RSA', n: b64u(BigInt(fixture('mod03.txt'))), e: 'AQAB' }, { alg: 'RS256' }));
    expectRoca(() => importJwk({ kty: 'RSA', n: b64u(BigInt(fixture('mod09.txt'))), e: 'AQAB' }, { alg: 'RSA-OAEP-256', use: 'enc' }));
  });

  it('an SPKI PEM public key, while an ordinary one from the same test data imports', () => {
    expectRoca(() => importPem(fixture('pubkey03.pem'), { alg: 'RS256' }));
    expect(importPem(fixture('pubkey01.pem'), { alg: 'RS256' }).type).toBe('public');
  });

  it('a JWKS document, naming the key\'s position', () => {
    const ok = nodePair('rsa-2048').publicJwk;
    const err = thrown(() => createKeySet({ keys: [{ ...ok, kid: 'good' }, { kty: 'RSA', kid: 'card', n: b64u(BigInt(fixture('mod03.txt'))), e: 'AQAB' }] }));
    expect(err.message).toMatch(/key #2 \(kid 'card'\).*ROCA/);
  });

  it('a complete private key built with the RSALib structure, whose CRT values are otherwise consistent', () => {
    const p = rocaPrime(1n);
    const q = rocaPrime(2n);
    const jwk = privateJwk(p, q);
    expect(hasRocaFingerprint(bytesOf(p * q))).toBe(true);
    expectRoca(() => importJwk(jwk, { alg: 'RS256' }));
    // The builder makes keys that import when the primes are ordinary: the refusal is the fingerprint, not the key's shape.
    const ordinary = nodePair('rsa-2048').privateJwk;
    expect(importJwk(privateJwk(bigOf(ordinary.p!), bigOf(ordinary.q!)), { alg: 'RS256' }).type).toBe('private');
  });
});
