/**
 * JWE RSA-OAEP + A128CBC-HS256 (RFC 7516, RFC 7518 §4.3 and §5.2.3): Tessera's encryptJwe and
 * decryptJwe against jose and a hand-written node:crypto floor (OAEP unwrap, HMAC-SHA-256 tag
 * check over AAD || IV || ciphertext || AL, then AES-128-CBC), on the same key and plaintext; and
 * `dir` + A128CBC-HS256 decryption (§4.5: the shared key is the CEK), where no RSA operation hides
 * the library's own overhead.
 */
import { constants, createCipheriv, createDecipheriv, createHmac, privateDecrypt, publicEncrypt, randomBytes, timingSafeEqual } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, importJWK } from 'jose';

const ALG = 'RSA-OAEP';
const ENC = 'A128CBC-HS256';
const b64 = (s) => Buffer.from(s, 'base64url');

/** AL: the AAD length in bits as a 64-bit big-endian integer (RFC 7518 §5.2.2.1). */
function al(aad) {
  const out = Buffer.alloc(8);
  out.writeUInt32BE(aad.length * 8, 4);
  return out;
}

function tagOf(macKey, aad, iv, ciphertext) {
  return createHmac('sha256', macKey).update(aad).update(iv).update(ciphertext).update(al(aad)).digest().subarray(0, 16);
}

/** The node:crypto floor: encrypt and decrypt with the least work RFC 7516 allows. */
export function jweFloor(k) {
  const oaepPub = { key: k.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' };
  const oaepPriv = { key: k.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' };
  const protectedB64 = Buffer.from(JSON.stringify({ alg: ALG, enc: ENC, kid: k.kid })).toString('base64url');
  const aadFixed = Buffer.from(protectedB64, 'latin1');
  return {
    encrypt(plaintext) {
      const cek = randomBytes(32);
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-128-cbc', cek.subarray(16), iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const tag = tagOf(cek.subarray(0, 16), aadFixed, iv, ciphertext);
      return `${protectedB64}.${publicEncrypt(oaepPub, cek).toString('base64url')}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`;
    },
    decrypt(token) {
      const [h, ek, ivB, ctB, tagB] = token.split('.');
      const cek = privateDecrypt(oaepPriv, b64(ek));
      if (cek.length !== 32) throw new Error('floor: decryption failed');
      const iv = b64(ivB);
      const ciphertext = b64(ctB);
      const tag = b64(tagB);
      // The tag is checked before any decryption (no padding oracle).
      const expected = tagOf(cek.subarray(0, 16), Buffer.from(h, 'latin1'), iv, ciphertext);
      if (tag.length !== 16 || !timingSafeEqual(tag, expected)) throw new Error('floor: decryption failed');
      const decipher = createDecipheriv('aes-128-cbc', cek.subarray(16), iv);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    },
  };
}

/** The node:crypto floor for `dir` (RFC 7518 §4.5): the shared key is the CEK, the encrypted key is empty. */
export function dirFloor(secret) {
  const protectedB64 = Buffer.from(JSON.stringify({ alg: 'dir', enc: ENC, kid: 'bench-dir' })).toString('base64url');
  const aadFixed = Buffer.from(protectedB64, 'latin1');
  return {
    encrypt(plaintext) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-128-cbc', secret.subarray(16), iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const tag = tagOf(secret.subarray(0, 16), aadFixed, iv, ciphertext);
      return `${protectedB64}..${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`;
    },
    decrypt(token) {
      const [h, ek, ivB, ctB, tagB] = token.split('.');
      if (ek !== '') throw new Error('floor: decryption failed');
      const iv = b64(ivB);
      const ciphertext = b64(ctB);
      const tag = b64(tagB);
      const expected = tagOf(secret.subarray(0, 16), Buffer.from(h, 'latin1'), iv, ciphertext);
      if (tag.length !== 16 || !timingSafeEqual(tag, expected)) throw new Error('floor: decryption failed');
      const decipher = createDecipheriv('aes-128-cbc', secret.subarray(16), iv);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    },
  };
}

function sameBytes(a, b) {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}

/** The JWE implementations for the RSA key `k` (its key material, bound to RSA-OAEP). */
export async function jweImplementations(k, core) {
  const jwk = { ...k.privateJwk, alg: ALG, use: 'enc', kid: `${k.kid}-oaep` };
  const pubJwk = { ...k.publicJwk, alg: ALG, use: 'enc', kid: `${k.kid}-oaep` };
  const priv = core.importJwk(jwk, { alg: ALG });
  const pub = core.importJwk(pubJwk, { alg: ALG });
  const josePriv = await importJWK(jwk, ALG);
  const josePub = await importJWK(pubJwk, ALG);
  const floor = jweFloor({ ...k, kid: jwk.kid });
  const decryptOptions = { algorithms: [ALG], encryptionAlgorithms: [ENC] };
  const plain = (r) => r.plaintext;
  return {
    floor,
    decrypt: [
      { name: 'Tessera decryptJwe', group: 'ours', primary: true, async: true, fn: (t) => core.decryptJwe(t, priv, decryptOptions), plaintext: plain },
      { name: 'jose', group: 'peer', async: true, fn: (t) => compactDecrypt(t, josePriv, { keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC] }), plaintext: plain },
      { name: 'node:crypto floor', group: 'floor', primary: true, async: false, fn: floor.decrypt },
    ],
    encrypt: [
      { name: 'Tessera encryptJwe', group: 'ours', primary: true, async: true, fn: (p) => core.encryptJwe(p, pub, { alg: ALG, enc: ENC }) },
      { name: 'jose', group: 'peer', async: true, fn: (p) => new CompactEncrypt(p).setProtectedHeader({ alg: ALG, enc: ENC, kid: jwk.kid }).encrypt(josePub) },
      { name: 'node:crypto floor', group: 'floor', primary: true, async: false, fn: floor.encrypt },
    ],
  };
}

/** The JWE token with one tag character changed. */
function forgeTag(token) {
  const i = token.lastIndexOf('.') + 3;
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
}

/** `dir` + A128CBC-HS256 decryption with one 32-byte shared key: Tessera, jose and the floor. */
async function dirImplementations(core) {
  const secret = randomBytes(32);
  const key = core.importSecret(new Uint8Array(secret), { alg: 'dir', kid: 'bench-dir' });
  const floor = dirFloor(secret);
  const plain = (r) => r.plaintext;
  return {
    floor,
    decrypt: [
      { name: 'Tessera decryptJwe', group: 'ours', primary: true, async: true, fn: (t) => core.decryptJwe(t, key, { algorithms: ['dir'], encryptionAlgorithms: [ENC] }), plaintext: plain },
      { name: 'jose', group: 'peer', async: true, fn: (t) => compactDecrypt(t, new Uint8Array(secret), { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: [ENC] }), plaintext: plain },
      { name: 'node:crypto floor', group: 'floor', primary: true, async: false, fn: floor.decrypt },
    ],
  };
}

/** Check each decrypter: the plaintext back, a forged tag refused. */
async function checkDecrypters(list, token, plaintext) {
  for (const impl of list) {
    const r = await impl.fn(token);
    if (!sameBytes(impl.plaintext ? impl.plaintext(r) : r, plaintext)) throw new Error(`${impl.name}: decryptJwe returned the wrong plaintext`);
    let refused = false;
    try { await impl.fn(forgeTag(token)); } catch { refused = true; }
    if (!refused) throw new Error(`${impl.name}: accepted a JWE with a forged tag`);
    impl.arg = token;
  }
}

export async function runJweCases({ core, keys, claims, measure, log }) {
  const impls = await jweImplementations(keys.RS256, core);
  const plaintext = new Uint8Array(Buffer.from(JSON.stringify(claims)));
  const token = impls.floor.encrypt(plaintext);
  await checkDecrypters(impls.decrypt, token, plaintext);
  const dir = await dirImplementations(core);
  const dirToken = dir.floor.encrypt(plaintext);
  await checkDecrypters(dir.decrypt, dirToken, plaintext);
  for (const impl of impls.encrypt) {
    const out = await impl.fn(plaintext);
    if (!sameBytes(impls.floor.decrypt(out), plaintext)) throw new Error(`${impl.name}: its JWE does not decrypt to the plaintext`);
    impl.arg = plaintext;
  }
  log(`JWE ${ALG} + ${ENC}: 3 decrypters and 3 encrypters checked (token ${token.length} chars); dir + ${ENC}: 3 decrypters checked`);
  return [
    { id: `JWE ${ALG} + ${ENC} decrypt`, alg: 'JWE', op: 'decrypt', tokenLength: token.length, impls: impls.decrypt, summaries: await measure(impls.decrypt) },
    { id: `JWE ${ALG} + ${ENC} encrypt`, alg: 'JWE', op: 'encrypt', tokenLength: token.length, impls: impls.encrypt, summaries: await measure(impls.encrypt) },
    { id: `JWE dir + ${ENC} decrypt`, alg: 'JWE', op: 'decrypt', tokenLength: dirToken.length, impls: dir.decrypt, summaries: await measure(dir.decrypt) },
  ];
}
