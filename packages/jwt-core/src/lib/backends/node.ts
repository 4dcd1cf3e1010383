/**
 * The node:crypto backend: the fast path on Node (and Bun/Deno, which expose node:crypto).
 * node:crypto is reached at run time through `nodeCrypto()`, never imported, so the same build
 * runs on the Edge runtime, where this backend simply reports itself unavailable.
 *
 * Each key is imported once into a KeyObject, and the options object passed to sign/verify is
 * built once per key, so a call allocates nothing beyond what node:crypto itself needs.
 */
import { algorithmInfo, type AlgorithmInfo, type JwsAlgorithm } from '../algorithms.js';
import { timingSafeEqualString } from '../constant-time.js';
import type { Jwk } from '../types.js';
import { jwkBytes, keyImportFailed, privateJwk, publicJwk } from './jwk-parts.js';
import { nodeCrypto, type NodeCrypto } from './runtime.js';
import type { SignatureBackend, SignFn, VerifyFn } from './types.js';
import { backendUnsupported } from './unsupported.js';

const NODE_HASH = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

/** Hash name node:crypto expects for `alg`; null for Ed25519, which hashes internally (RFC 8032 §5.1.6). */
function hashOf(info: AlgorithmInfo): string | null {
  return info.hash === undefined ? null : NODE_HASH[info.hash];
}

function sigInfo(alg: JwsAlgorithm): AlgorithmInfo {
  const info = algorithmInfo(alg);
  if (info === undefined || info.use !== 'sig') throw backendUnsupported('node', String(alg), 'not a JWS algorithm');
  return info;
}

/**
 * What node:crypto's sign/verify take as the key argument: the KeyObject alone for PKCS#1 v1.5 and
 * Ed25519, an options object for PSS (RFC 7518 §3.5: MGF1 with the same hash, salt length = hash
 * length) and ECDSA (JOSE signatures are R || S, RFC 7518 §3.4, i.e. IEEE P1363).
 */
function keyArgument(node: NodeCrypto, info: AlgorithmInfo, key: unknown): unknown {
  if (info.family === 'RSA-PSS') {
    const saltLength = info.hash === 'SHA-256' ? 32 : info.hash === 'SHA-384' ? 48 : 64;
    return { key, padding: node.constants['RSA_PKCS1_PSS_PADDING'], saltLength };
  }
  if (info.family === 'ECDSA') return { key, dsaEncoding: 'ieee-p1363' };
  return key;
}

function importKey(node: NodeCrypto, alg: JwsAlgorithm, jwk: Readonly<Jwk>, usage: 'sign' | 'verify'): unknown {
  try {
    if (jwk.kty === 'oct') return node.createSecretKey(jwkBytes(jwk, 'k'));
    return usage === 'sign'
      ? node.createPrivateKey({ key: privateJwk(jwk), format: 'jwk' })
      : node.createPublicKey({ key: publicJwk(jwk), format: 'jwk' });
  } catch (cause) {
    throw keyImportFailed('node', alg, jwk, cause);
  }
}

/**
 * node:crypto returns Buffers. Signers hand out plain Uint8Arrays (a view, no copy) so every backend
 * returns the same type: Buffer's `slice` shares memory and its `toString`/`toJSON` differ.
 */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function requireNode(alg: JwsAlgorithm): NodeCrypto {
  const node = nodeCrypto();
  if (node === undefined) throw backendUnsupported('node', alg);
  return node;
}

/** The node:crypto signature backend. */
export const node: SignatureBackend = {
  name: 'node',

  available(alg: JwsAlgorithm): boolean {
    return nodeCrypto() !== undefined && algorithmInfo(alg)?.use === 'sig';
  },

  signer(alg: JwsAlgorithm, jwk: Readonly<Jwk>): SignFn {
    const node = requireNode(alg);
    const info = sigInfo(alg);
    const hash = hashOf(info);
    const key = importKey(node, alg, jwk, 'sign');
    // The JWS signing input is ASCII (base64url and '.'): node:crypto hashes the string's latin1
    // bytes without a copy and encodes the MAC as base64url itself.
    if (info.family === 'HMAC') {
      const sign: SignFn = (data) => plain(node.createHmac(hash!, key).update(data).digest());
      sign.base64url = (input) => node.createHmac(hash!, key).update(input, 'latin1').digest('base64url');
      return sign;
    }
    const arg = keyArgument(node, info, key);
    return (data) => plain(node.sign(hash, data, arg));
  },

  verifier(alg: JwsAlgorithm, jwk: Readonly<Jwk>): VerifyFn {
    const node = requireNode(alg);
    const info = sigInfo(alg);
    const hash = hashOf(info);
    const key = importKey(node, alg, jwk, 'verify');
    if (info.family === 'HMAC') {
      const length = info.signatureBytes!;
      // node's timingSafeEqual compares in constant time and throws on a length mismatch, which the
      // length check (public information) rules out first.
      const verify: VerifyFn = (data, signature) =>
        signature.length === length && node.timingSafeEqual(node.createHmac(hash!, key).update(data).digest(), signature);
      // The JWS signing input is ASCII: node:crypto hashes the string's latin1 bytes without a copy.
      verify.ascii = (input, signature) =>
        signature.length === length && node.timingSafeEqual(node.createHmac(hash!, key).update(input, 'latin1').digest(), signature);
      // The signature segment as text: node encodes the MAC as canonical base64url and the two texts
      // are compared in constant time, so the signature is never decoded (RFC 7515 §2).
      const encodedLength = Math.ceil((length * 4) / 3);
      verify.base64url = (input, signature) =>
        signature.length === encodedLength && timingSafeEqualString(node.createHmac(hash!, key).update(input, 'latin1').digest('base64url'), signature);
      return verify;
    }
    const arg = keyArgument(node, info, key);
    return (data, signature) => {
      try {
        return node.verify(hash, data, arg, signature);
      } catch {
        // OpenSSL throws on some malformed signatures (e.g. an RSA signature longer than the modulus).
        return false;
      }
    };
  },
};
