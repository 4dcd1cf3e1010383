/**
 * Signature checks: lengths before comparison, ECDSA range checks, the JOSE R||S format, canonical
 * Ed25519 S, and HMACs that only the right key produces.
 */
import { accepted, all, refused } from './attempt.js';
import { b64u, concatBytes, flipByte, segment, unb64u, withSegment } from './encoding.js';
import { hmacKey, signValid, verifyOptions } from './keys.js';
import type { SecurityApi, SecurityCase, SecurityContext } from './types.js';

const FAILED = 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';

/** Group orders (SEC 2 §2.4.2, §2.5.1, §2.6.1), big-endian hex. */
const EC_ORDER: Record<string, string> = {
  ES256: 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  ES384: 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  ES512: '1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
};
const EC_SIZE: Record<string, number> = { ES256: 32, ES384: 48, ES512: 66 };
/** Ed25519 group order L (RFC 8032 §5.1), big-endian hex. */
const ED25519_L = '1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed';

function hexBytes(hex: string, size = hex.length / 2): Uint8Array {
  const out = new Uint8Array(size);
  const h = hex.padStart(size * 2, '0');
  for (let i = 0; i < size; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Each variant of the signature segment must be refused with a signature error. */
async function refuseSignatures(api: SecurityApi, ctx: SecurityContext, token: string, key: unknown, alg: string, variants: readonly [string, Uint8Array][]): Promise<string | null> {
  for (const [what, sig] of variants) {
    const failure = await refused(`${alg}: ${what}`, FAILED, () => api.verifyJwt(withSegment(token, 2, b64u(sig)), key, verifyOptions(ctx, [alg])));
    if (failure !== null) return failure;
  }
  return accepted(`${alg}: the untouched token (control)`, () => api.verifyJwt(token, key, verifyOptions(ctx, [alg])));
}

/** ASN.1 DER of an ECDSA signature from its JOSE R||S form (RFC 7518 §3.4 forbids sending this). */
function toDer(p1363: Uint8Array): Uint8Array {
  const half = p1363.length / 2;
  const int = (b: Uint8Array): Uint8Array => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    const body = v[0]! & 0x80 ? concatBytes(new Uint8Array([0]), v) : v;
    return concatBytes(new Uint8Array([0x02, body.length]), body);
  };
  const seq = concatBytes(int(p1363.subarray(0, half)), int(p1363.subarray(half)));
  const len = seq.length < 128 ? new Uint8Array([seq.length]) : new Uint8Array([0x81, seq.length]);
  return concatBytes(new Uint8Array([0x30]), len, seq);
}

/** Little-endian 256-bit addition (Ed25519 S is little-endian). */
function addLe(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const s = a[i]! + b[i]! + carry;
    out[i] = s & 0xff;
    carry = s >> 8;
  }
  return out;
}

export const signatureCases: SecurityCase[] = [
  {
    id: 'CVE-2020-28042',
    aliases: [],
    area: 'signatures',
    title: 'an empty or short HMAC signature accepted',
    summary: 'The verifier compared only as many bytes as the token supplied, so a token with an empty (or one-byte) signature passed HMAC verification.',
    protection: "The signature's length is checked against the algorithm's exact size before any comparison, on every backend.",
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2020-28042'],
    vectors: ['neg-sig-empty', 'neg-sig-truncated', 'neg-sig-one-byte', 'neg-sig-extended', 'neg-rs256-truncated'],
    checks: [
      {
        name: 'HS256/384/512: empty, 1-byte, half, one-short, one-long and all-zero signatures are refused',
        expect: { refused: FAILED },
        async run(api, ctx) {
          for (const alg of ['HS256', 'HS384', 'HS512']) {
            const key = hmacKey(api, alg);
            const token = await signValid(api, ctx, key, alg);
            const sig = unb64u(token.split('.')[2]!);
            const failure = await refuseSignatures(api, ctx, token, key, alg, [
              ['empty', new Uint8Array(0)], ['one byte', sig.subarray(0, 1)], ['first half', sig.subarray(0, sig.length / 2)],
              ['one byte short', sig.subarray(0, sig.length - 1)], ['one byte long', concatBytes(sig, new Uint8Array([0]))], ['all zero', new Uint8Array(sig.length)],
            ]);
            if (failure !== null) return failure;
          }
          return null;
        },
      },
      {
        name: 'ES256, EdDSA and RS256: empty and truncated signatures are refused',
        expect: { refused: FAILED },
        algs: ['RS256'],
        async run(api, ctx) {
          for (const alg of ['ES256', 'EdDSA', 'RS256']) {
            const { privateKey, publicKey } = await ctx.keyPair(alg);
            const token = await signValid(api, ctx, privateKey, alg);
            const sig = unb64u(token.split('.')[2]!);
            const failure = await refuseSignatures(api, ctx, token, publicKey, alg, [['empty', new Uint8Array(0)], ['one byte short', sig.subarray(0, sig.length - 1)], ['one byte', sig.subarray(0, 1)]]);
            if (failure !== null) return failure;
          }
          return null;
        },
      },
    ],
  },
  {
    id: 'CVE-2022-21449',
    aliases: [],
    area: 'signatures',
    title: 'ECDSA signatures with r = s = 0 accepted ("psychic signatures", Java)',
    summary: 'The ECDSA verifier did not check that r and s lie in [1, n-1]; a signature of zeros verified any message under any key.',
    protection: 'Every backend (node:crypto, WebCrypto, noble) refuses r or s equal to 0 or at least n; tests run each one.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2022-21449'],
    vectors: ['neg-es256-r-s-zero', 'neg-es256-r-s-order', 'neg-es384-r-s-zero', 'neg-es384-r-s-order', 'neg-es512-r-s-zero', 'neg-es512-r-s-order'],
    checks: [
      {
        name: 'ES256/384/512: r = s = 0, r = s = n, and r = 0 with a real s are refused',
        expect: { refused: FAILED },
        async run(api, ctx) {
          for (const alg of ['ES256', 'ES384', 'ES512']) {
            const size = EC_SIZE[alg]!;
            const { privateKey, publicKey } = await ctx.keyPair(alg);
            const token = await signValid(api, ctx, privateKey, alg);
            const sig = unb64u(token.split('.')[2]!);
            const n = hexBytes(EC_ORDER[alg]!, size);
            const failure = await refuseSignatures(api, ctx, token, publicKey, alg, [
              ['r = s = 0', new Uint8Array(2 * size)], ['r = s = n', concatBytes(n, n)],
              ['r = 0, real s', concatBytes(new Uint8Array(size), sig.subarray(size))], ['real r, s = n', concatBytes(sig.subarray(0, size), n)],
            ]);
            if (failure !== null) return failure;
          }
          return null;
        },
      },
    ],
  },
  {
    id: 'CVE-2025-65945',
    aliases: ['GHSA-869p-cjfg-cm3x'],
    area: 'signatures',
    title: 'HMAC verification with a secret looked up from token data (node-jws)',
    summary: 'HMAC verification went wrong when the application chose the secret from data in the token (header or payload), letting a token steer which secret its MAC was checked with.',
    protection: 'HMACs are recomputed and compared in constant time over the exact length; a resolver may pick keys by kid, but the key it returns must verify the MAC, and any changed byte is refused.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2025-65945', 'https://github.com/advisories/GHSA-869p-cjfg-cm3x'],
    vectors: ['neg-sig-last-byte-flipped', 'neg-payload-tampered', 'neg-wrong-key'],
    checks: [
      {
        name: 'a MAC with its first, middle or last byte changed, or made with another secret, is refused',
        expect: { refused: FAILED },
        async run(api, ctx) {
          const key = hmacKey(api);
          const token = await signValid(api, ctx, key, 'HS256');
          const sig = unb64u(token.split('.')[2]!);
          const other = unb64u((await signValid(api, ctx, hmacKey(api), 'HS256')).split('.')[2]!);
          return refuseSignatures(api, ctx, token, key, 'HS256', [
            ['first byte changed', flipByte(sig, 0)], ['middle byte changed', flipByte(sig, 16, 0x80)], ['last byte changed', flipByte(sig, -1)], ['MAC of another secret', other],
          ]);
        },
      },
      {
        name: 'a resolver choosing the secret by kid: a token naming another kid than the one that MACed it is refused',
        expect: { refused: FAILED },
        async run(api, ctx) {
          const a = hmacKey(api, 'HS256', 'tenant-a');
          const b = hmacKey(api, 'HS256', 'tenant-b');
          const resolve = (header: { kid?: unknown }) => (header.kid === 'tenant-a' ? a : b);
          const byB = await signValid(api, ctx, b, 'HS256', { sub: 'admin' });
          // Rewrite the header to name tenant-a while keeping B's MAC.
          const relabelled = withSegment(byB, 0, segment({ alg: 'HS256', typ: 'JWT', kid: 'tenant-a' }));
          return all(
            () => refused('kid rewritten to tenant-a', FAILED, () => api.verifyJwt(relabelled, resolve, verifyOptions(ctx, ['HS256']))),
            () => accepted("tenant-b's own token (control)", () => api.verifyJwt(byB, resolve, verifyOptions(ctx, ['HS256']))),
          );
        },
      },
    ],
  },
  {
    id: 'DER-instead-of-P1363',
    aliases: [],
    area: 'signatures',
    title: 'ECDSA signatures in ASN.1 DER instead of the fixed-size JOSE form (R then S)',
    summary: 'Libraries that hand the JWS signature straight to a DER-expecting verifier accept (or crash on) DER signatures; RFC 7518 §3.4 requires the fixed-size R||S form, and accepting both makes signatures malleable.',
    protection: 'ES signatures must be exactly 2 × the curve size bytes; a DER encoding of a valid signature is refused on every backend.',
    references: ['https://www.rfc-editor.org/rfc/rfc7518#section-3.4'],
    vectors: ['neg-es256-der', 'neg-es384-der', 'neg-es512-der'],
    checks: [
      {
        name: 'ES256/384/512: the DER encoding of a valid signature is refused',
        expect: { refused: FAILED },
        async run(api, ctx) {
          for (const alg of ['ES256', 'ES384', 'ES512']) {
            const { privateKey, publicKey } = await ctx.keyPair(alg);
            const token = await signValid(api, ctx, privateKey, alg);
            const failure = await refuseSignatures(api, ctx, token, publicKey, alg, [['DER', toDer(unb64u(token.split('.')[2]!))]]);
            if (failure !== null) return failure;
          }
          return null;
        },
      },
    ],
  },
  {
    id: 'Ed25519-non-canonical-S',
    aliases: [],
    area: 'signatures',
    title: 'Ed25519 signatures with S >= L (malleability)',
    summary: 'Verifiers that do not check S < L (RFC 8032 §5.1.7) accept a second valid-looking signature S + L for every signature, breaking uniqueness assumptions such as replay caches keyed by signature.',
    protection: 'All three backends refuse S >= L; the test adds L to a real S and also sends S = L.',
    references: ['https://www.rfc-editor.org/rfc/rfc8032#section-5.1.7'],
    vectors: ['neg-eddsa-s-not-canonical', 'neg-eddsa-zero'],
    checks: [
      {
        name: 'EdDSA: S + L, S = L and an all-zero signature are refused',
        expect: { refused: FAILED },
        async run(api, ctx) {
          const { privateKey, publicKey } = await ctx.keyPair('EdDSA');
          const token = await signValid(api, ctx, privateKey, 'EdDSA');
          const sig = unb64u(token.split('.')[2]!);
          const l = hexBytes(ED25519_L).reverse();
          return refuseSignatures(api, ctx, token, publicKey, 'EdDSA', [
            ['S + L', concatBytes(sig.subarray(0, 32), addLe(sig.subarray(32), l))], ['S = L', concatBytes(sig.subarray(0, 32), l)], ['all zero', new Uint8Array(64)],
          ]);
        },
      },
    ],
  },
];
