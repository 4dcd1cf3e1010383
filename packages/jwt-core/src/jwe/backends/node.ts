/**
 * JWE primitives over node:crypto (OpenSSL): native, constant-time AES (AES-NI), the fast path on
 * Node, Bun and Deno. node:crypto is reached at run time (lib/backends/runtime.ts), never imported.
 */
import type { Jwk } from '../../lib/types.js';
import { privateJwk, publicJwk } from '../../lib/backends/jwk-parts.js';
import { NODE_JWK_ENCODING, nodeCrypto, type NodeCrypto, type NodeKeyObject } from '../../lib/backends/runtime.js';
import { concat } from '../../lib/utf8.js';
import { assertNonZeroSecret, ecdhCurve, validatePublicPoint } from './ec-point.js';
import { NO_CACHE, type EcdhCurve, type JweCrypto, type Prepare, type ShaName, type SyncCbcHmac } from './types.js';

/** The asynchronous PBKDF2 of node:crypto (keeps a large `p2c` off the event loop). */
type Pbkdf2 = (pw: Uint8Array, salt: Uint8Array, it: number, len: number, digest: string, cb: (err: Error | null, key: Uint8Array) => void) => void;

const NODE_HASH: Record<ShaName, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
// RFC 3394 §2.2.3.1 default initial value; OpenSSL's wrap cipher takes it as the IV.
const KW_IV = new Uint8Array([0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6]);

function node(): NodeCrypto {
  const c = nodeCrypto();
  if (c === undefined) throw new Error('node:crypto is not available in this runtime');
  return c;
}

const u8 = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

function aesName(mode: 'cbc' | 'gcm' | 'wrap', keyBytes: number): string {
  const bits = keyBytes * 8;
  if (bits !== 128 && bits !== 192 && bits !== 256) throw new Error('AES key must be 16, 24 or 32 bytes');
  return mode === 'wrap' ? `id-aes${bits}-wrap` : `aes-${bits}-${mode}`;
}

function rsaKey(jwk: Readonly<Jwk>, priv: boolean, prepare: Prepare): NodeKeyObject {
  const c = node();
  return priv
    ? prepare('node:rsa-oaep:private', () => c.createPrivateKey({ key: privateJwk(jwk), format: 'jwk' }))
    : prepare('node:rsa-oaep:public', () => c.createPublicKey({ key: publicJwk(jwk), format: 'jwk' }));
}

type OaepCrypto = { publicEncrypt(k: unknown, d: Uint8Array): Uint8Array; privateDecrypt(k: unknown, d: Uint8Array): Uint8Array };

/** node:crypto's Hmac: `update` may be called again and again before `digest`. */
type Hmac = { update(data: Uint8Array): Hmac; digest(): Uint8Array };

/** node:crypto's CBC-HMAC primitives are synchronous: CBC-HMAC decryption runs without promises. */
const cbcHmacNow: SyncCbcHmac = {
  hmac(hash, key, parts) {
    const h = node().createHmac(NODE_HASH[hash], key) as unknown as Hmac;
    for (const part of parts) h.update(part);
    return u8(h.digest());
  },
  aesCbcDecrypt(key, iv, ciphertext) {
    const d = node().createDecipheriv(aesName('cbc', key.length), key, iv);
    return u8(concat(d.update(ciphertext), d.final()));
  },
};

// AES keys (a fresh CEK per token, or a KEK) go to createCipheriv as raw bytes: node copies them
// into OpenSSL either way, and a KeyObject made for one call would only be created and discarded.
export const nodeJweCrypto: JweCrypto = {
  name: 'node',
  rsa: true,
  cbcHmacNow,

  async aesCbcEncrypt(key, iv, plaintext) {
    const c = node().createCipheriv(aesName('cbc', key.length), key, iv);
    return u8(concat(c.update(plaintext), c.final()));
  },

  async aesCbcDecrypt(key, iv, ciphertext) {
    return cbcHmacNow.aesCbcDecrypt(key, iv, ciphertext);
  },

  async hmac(hash, key, data) {
    return cbcHmacNow.hmac(hash, key, [data]);
  },

  async gcmEncrypt(key, iv, plaintext, aad) {
    if (iv.length !== 12) throw new Error('GCM IV must be 96 bits');
    const c = node().createCipheriv(aesName('gcm', key.length), key, iv, { authTagLength: 16 });
    c.setAAD!(aad);
    const ciphertext = u8(concat(c.update(plaintext), c.final()));
    return { ciphertext, tag: u8(c.getAuthTag!()) };
  },

  async gcmDecrypt(key, iv, ciphertext, tag, aad) {
    if (iv.length !== 12 || tag.length !== 16) throw new Error('GCM needs a 96-bit IV and a 128-bit tag');
    const d = node().createDecipheriv(aesName('gcm', key.length), key, iv, { authTagLength: 16 });
    d.setAAD!(aad);
    d.setAuthTag!(tag);
    return u8(concat(d.update(ciphertext), d.final()));
  },

  async aesKwWrap(kek, keyData) {
    // RFC 3394 §2: at least two 64-bit blocks.
    if (keyData.length < 16 || keyData.length % 8 !== 0) throw new Error('AES-KW wraps a multiple of 8 bytes, at least 16');
    const c = node().createCipheriv(aesName('wrap', kek.length), kek, KW_IV);
    return u8(concat(c.update(keyData), c.final()));
  },

  async aesKwUnwrap(kek, wrapped) {
    if (wrapped.length < 24 || wrapped.length % 8 !== 0) throw new Error('AES-KW input must be a multiple of 8 bytes, at least 24');
    const d = node().createDecipheriv(aesName('wrap', kek.length), kek, KW_IV);
    return u8(concat(d.update(wrapped), d.final()));
  },

  async rsaOaepEncrypt(hash, jwk, data, prepare = NO_CACHE, label) {
    const c = node();
    const opts = { key: rsaKey(jwk, false, prepare), padding: c.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: NODE_HASH[hash], ...(label ? { oaepLabel: label } : {}) };
    return u8((c as unknown as OaepCrypto).publicEncrypt(opts, data));
  },

  async rsaOaepDecrypt(hash, jwk, data, prepare = NO_CACHE, label) {
    const c = node();
    const opts = { key: rsaKey(jwk, true, prepare), padding: c.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: NODE_HASH[hash], ...(label ? { oaepLabel: label } : {}) };
    return u8((c as unknown as OaepCrypto).privateDecrypt(opts, data));
  },

  async ecdh(privJwk, pubJwk, prepare = NO_CACHE) {
    const crv = ecdhCurve(privJwk);
    if (crv === undefined) throw new Error('unsupported ECDH key');
    validatePublicPoint(pubJwk, crv);
    const c = node();
    const privateKey = prepare('node:ecdh:private', () => c.createPrivateKey({ key: privateJwk(privJwk), format: 'jwk' }));
    const publicKey = c.createPublicKey({ key: publicJwk(pubJwk), format: 'jwk' });
    const z = u8(c.diffieHellman({ privateKey, publicKey }));
    return crv === 'X25519' ? assertNonZeroSecret(z) : z;
  },

  async generateEphemeral(crv: EcdhCurve) {
    const c = node();
    // Encoded as a JWK by the job itself: see NODE_JWK_ENCODING (a Node 20 deadlock otherwise).
    const pair = crv === 'X25519' ? c.generateKeyPairSync('x25519', NODE_JWK_ENCODING) : c.generateKeyPairSync('ec', { namedCurve: crv, ...NODE_JWK_ENCODING });
    const privateJwk = pair.privateKey as unknown as Jwk;
    return { privateJwk, publicJwk: publicJwk(privateJwk) };
  },

  async digest(hash, data) {
    return u8(node().createHash(NODE_HASH[hash]).update(data).digest());
  },

  async pbkdf2(hash, password, salt, iterations, length) {
    const pbkdf2 = (node() as unknown as { pbkdf2: Pbkdf2 }).pbkdf2;
    return new Promise((resolve, reject) => {
      pbkdf2(password, salt, iterations, length, NODE_HASH[hash], (err, key) => (err ? reject(err) : resolve(u8(key))));
    });
  },
};
