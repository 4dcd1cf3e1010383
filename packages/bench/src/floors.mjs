/**
 * Hand-written floors: the least work that still verifies a JWT (split, decode the signature,
 * run the primitive, compare, JSON.parse the payload) and signs one (stringify, encode, primitive).
 * No header parsing, no claim checks, no error messages: what a library costs beyond these is its
 * overhead. One floor per crypto source: node:crypto, WebCrypto, and pure-JS @noble.
 */
import { createHmac, sign as nodeSign, timingSafeEqual, verify as nodeVerify, constants } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { p256 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const b64 = (s) => Buffer.from(s, 'base64url');
const b64text = (s) => Buffer.from(s, 'base64url').toString();
const enc = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

function headerPrefix(alg, kid) {
  return `${enc({ alg, typ: 'JWT', kid })}.`;
}

function invalid() {
  return new Error('floor: signature verification failed');
}

/** node:crypto's key argument per algorithm (RFC 7518 §3.4 P1363 signatures, §3.5 PSS salt = hash length). */
function nodeKeyArg(alg, key) {
  if (alg === 'PS256') return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  if (alg === 'ES256') return { key, dsaEncoding: 'ieee-p1363' };
  return key;
}

/** node:crypto floor: `verify(token) -> payload`, `sign(claims) -> token`; synchronous. */
export function nodeFloor(alg, k) {
  const prefix = headerPrefix(alg, k.kid);
  if (alg === 'HS256') {
    const key = k.privateKey;
    return {
      verify(token) {
        const d1 = token.indexOf('.');
        const d2 = token.indexOf('.', d1 + 1);
        const sig = b64(token.slice(d2 + 1));
        const mac = createHmac('sha256', key).update(token.slice(0, d2)).digest();
        if (sig.length !== mac.length || !timingSafeEqual(sig, mac)) throw invalid();
        return JSON.parse(b64text(token.slice(d1 + 1, d2)));
      },
      sign(claims) {
        const input = prefix + enc(claims);
        return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
      },
    };
  }
  const hash = alg === 'EdDSA' ? null : 'sha256';
  const pub = nodeKeyArg(alg, k.publicKey);
  const priv = nodeKeyArg(alg, k.privateKey);
  return {
    verify(token) {
      const d1 = token.indexOf('.');
      const d2 = token.indexOf('.', d1 + 1);
      if (!nodeVerify(hash, Buffer.from(token.slice(0, d2), 'latin1'), pub, b64(token.slice(d2 + 1)))) throw invalid();
      return JSON.parse(b64text(token.slice(d1 + 1, d2)));
    },
    sign(claims) {
      const input = prefix + enc(claims);
      return `${input}.${nodeSign(hash, Buffer.from(input, 'latin1'), priv).toString('base64url')}`;
    },
  };
}

const WEBCRYPTO = {
  HS256: { importAlg: { name: 'HMAC', hash: 'SHA-256' }, signAlg: { name: 'HMAC' } },
  RS256: { importAlg: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, signAlg: { name: 'RSASSA-PKCS1-v1_5' } },
  PS256: { importAlg: { name: 'RSA-PSS', hash: 'SHA-256' }, signAlg: { name: 'RSA-PSS', saltLength: 32 } },
  ES256: { importAlg: { name: 'ECDSA', namedCurve: 'P-256' }, signAlg: { name: 'ECDSA', hash: 'SHA-256' } },
  EdDSA: { importAlg: { name: 'Ed25519' }, signAlg: { name: 'Ed25519' } },
};

/** WebCrypto floor (asynchronous, as WebCrypto is). */
export async function webcryptoFloor(alg, k) {
  const { importAlg, signAlg } = WEBCRYPTO[alg];
  const strip = ({ kid: _kid, alg: _alg, ...jwk }) => jwk;
  const pub = await subtle.importKey('jwk', strip(k.publicJwk), importAlg, false, alg === 'HS256' ? ['sign', 'verify'] : ['verify']);
  const priv = await subtle.importKey('jwk', strip(k.privateJwk), importAlg, false, ['sign']);
  const prefix = headerPrefix(alg, k.kid);
  return {
    async verify(token) {
      const d1 = token.indexOf('.');
      const d2 = token.indexOf('.', d1 + 1);
      const ok = await subtle.verify(signAlg, pub, b64(token.slice(d2 + 1)), encoder.encode(token.slice(0, d2)));
      if (!ok) throw invalid();
      return JSON.parse(b64text(token.slice(d1 + 1, d2)));
    },
    async sign(claims) {
      const input = prefix + enc(claims);
      const sig = await subtle.sign(signAlg, priv, encoder.encode(input));
      return `${input}.${Buffer.from(sig).toString('base64url')}`;
    },
  };
}

/** Constant-time comparison of two equal-length byte arrays. */
function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Pure-JS floor over @noble (synchronous); HS256, ES256 and EdDSA only (noble has no RSA). */
export function nobleFloor(alg, k) {
  const prefix = headerPrefix(alg, k.kid);
  const parts = (token) => {
    const d1 = token.indexOf('.');
    const d2 = token.indexOf('.', d1 + 1);
    return { input: encoder.encode(token.slice(0, d2)), sig: b64(token.slice(d2 + 1)), payload: token.slice(d1 + 1, d2) };
  };
  const payloadOf = (p) => JSON.parse(decoder.decode(b64(p)));
  if (alg === 'HS256') {
    const secret = new Uint8Array(k.secret);
    return {
      verify(token) {
        const p = parts(token);
        if (!equalBytes(hmac(sha256, secret, p.input), p.sig)) throw invalid();
        return payloadOf(p.payload);
      },
      sign(claims) {
        const input = prefix + enc(claims);
        return `${input}.${Buffer.from(hmac(sha256, secret, encoder.encode(input))).toString('base64url')}`;
      },
    };
  }
  if (alg === 'ES256') {
    const pub = new Uint8Array(Buffer.concat([Buffer.from([4]), b64(k.publicJwk.x), b64(k.publicJwk.y)]));
    const priv = new Uint8Array(b64(k.privateJwk.d));
    return {
      verify(token) {
        const p = parts(token);
        // JOSE does not require low-S signatures (node:crypto makes both halves): lowS: false.
        if (!p256.verify(p.sig, p.input, pub, { lowS: false })) throw invalid();
        return payloadOf(p.payload);
      },
      sign(claims) {
        const input = prefix + enc(claims);
        return `${input}.${Buffer.from(p256.sign(encoder.encode(input), priv)).toString('base64url')}`;
      },
    };
  }
  if (alg === 'EdDSA') {
    const pub = new Uint8Array(b64(k.publicJwk.x));
    const priv = new Uint8Array(b64(k.privateJwk.d));
    return {
      verify(token) {
        const p = parts(token);
        if (!ed25519.verify(p.sig, p.input, pub)) throw invalid();
        return payloadOf(p.payload);
      },
      sign(claims) {
        const input = prefix + enc(claims);
        return `${input}.${Buffer.from(ed25519.sign(encoder.encode(input), priv)).toString('base64url')}`;
      },
    };
  }
  return undefined;
}
