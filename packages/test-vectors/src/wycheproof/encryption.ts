/**
 * Wycheproof vectors for the primitives under JWE (C2SP/wycheproof `testvectors_v1/`, see
 * vectors/wycheproof/README.md for the commit and licence), normalized so each backend can run
 * every case:
 *
 * - `a128cbc_hs256_test.json`, `a192cbc_hs384_test.json`, `a256cbc_hs512_test.json`: A*CBC-HS*
 *   content encryption (RFC 7518 §5.2);
 * - `aes_gcm_test.json`: A*GCM content encryption and A*GCMKW (RFC 7518 §5.3, §4.7);
 * - `aes_wrap_test.json`: A*KW (RFC 7518 §4.4, RFC 3394);
 * - `rsa_oaep_2048_sha1_mgf1sha1_test.json`, `rsa_oaep_2048_sha256_mgf1sha256_test.json`:
 *   RSA-OAEP and RSA-OAEP-256 (RFC 7518 §4.3);
 * - `ecdh_secp{256,384,521}r1_webcrypto_test.json`, `x25519_jwk_test.json`: the ECDH-ES key
 *   agreement with JWK-encoded keys (RFC 7518 §4.6, RFC 8037 §3.2).
 *
 * Only the parameter sets JOSE uses become cases; every group left out is listed in `excluded`
 * with the reason (today: AES-GCM groups with IVs other than 96 bits, which JOSE never uses).
 */
import { readFileSync } from 'node:fs';

export type WycheproofContentEnc = 'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512' | 'A128GCM' | 'A192GCM' | 'A256GCM';
export type WycheproofResult = 'valid' | 'invalid' | 'acceptable';

interface CaseBase {
  readonly file: string;
  readonly tcId: number;
  readonly comment: string;
  readonly flags: readonly string[];
  /** `acceptable`: the standard allows either answer; the file's notes explain the flag. */
  readonly result: WycheproofResult;
}

/** Authenticated content encryption: A*CBC-HS* (key = MAC_KEY || ENC_KEY) or A*GCM. */
export interface WycheproofAeadCase extends CaseBase {
  readonly kind: 'aead';
  readonly enc: WycheproofContentEnc;
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
  readonly aad: Uint8Array;
  readonly msg: Uint8Array;
  readonly ct: Uint8Array;
  readonly tag: Uint8Array;
}

/** AES key wrap: `msg` wrapped under `key` gives `ct`. */
export interface WycheproofKeyWrapCase extends CaseBase {
  readonly kind: 'keywrap';
  readonly key: Uint8Array;
  readonly msg: Uint8Array;
  readonly ct: Uint8Array;
}

/** A JWK as the data gives it (members other than the key's own are dropped). */
export interface WycheproofEncJwk {
  kty: string;
  [member: string]: string;
}

/** RSAES-OAEP decryption of `ct` with the private key; `label` is empty in JOSE. */
export interface WycheproofOaepCase extends CaseBase {
  readonly kind: 'rsa-oaep';
  readonly alg: 'RSA-OAEP' | 'RSA-OAEP-256';
  readonly hash: 'SHA-1' | 'SHA-256';
  readonly privateJwk: Readonly<WycheproofEncJwk>;
  readonly msg: Uint8Array;
  readonly ct: Uint8Array;
  readonly label: Uint8Array;
}

/** ECDH between `privateJwk` and `publicJwk`, giving `shared` (empty for invalid cases). */
export interface WycheproofEcdhCase extends CaseBase {
  readonly kind: 'ecdh';
  readonly crv: 'P-256' | 'P-384' | 'P-521' | 'X25519';
  readonly privateJwk: Readonly<WycheproofEncJwk>;
  readonly publicJwk: Readonly<WycheproofEncJwk>;
  readonly shared: Uint8Array;
}

export type WycheproofEncryptionCase = WycheproofAeadCase | WycheproofKeyWrapCase | WycheproofOaepCase | WycheproofEcdhCase;

export interface WycheproofExcludedEncryptionGroup {
  readonly file: string;
  readonly group: string;
  readonly tests: number;
  readonly reason: string;
}

export interface WycheproofEncryptionFile<C extends WycheproofEncryptionCase = WycheproofEncryptionCase> {
  readonly file: string;
  readonly algorithm: string;
  readonly numberOfTests: number;
  readonly cases: readonly C[];
  readonly excluded: readonly WycheproofExcludedEncryptionGroup[];
}

export const WYCHEPROOF_ENCRYPTION_FILES = {
  aead: ['a128cbc_hs256_test.json', 'a192cbc_hs384_test.json', 'a256cbc_hs512_test.json', 'aes_gcm_test.json'],
  keywrap: ['aes_wrap_test.json'],
  'rsa-oaep': ['rsa_oaep_2048_sha1_mgf1sha1_test.json', 'rsa_oaep_2048_sha256_mgf1sha256_test.json'],
  ecdh: ['ecdh_secp256r1_webcrypto_test.json', 'ecdh_secp384r1_webcrypto_test.json', 'ecdh_secp521r1_webcrypto_test.json', 'x25519_jwk_test.json'],
} as const;

type Kind = keyof typeof WYCHEPROOF_ENCRYPTION_FILES;
type CaseOf<K extends Kind> = Extract<WycheproofEncryptionCase, { kind: K }>;
export type WycheproofEncryptionFileName = (typeof WYCHEPROOF_ENCRYPTION_FILES)[Kind][number];

// src/wycheproof/ and dist/wycheproof/ are both two levels below the package root, next to vectors/.
const VECTORS = new URL('../../vectors/wycheproof/', import.meta.url);

type RawTest = Record<string, unknown> & { tcId: number; comment: string; flags?: string[]; result: string };
type RawGroup = Record<string, unknown> & { type: string; tests: RawTest[] };
interface RawFile { algorithm: string; numberOfTests: number; testGroups: RawGroup[] }

function hex(s: unknown): Uint8Array {
  const str = typeof s === 'string' ? s : '';
  if (str.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(str)) throw new Error(`bad hex in Wycheproof data: ${str.slice(0, 16)}...`);
  const out = new Uint8Array(str.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(str.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The key members of a JWK from the data (`kid`, `alg` and friends dropped). */
function jwkOf(source: unknown): WycheproofEncJwk {
  const src = (source ?? {}) as Record<string, unknown>;
  const jwk: WycheproofEncJwk = { kty: String(src['kty']) };
  for (const m of ['crv', 'x', 'y', 'd', 'n', 'e', 'p', 'q', 'dp', 'dq', 'qi']) if (typeof src[m] === 'string') jwk[m] = src[m] as string;
  return jwk;
}

function result(file: string, t: RawTest): WycheproofResult {
  if (t.result !== 'valid' && t.result !== 'invalid' && t.result !== 'acceptable') throw new Error(`${file} tcId ${t.tcId}: unknown result ${t.result}`);
  return t.result;
}

const AEAD_ENC: Readonly<Record<string, WycheproofContentEnc>> = {
  'A128CBC-HS256': 'A128CBC-HS256', 'A192CBC-HS384': 'A192CBC-HS384', 'A256CBC-HS512': 'A256CBC-HS512',
};
const GCM_ENC: Readonly<Record<number, WycheproofContentEnc>> = { 128: 'A128GCM', 192: 'A192GCM', 256: 'A256GCM' };
const ECDH_CURVES: Readonly<Record<string, WycheproofEcdhCase['crv']>> = { 'P-256': 'P-256', 'P-384': 'P-384', 'P-521': 'P-521', curve25519: 'X25519' };

/** The case builder of one group, or the reason the group is left out. */
function groupBuilder(file: string, raw: RawFile, g: RawGroup): ((base: CaseBase, t: RawTest) => WycheproofEncryptionCase) | string {
  switch (g.type) {
    case 'AeadTest': {
      const enc = AEAD_ENC[raw.algorithm] ?? (raw.algorithm === 'AES-GCM' ? GCM_ENC[Number(g['keySize'])] : undefined);
      if (enc === undefined) return `algorithm ${raw.algorithm} with a ${String(g['keySize'])}-bit key is not a JWE content encryption`;
      if (raw.algorithm === 'AES-GCM' && (Number(g['ivSize']) !== 96 || Number(g['tagSize']) !== 128)) {
        return `AES-GCM with a ${String(g['ivSize'])}-bit IV and a ${String(g['tagSize'])}-bit tag: JOSE uses 96-bit IVs and 128-bit tags only (RFC 7518 §5.3)`;
      }
      return (base, t) => ({ ...base, kind: 'aead', enc, key: hex(t['key']), iv: hex(t['iv']), aad: hex(t['aad']), msg: hex(t['msg']), ct: hex(t['ct']), tag: hex(t['tag']) });
    }
    case 'KeywrapTest':
      return (base, t) => ({ ...base, kind: 'keywrap', key: hex(t['key']), msg: hex(t['msg']), ct: hex(t['ct']) });
    case 'RsaesOaepDecrypt': {
      const sha = g['sha'];
      if (g['mgf'] !== 'MGF1' || g['mgfSha'] !== sha || (sha !== 'SHA-1' && sha !== 'SHA-256')) return 'OAEP parameters JOSE does not use (RFC 7518 §4.3: MGF1 with the same hash)';
      const privateJwk = Object.freeze(jwkOf(g['privateKeyJwk']));
      return (base, t) => ({ ...base, kind: 'rsa-oaep', alg: sha === 'SHA-1' ? 'RSA-OAEP' : 'RSA-OAEP-256', hash: sha, privateJwk, msg: hex(t['msg']), ct: hex(t['ct']), label: hex(t['label']) });
    }
    case 'EcdhWebcryptoTest': case 'XdhJwkComp': {
      const crv = ECDH_CURVES[String(g['curve'])];
      if (crv === undefined) return `curve ${String(g['curve'])} is not an ECDH-ES curve`;
      return (base, t) => ({ ...base, kind: 'ecdh', crv, privateJwk: Object.freeze(jwkOf(t['private'])), publicJwk: Object.freeze(jwkOf(t['public'])), shared: hex(t['shared']) });
    }
    default:
      return `group type ${g.type} is not an encryption group`;
  }
}

/**
 * Load one Wycheproof encryption file as normalized cases. `dir` (a folder URL ending in `/`)
 * overrides where the files are read from.
 *
 * @example
 * ```ts
 * const { cases } = loadWycheproofEncryptionFile('aes_wrap_test.json');
 * for (const c of cases) if (c.kind === 'keywrap' && c.result === 'valid') expect(await unwrap(c.key, c.ct)).toEqual(c.msg);
 * ```
 */
export function loadWycheproofEncryptionFile<K extends Kind>(kind: K, file: (typeof WYCHEPROOF_ENCRYPTION_FILES)[K][number], dir: URL = VECTORS): WycheproofEncryptionFile<CaseOf<K>> {
  const raw = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as RawFile;
  const cases: CaseOf<K>[] = [];
  const excluded: WycheproofExcludedEncryptionGroup[] = [];
  raw.testGroups.forEach((g, index) => {
    const build = groupBuilder(file, raw, g);
    if (typeof build === 'string') {
      excluded.push({ file, group: `#${index} (${g.type})`, tests: g.tests.length, reason: build });
      return;
    }
    for (const t of g.tests) {
      const c = build({ file, tcId: t.tcId, comment: t.comment, flags: Object.freeze([...(t.flags ?? [])]), result: result(file, t) }, t);
      if (c.kind !== kind) throw new Error(`${file}: expected ${kind} cases, got ${c.kind}`);
      cases.push(Object.freeze(c) as CaseOf<K>);
    }
  });
  return { file, algorithm: raw.algorithm, numberOfTests: raw.numberOfTests, cases, excluded };
}
