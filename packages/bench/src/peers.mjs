/**
 * The peers, each given its fastest documented configuration: keys imported once (jose gets
 * CryptoKeys, fast-jwt its prepared sync verifier/signer, jsonwebtoken KeyObjects), the same
 * allow-list, issuer and audience checks as Tessera.
 */
import { createRequire } from 'node:module';
import { SignJWT, importJWK, jwtVerify } from 'jose';
import { AUDIENCE, ISSUER } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const fastJwt = require('fast-jwt');
const jsonwebtoken = require('jsonwebtoken');

const subtle = globalThis.crypto.subtle;

/** jose 6: jwtVerify / SignJWT with keys imported once. */
export async function josePeer(alg, k) {
  let pub;
  let priv;
  if (alg === 'HS256') {
    // importJWK gives bytes for 'oct', which jose would import on every call: a CryptoKey is faster.
    pub = await subtle.importKey('raw', k.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    priv = pub;
  } else {
    pub = await importJWK(k.publicJwk, alg);
    priv = await importJWK(k.privateJwk, alg);
  }
  const options = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
  const header = { alg, typ: 'JWT', kid: k.kid };
  return {
    verify: async (token) => (await jwtVerify(token, pub, options)).payload,
    sign: (claims) => new SignJWT(claims).setProtectedHeader(header).sign(priv),
  };
}

/** fast-jwt 6: prepared synchronous verifier and signer; `cache` adds its verified-token cache. */
export function fastJwtPeer(alg, k, { cache } = {}) {
  const key = alg === 'HS256' ? k.secret : k.publicPem;
  const verify = fastJwt.createVerifier({
    key, algorithms: [alg], allowedIss: ISSUER, allowedAud: AUDIENCE, ...(cache ? { cache } : {}),
  });
  const sign = fastJwt.createSigner({ key: alg === 'HS256' ? k.secret : k.privatePem, algorithm: alg, kid: k.kid });
  return { verify, sign };
}

/** jsonwebtoken 9 (no EdDSA). */
export function jsonwebtokenPeer(alg, k) {
  if (alg === 'EdDSA') return undefined;
  const options = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
  const signOptions = { algorithm: alg, keyid: k.kid };
  return {
    verify: (token) => jsonwebtoken.verify(token, k.publicKey, options),
    sign: (claims) => jsonwebtoken.sign(claims, k.privateKey, signOptions),
  };
}
