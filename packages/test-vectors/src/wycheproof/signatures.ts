/**
 * Wycheproof signature and MAC vectors (C2SP/wycheproof `testvectors_v1/`, see
 * vectors/wycheproof/README.md for the commit and licence), normalized to one case shape per JOSE
 * algorithm so each backend can run every case: the key as a JWK, the message and signature as
 * bytes, and the expected result.
 *
 * Only the parameter sets JOSE uses are turned into cases; every group left out is listed in
 * `excluded` with the reason, so nothing is dropped silently. Today that is the HMAC groups with
 * truncated tags: JWS compares the full MAC output (RFC 7518 §3.2).
 */
import { readFileSync } from 'node:fs';

/** The JWS algorithms the signature files exercise. */
export type WycheproofSignatureAlg =
  | 'HS256' | 'HS384' | 'HS512'
  | 'RS256' | 'RS384' | 'RS512'
  | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512'
  | 'EdDSA';

/** A public JWK for RSA, EC and OKP keys; the secret `oct` JWK for HMAC. */
export interface WycheproofJwk {
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  k?: string;
}

/** One Wycheproof test case, normalized. */
export interface WycheproofSignatureCase {
  /** File name inside vectors/wycheproof/. */
  readonly file: string;
  readonly tcId: number;
  readonly comment: string;
  readonly flags: readonly string[];
  readonly alg: WycheproofSignatureAlg;
  readonly jwk: Readonly<WycheproofJwk>;
  readonly msg: Uint8Array;
  /** The signature, JOSE-encoded (P1363 R || S for ECDSA), or the HMAC tag. */
  readonly sig: Uint8Array;
  /** `acceptable`: the standard allows either answer; see the file's notes for the flag. */
  readonly result: 'valid' | 'invalid' | 'acceptable';
}

/** A test group that was not turned into cases, and why. */
export interface WycheproofExcludedGroup {
  readonly file: string;
  readonly group: string;
  readonly tests: number;
  readonly reason: string;
}

export interface WycheproofSignatureFile {
  readonly file: string;
  /** The file's `algorithm` (e.g. `ECDSA`, `RSASSA-PSS`, `HMACSHA256`). */
  readonly algorithm: string;
  /** `numberOfTests` as the file states it. */
  readonly numberOfTests: number;
  readonly cases: readonly WycheproofSignatureCase[];
  readonly excluded: readonly WycheproofExcludedGroup[];
}

/** The signature and MAC files of the JOSE algorithms, in vectors/wycheproof/. */
export const WYCHEPROOF_SIGNATURE_FILES = [
  'hmac_sha256_test.json',
  'hmac_sha384_test.json',
  'hmac_sha512_test.json',
  'rsa_signature_2048_sha256_test.json',
  'rsa_signature_2048_sha384_test.json',
  'rsa_signature_2048_sha512_test.json',
  'rsa_pss_2048_sha256_mgf1_32_test.json',
  'rsa_pss_2048_sha384_mgf1_48_test.json',
  'rsa_pss_4096_sha512_mgf1_64_test.json',
  'ecdsa_secp256r1_sha256_p1363_test.json',
  'ecdsa_secp384r1_sha384_p1363_test.json',
  'ecdsa_secp521r1_sha512_p1363_test.json',
  'ed25519_test.json',
] as const;
export type WycheproofSignatureFileName = (typeof WYCHEPROOF_SIGNATURE_FILES)[number];

// src/wycheproof/ and dist/wycheproof/ are both two levels below the package root, next to vectors/.
const VECTORS = new URL('../../vectors/wycheproof/', import.meta.url);

const HASH_SUFFIX: Readonly<Record<string, string>> = { 'SHA-256': '256', 'SHA-384': '384', 'SHA-512': '512' };
const HASH_BYTES: Readonly<Record<string, number>> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
const EC_CURVES: Readonly<Record<string, { crv: string; bytes: number; hash: string; alg: WycheproofSignatureAlg }>> = {
  secp256r1: { crv: 'P-256', bytes: 32, hash: 'SHA-256', alg: 'ES256' },
  secp384r1: { crv: 'P-384', bytes: 48, hash: 'SHA-384', alg: 'ES384' },
  secp521r1: { crv: 'P-521', bytes: 66, hash: 'SHA-512', alg: 'ES512' },
};

interface RawTest { tcId: number; comment: string; flags?: string[]; key?: string; msg: string; sig?: string; tag?: string; result: string }
interface RawGroup { type: string; tests: RawTest[]; [member: string]: unknown }
interface RawFile { algorithm: string; numberOfTests: number; testGroups: RawGroup[] }

function hex(s: string): Uint8Array {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new Error(`bad hex in Wycheproof data: ${s.slice(0, 16)}...`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function b64u(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A big-endian integer in hex (possibly with a sign byte) as exactly `bytes` bytes. */
function fixedHex(s: string, bytes: number): Uint8Array {
  const raw = hex(s.length % 2 === 0 ? s : `0${s}`);
  let start = 0;
  while (raw.length - start > bytes && raw[start] === 0) start++;
  if (raw.length - start > bytes) throw new Error(`coordinate longer than ${bytes} bytes in Wycheproof data`);
  const out = new Uint8Array(bytes);
  out.set(raw.subarray(start), bytes - (raw.length - start));
  return out;
}

function pickJwk(source: Record<string, unknown>, members: readonly (keyof WycheproofJwk)[]): WycheproofJwk {
  const jwk: WycheproofJwk = { kty: String(source['kty']) };
  for (const m of members) if (typeof source[m] === 'string') jwk[m] = source[m] as string;
  return jwk;
}

/** Algorithm and key of one group, or the reason it is not a JOSE parameter set. */
function groupKey(file: RawFile, g: RawGroup): { alg: WycheproofSignatureAlg; jwk?: WycheproofJwk } | string {
  const sha = String(g['sha'] ?? '');
  switch (g.type) {
    case 'MacTest': {
      const hashBits = Number(file.algorithm.replace('HMACSHA', ''));
      if (Number(g['tagSize']) !== hashBits) return `truncated ${String(g['tagSize'])}-bit tag: JWS uses the full ${hashBits}-bit HMAC output (RFC 7518 §3.2)`;
      return { alg: `HS${hashBits}` as WycheproofSignatureAlg };
    }
    case 'RsassaPkcs1Verify':
      return { alg: `RS${HASH_SUFFIX[sha]}` as WycheproofSignatureAlg, jwk: pickJwk(g['keyJwk'] as Record<string, unknown>, ['n', 'e']) };
    case 'RsassaPssVerify': {
      if (g['mgf'] !== 'MGF1' || g['mgfSha'] !== sha || Number(g['sLen']) !== HASH_BYTES[sha]) {
        return 'PSS parameters other than MGF1 with the same hash and salt length = hash length (RFC 7518 §3.5)';
      }
      return { alg: `PS${HASH_SUFFIX[sha]}` as WycheproofSignatureAlg, jwk: pickJwk(g['publicKeyJwk'] as Record<string, unknown>, ['n', 'e']) };
    }
    case 'EcdsaP1363Verify': {
      const pk = g['publicKey'] as { curve: string; wx: string; wy: string };
      const curve = EC_CURVES[pk.curve];
      if (curve === undefined || curve.hash !== sha) return `curve ${pk.curve} with ${sha} is not a JWS algorithm (RFC 7518 §3.4)`;
      // Some groups (special-case public keys) carry no JWK; build it from the affine coordinates.
      const given = g['publicKeyJwk'] as Record<string, unknown> | undefined;
      const jwk = given !== undefined
        ? pickJwk(given, ['crv', 'x', 'y'])
        : { kty: 'EC', crv: curve.crv, x: b64u(fixedHex(pk.wx, curve.bytes)), y: b64u(fixedHex(pk.wy, curve.bytes)) };
      return { alg: curve.alg, jwk };
    }
    case 'EddsaVerify':
      return { alg: 'EdDSA', jwk: pickJwk(g['publicKeyJwk'] as Record<string, unknown>, ['crv', 'x']) };
    default:
      return `group type ${g.type} is not a signature verification group`;
  }
}

/**
 * Load one Wycheproof signature/MAC file as normalized cases. `dir` (a folder URL ending in `/`)
 * overrides where the files are read from, for code that bundles this loader.
 *
 * @example
 * ```ts
 * const { cases, excluded } = loadWycheproofSignatureFile('ecdsa_secp256r1_sha256_p1363_test.json');
 * for (const c of cases) expect(await verify(c.alg, c.jwk, c.msg, c.sig)).toBe(c.result === 'valid');
 * ```
 */
export function loadWycheproofSignatureFile(file: WycheproofSignatureFileName, dir: URL = VECTORS): WycheproofSignatureFile {
  const raw = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as RawFile;
  const cases: WycheproofSignatureCase[] = [];
  const excluded: WycheproofExcludedGroup[] = [];
  raw.testGroups.forEach((g, index) => {
    const key = groupKey(raw, g);
    if (typeof key === 'string') {
      excluded.push({ file, group: `#${index} (${g.type})`, tests: g.tests.length, reason: key });
      return;
    }
    for (const t of g.tests) {
      if (t.result !== 'valid' && t.result !== 'invalid' && t.result !== 'acceptable') throw new Error(`${file} tcId ${t.tcId}: unknown result ${t.result}`);
      cases.push(Object.freeze({
        file,
        tcId: t.tcId,
        comment: t.comment,
        flags: Object.freeze([...(t.flags ?? [])]),
        alg: key.alg,
        jwk: Object.freeze(key.jwk ?? { kty: 'oct', k: b64u(hex(t.key ?? '')) }),
        msg: hex(t.msg),
        sig: hex(t.sig ?? t.tag ?? ''),
        result: t.result,
      }));
    }
  });
  return { file, algorithm: raw.algorithm, numberOfTests: raw.numberOfTests, cases, excluded };
}

/** Every JOSE signature/MAC file, loaded (see {@link loadWycheproofSignatureFile} for `dir`). */
export function loadWycheproofSignatures(dir: URL = VECTORS): WycheproofSignatureFile[] {
  return WYCHEPROOF_SIGNATURE_FILES.map((file) => loadWycheproofSignatureFile(file, dir));
}
