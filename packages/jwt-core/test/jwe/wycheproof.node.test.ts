/**
 * Wycheproof primitive vectors for JWE, on every backend: every `valid` case accepted with the
 * expected output, every `invalid` case refused. `acceptable` cases get the documented answer:
 * - AES-KW "ShortKey" (8-byte keys): refused; RFC 3394 wraps at least two 64-bit blocks and a CEK
 *   is never 8 bytes.
 * - X25519 "ZeroSharedSecret" (low-order public keys): refused (RFC 7748 §6.1 all-zero check);
 *   the other acceptable X25519 cases ("Twist", "NonCanonicalPublic") are computed as RFC 7748
 *   §5 says, and must give the expected shared secret.
 * AES-GCM groups with IVs other than 96 bits are excluded by the loader (JOSE never uses them);
 * the loader lists them.
 *
 * Every case of every file runs on every backend that implements it (the NIST ECDH files take
 * most of this file's ~40 s: P-384/P-521 scalar multiplication in pure JS is slow).
 * Node-only file (`.node.test.ts`): the edge-runtime environment would run the same primitives
 * again on the same node:crypto.
 */
import { describe, expect, it } from 'vitest';
import {
  loadWycheproofEncryptionFile,
  WYCHEPROOF_ENCRYPTION_FILES,
  type WycheproofAeadCase,
  type WycheproofEcdhCase,
  type WycheproofKeyWrapCase,
  type WycheproofOaepCase,
} from '../../../test-vectors/src/wycheproof/encryption.js';
import type { JweCrypto } from '../../src/jwe/backends/types.js';
import { cbcHmacDecrypt, cbcHmacEncrypt, type CbcHmacEnc } from '../../src/jwe/content/cbc-hmac.js';
import { gcmDecrypt, gcmEncrypt, type GcmEnc } from '../../src/jwe/content/gcm.js';
import type { Jwk } from '../../src/lib/types.js';
import { BACKENDS, toHex } from './helpers.js';

type Outcome = { ok: true; out: string } | { ok: false };

async function outcome(fn: () => Promise<Uint8Array>): Promise<Outcome> {
  try {
    return { ok: true, out: toHex(await fn()) };
  } catch {
    return { ok: false };
  }
}

/** Mismatches between what a case expects and what happened, as readable strings. */
function check(file: string, tcId: number, result: string, flags: readonly string[], got: Outcome, expected: string, acceptableOk: (flags: readonly string[]) => boolean): string[] {
  const want = result === 'acceptable' ? acceptableOk(flags) : result === 'valid';
  if (want && (!got.ok || got.out !== expected)) return [`${file} #${tcId} (${result} ${flags.join(',')}): expected ${expected.slice(0, 16)}..., got ${got.ok ? got.out.slice(0, 16) : 'a refusal'}`];
  if (!want && got.ok) return [`${file} #${tcId} (${result} ${flags.join(',')}): expected a refusal, got a result`];
  return [];
}

const isCbc = (enc: string): enc is CbcHmacEnc => enc.includes('CBC');

async function aead(backend: JweCrypto, c: WycheproofAeadCase): Promise<string[]> {
  const dec = () => (isCbc(c.enc)
    ? cbcHmacDecrypt(backend, c.enc, c.key, c.iv, c.ct, c.tag, c.aad)
    : gcmDecrypt(backend, c.enc as GcmEnc, c.key, c.iv, c.ct, c.tag, c.aad));
  const problems = check(c.file, c.tcId, c.result, c.flags, await outcome(dec), toHex(c.msg), () => false);
  if (c.result === 'valid') {
    const enc = isCbc(c.enc) ? await cbcHmacEncrypt(backend, c.enc, c.key, c.iv, c.msg, c.aad) : await gcmEncrypt(backend, c.enc as GcmEnc, c.key, c.iv, c.msg, c.aad);
    if (toHex(enc.ciphertext) !== toHex(c.ct) || toHex(enc.tag) !== toHex(c.tag)) problems.push(`${c.file} #${c.tcId}: encryption does not reproduce ct/tag`);
  }
  return problems;
}

async function keywrap(backend: JweCrypto, c: WycheproofKeyWrapCase): Promise<string[]> {
  const problems = check(c.file, c.tcId, c.result, c.flags, await outcome(() => backend.aesKwUnwrap(c.key, c.ct)), toHex(c.msg), () => false);
  if (c.result === 'valid') {
    const w = await outcome(() => backend.aesKwWrap(c.key, c.msg));
    if (!w.ok || w.out !== toHex(c.ct)) problems.push(`${c.file} #${c.tcId}: wrapping does not reproduce ct`);
  }
  return problems;
}

async function oaep(backend: JweCrypto, c: WycheproofOaepCase): Promise<string[]> {
  const got = await outcome(() => backend.rsaOaepDecrypt(c.hash, c.privateJwk as Jwk, c.ct, undefined, c.label.length > 0 ? c.label : undefined));
  return check(c.file, c.tcId, c.result, c.flags, got, toHex(c.msg), () => false);
}

async function ecdh(backend: JweCrypto, c: WycheproofEcdhCase): Promise<string[]> {
  const got = await outcome(() => backend.ecdh(c.privateJwk as Jwk, c.publicJwk as Jwk));
  return check(c.file, c.tcId, c.result, c.flags, got, toHex(c.shared), (flags) => !flags.includes('ZeroSharedSecret'));
}

describe('Wycheproof: JWE primitives on every backend', () => {
  for (const backend of BACKENDS) {
    describe(backend.name, () => {
      for (const file of WYCHEPROOF_ENCRYPTION_FILES.aead) {
        it(file, async () => {
          const { cases, excluded, numberOfTests } = loadWycheproofEncryptionFile('aead', file);
          expect(cases.length + excluded.reduce((n, g) => n + g.tests, 0)).toBe(numberOfTests);
          expect(cases.length).toBeGreaterThan(50);
          const problems: string[] = [];
          for (const c of cases) problems.push(...(await aead(backend, c)));
          expect(problems).toEqual([]);
        });
      }

      it('aes_wrap_test.json', async () => {
        const { cases } = loadWycheproofEncryptionFile('keywrap', 'aes_wrap_test.json');
        const problems: string[] = [];
        for (const c of cases) problems.push(...(await keywrap(backend, c)));
        expect(problems).toEqual([]);
      });

      for (const file of WYCHEPROOF_ENCRYPTION_FILES['rsa-oaep']) {
        it.runIf(backend.rsa)(file, async () => {
          const { cases } = loadWycheproofEncryptionFile('rsa-oaep', file);
          expect(cases.filter((c) => c.result === 'invalid').length).toBeGreaterThan(10);
          const problems: string[] = [];
          for (const c of cases) problems.push(...(await oaep(backend, c)));
          expect(problems).toEqual([]);
        });
      }

      for (const file of WYCHEPROOF_ENCRYPTION_FILES.ecdh) {
        it(file, async () => {
          const { cases } = loadWycheproofEncryptionFile('ecdh', file);
          const problems: string[] = [];
          for (const c of cases) problems.push(...(await ecdh(backend, c)));
          expect(problems).toEqual([]);
        }, 60_000);
      }
    });
  }

  it('the loader lists what it leaves out, with the reason', () => {
    const { excluded } = loadWycheproofEncryptionFile('aead', 'aes_gcm_test.json');
    expect(excluded.length).toBeGreaterThan(0);
    for (const g of excluded) expect(g.reason).toMatch(/96-bit IVs/);
  });
});
