// Building compact tokens for the negative vectors. HMAC, RSASSA-PKCS1-v1_5 and Ed25519 are
// deterministic; ECDSA and RSA-PSS are randomized, so their signatures are kept in the data file
// ("randomized") and reused while the signing input and key are unchanged: re-running the
// generator reproduces the file byte for byte.
import { constants, createHash, createHmac, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

export const b64u = (buf) => Buffer.from(buf).toString('base64url');
/** base64url of a JSON value, or of a string taken as the exact octets (for malformed JSON). */
export const part = (value) => b64u(typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(JSON.stringify(value), 'utf8'));

const HASH = { 256: 'sha256', 384: 'sha384', 512: 'sha512' };

export class Signer {
  constructor(keys, previousRandomized = {}) {
    this.keys = keys;
    this.previous = previousRandomized;
    this.randomized = {};
  }

  /** Raw signature bytes of `input` (a string or bytes) under `alg` with the named key. */
  sign(alg, keyName, input) {
    const jwk = this.keys[keyName];
    if (!jwk) throw new Error(`unknown key ${keyName}`);
    const data = Buffer.from(input);
    const family = alg.slice(0, 2);
    const hash = HASH[alg.slice(2)];
    if (family === 'HS') return createHmac(hash, Buffer.from(jwk.k, 'base64url')).update(data).digest();
    const key = createPrivateKey({ key: jwk, format: 'jwk' });
    if (family === 'RS') return sign(hash, data, key);
    if (alg === 'EdDSA') return sign(null, data, key);
    // Randomized: reuse a kept signature when it still verifies.
    const cacheKey = `${alg}:${keyName}:${createHash('sha256').update(data).digest('hex')}`;
    const opts = family === 'PS'
      ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }
      : { dsaEncoding: 'ieee-p1363' };
    const pub = createPublicKey(key);
    const kept = this.previous[cacheKey];
    let sig = kept ? Buffer.from(kept, 'base64url') : undefined;
    if (!sig || !verify(hash, data, { key: pub, ...opts }, sig)) sig = sign(hash, data, { key, ...opts });
    this.randomized[cacheKey] = b64u(sig);
    return sig;
  }

  /**
   * A compact token: `header` and `payload` are JSON values, or strings used as the exact JSON
   * text. `alg` and `keyName` say how to sign (they may differ from the header, for confusion
   * cases). `mutate` receives the signature bytes and returns the ones to put in the token.
   */
  token({ header, payload, alg, keyName, mutate }) {
    const input = `${part(header)}.${part(payload)}`;
    let sig = this.sign(alg, keyName, input);
    if (mutate) sig = mutate(sig);
    return `${input}.${b64u(sig)}`;
  }
}
