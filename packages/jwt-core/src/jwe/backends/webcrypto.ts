/**
 * JWE primitives over WebCrypto (SubtleCrypto): native AES, RSA and ECDH wherever the Web platform
 * is (Edge runtime, Deno, browsers). Keys are imported per call except RSA/ECDH private keys,
 * which are cached on the Tessera key through `prepare`.
 */
import type { Jwk } from '../../lib/types.js';
import { privateJwk, publicJwk } from '../../lib/backends/jwk-parts.js';
import { subtle } from '../../lib/backends/runtime.js';
import { assertNonZeroSecret, ECDH_SECRET_BYTES, ecdhCurve, validatePublicPoint } from './ec-point.js';
import { NO_CACHE, type EcdhCurve, type JweCrypto, type Prepare, type ShaName } from './types.js';

function s(): SubtleCrypto {
  const c = subtle();
  if (c === undefined) throw new Error('WebCrypto is not available in this runtime');
  return c;
}

const u8 = (b: ArrayBuffer): Uint8Array => new Uint8Array(b);
// WebCrypto's types want ArrayBuffer-backed views; copying also detaches us from caller buffers.
const buf = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

const aesKey = (raw: Uint8Array, name: 'AES-CBC' | 'AES-GCM' | 'AES-KW', usages: KeyUsage[]): Promise<CryptoKey> =>
  s().importKey('raw', buf(raw), { name }, false, usages);

function ecParams(crv: EcdhCurve): EcKeyImportParams | Algorithm {
  return crv === 'X25519' ? { name: 'X25519' } : { name: 'ECDH', namedCurve: crv };
}

function rsaKey(hash: ShaName, jwk: Readonly<Jwk>, priv: boolean, prepare: Prepare): Promise<CryptoKey> {
  const params = { name: 'RSA-OAEP', hash };
  return priv
    ? prepare(`webcrypto:rsa-oaep:${hash}:private`, () => s().importKey('jwk', privateJwk(jwk) as JsonWebKey, params, false, ['decrypt']))
    : prepare(`webcrypto:rsa-oaep:${hash}:public`, () => s().importKey('jwk', publicJwk(jwk) as JsonWebKey, params, false, ['encrypt']));
}

export const webcryptoJweCrypto: JweCrypto = {
  name: 'webcrypto',
  rsa: true,

  async aesCbcEncrypt(key, iv, plaintext) {
    return u8(await s().encrypt({ name: 'AES-CBC', iv: buf(iv) }, await aesKey(key, 'AES-CBC', ['encrypt']), buf(plaintext)));
  },

  async aesCbcDecrypt(key, iv, ciphertext) {
    return u8(await s().decrypt({ name: 'AES-CBC', iv: buf(iv) }, await aesKey(key, 'AES-CBC', ['decrypt']), buf(ciphertext)));
  },

  async hmac(hash, key, data) {
    const k = await s().importKey('raw', buf(key), { name: 'HMAC', hash }, false, ['sign']);
    return u8(await s().sign('HMAC', k, buf(data)));
  },

  async gcmEncrypt(key, iv, plaintext, aad) {
    if (iv.length !== 12) throw new Error('GCM IV must be 96 bits');
    const out = u8(await s().encrypt({ name: 'AES-GCM', iv: buf(iv), additionalData: buf(aad), tagLength: 128 }, await aesKey(key, 'AES-GCM', ['encrypt']), buf(plaintext)));
    return { ciphertext: out.slice(0, out.length - 16), tag: out.slice(out.length - 16) };
  },

  async gcmDecrypt(key, iv, ciphertext, tag, aad) {
    if (iv.length !== 12 || tag.length !== 16) throw new Error('GCM needs a 96-bit IV and a 128-bit tag');
    const joined = new Uint8Array(ciphertext.length + 16);
    joined.set(ciphertext);
    joined.set(tag, ciphertext.length);
    return u8(await s().decrypt({ name: 'AES-GCM', iv: buf(iv), additionalData: buf(aad), tagLength: 128 }, await aesKey(key, 'AES-GCM', ['decrypt']), joined));
  },

  async aesKwWrap(kek, keyData) {
    if (keyData.length < 16 || keyData.length % 8 !== 0) throw new Error('AES-KW wraps a multiple of 8 bytes, at least 16');
    // WebCrypto wraps CryptoKeys only: carry the bytes as an extractable HMAC key (any length works).
    const carrier = await s().importKey('raw', buf(keyData), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    return u8(await s().wrapKey('raw', carrier, await aesKey(kek, 'AES-KW', ['wrapKey']), 'AES-KW'));
  },

  async aesKwUnwrap(kek, wrapped) {
    if (wrapped.length < 24 || wrapped.length % 8 !== 0) throw new Error('AES-KW input must be a multiple of 8 bytes, at least 24');
    const k = await s().unwrapKey('raw', buf(wrapped), await aesKey(kek, 'AES-KW', ['unwrapKey']), 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    return u8(await s().exportKey('raw', k));
  },

  async rsaOaepEncrypt(hash, jwk, data, prepare = NO_CACHE, label) {
    const params = label ? { name: 'RSA-OAEP', label: buf(label) } : { name: 'RSA-OAEP' };
    return u8(await s().encrypt(params, await rsaKey(hash, jwk, false, prepare), buf(data)));
  },

  async rsaOaepDecrypt(hash, jwk, data, prepare = NO_CACHE, label) {
    const params = label ? { name: 'RSA-OAEP', label: buf(label) } : { name: 'RSA-OAEP' };
    return u8(await s().decrypt(params, await rsaKey(hash, jwk, true, prepare), buf(data)));
  },

  async ecdh(privJwk, pubJwk, prepare = NO_CACHE) {
    const crv = ecdhCurve(privJwk);
    if (crv === undefined) throw new Error('unsupported ECDH key');
    validatePublicPoint(pubJwk, crv);
    const params = ecParams(crv);
    const priv = await prepare('webcrypto:ecdh:private', () => s().importKey('jwk', privateJwk(privJwk) as JsonWebKey, params, false, ['deriveBits']));
    const pub = await s().importKey('jwk', publicJwk(pubJwk) as JsonWebKey, params, true, []);
    const bits = ECDH_SECRET_BYTES[crv] * 8;
    const z = u8(await s().deriveBits({ name: params.name, public: pub } as EcdhKeyDeriveParams, priv, bits));
    return crv === 'X25519' ? assertNonZeroSecret(z) : z;
  },

  async generateEphemeral(crv) {
    const pair = (await s().generateKey(ecParams(crv) as EcKeyGenParams, true, ['deriveBits'])) as CryptoKeyPair;
    const privateJwkOut = (await s().exportKey('jwk', pair.privateKey)) as Jwk;
    return { privateJwk: privateJwk(privateJwkOut), publicJwk: publicJwk(privateJwkOut) };
  },

  async digest(hash, data) {
    return u8(await s().digest(hash, buf(data)));
  },

  async pbkdf2(hash, password, salt, iterations, length) {
    const base = await s().importKey('raw', buf(password), 'PBKDF2', false, ['deriveBits']);
    return u8(await s().deriveBits({ name: 'PBKDF2', hash, salt: buf(salt), iterations }, base, length * 8));
  },
};
