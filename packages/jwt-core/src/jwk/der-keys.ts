/**
 * DER key structures to JWK: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), PKCS#8 (RFC 5958),
 * PKCS#1 RSAPublicKey/RSAPrivateKey (RFC 8017 A.1), SEC1 ECPrivateKey (RFC 5915) and the public
 * key of an X.509 certificate (RFC 5280 §4.1). Key OIDs: RFC 3279, RFC 5480, RFC 8410.
 *
 * The JWK produced here still goes through importJwk's validation (on-curve, sizes, CRT).
 */
import { joseError } from '../lib/errors.js';
import { encodeBase64url } from '../lib/base64url.js';
import { contextTag, DerReader, TAG } from '../lib/der.js';
import { EC_CURVES, okpPublicFromPrivate, type EcCurveName } from './validate-curves.js';
import { invalidJwk } from './members.js';
import type { Jwk } from '../lib/types.js';

const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
  Ed25519: '1.3.101.112',
  X25519: '1.3.101.110',
} as const;
const CURVE_OIDS: Readonly<Record<string, EcCurveName>> = {
  '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521',
};
const UNSUPPORTED_OIDS: Readonly<Record<string, string>> = {
  '1.3.101.113': 'Ed448', '1.3.101.111': 'X448', '1.2.840.10040.4.1': 'DSA', '1.3.132.0.10': 'secp256k1',
  [OID.rsaPss]: 'RSASSA-PSS-restricted RSA',
};

const b64u = encodeBase64url;

function unsupported(what: string): never {
  throw joseError('ERR_JOSE_NOT_SUPPORTED', `${what} keys are not supported`, {
    hint: 'supported: RSA (rsaEncryption), EC P-256/P-384/P-521, Ed25519, X25519; convert RSASSA-PSS keys with `openssl pkey -in key.pem -traditional`, or use another key type',
  });
}

function keyAlgorithm(r: DerReader): { oid: string; curve: EcCurveName | undefined } {
  const alg = r.sequence('AlgorithmIdentifier');
  const oid = alg.oid('the key algorithm');
  let curve: EcCurveName | undefined;
  if (oid === OID.ecPublicKey) curve = namedCurve(alg.oid('the EC curve'));
  else if (oid === OID.rsaEncryption) { if (!alg.done) alg.read(TAG.NULL, 'NULL parameters'); }
  else if (oid !== OID.Ed25519 && oid !== OID.X25519) unsupported(UNSUPPORTED_OIDS[oid] ?? `OID ${oid}`);
  alg.finish('AlgorithmIdentifier');
  return { oid, curve };
}

function namedCurve(oid: string): EcCurveName {
  const crv = CURVE_OIDS[oid];
  if (crv === undefined) unsupported(UNSUPPORTED_OIDS[oid] ?? `EC curve OID ${oid}`);
  return crv;
}

/** The JWK of a SubjectPublicKeyInfo read from `r`. */
function spkiFrom(r: DerReader): Jwk {
  const { oid, curve } = keyAlgorithm(r);
  const key = r.bitString('subjectPublicKey');
  r.finish('SubjectPublicKeyInfo');
  if (oid === OID.rsaEncryption) return rsaPublic(key);
  if (curve !== undefined) return { kty: 'EC', crv: curve, ...ecPoint(curve, key) };
  return { kty: 'OKP', crv: oid === OID.Ed25519 ? 'Ed25519' : 'X25519', x: b64u(key) };
}

/** The (x, y) of an encoded point (uncompressed or compressed, SEC1 §2.3.3). */
function ecPoint(crv: EcCurveName, encoded: Uint8Array): { x: string; y: string } {
  const { bytes, curve } = EC_CURVES[crv];
  let point: Uint8Array;
  try {
    point = curve.Point.fromBytes(encoded).toBytes(false);
  } catch {
    invalidJwk(`the ${crv} public key is not a valid point on the curve`, 'an off-curve point is refused (invalid-curve attacks); the key was altered');
  }
  return { x: b64u(point.subarray(1, 1 + bytes)), y: b64u(point.subarray(1 + bytes)) };
}

export function spkiToJwk(der: Uint8Array): Jwk {
  const outer = new DerReader(der);
  const jwk = spkiFrom(outer.sequence('SubjectPublicKeyInfo'));
  outer.finish('SubjectPublicKeyInfo');
  return jwk;
}

export function rsaPublic(der: Uint8Array): Jwk {
  const outer = new DerReader(der);
  const r = outer.sequence('RSAPublicKey');
  const jwk: Jwk = { kty: 'RSA', n: b64u(r.unsignedInteger('modulus')), e: b64u(r.unsignedInteger('publicExponent')) };
  r.finish('RSAPublicKey');
  outer.finish('RSAPublicKey');
  return jwk;
}

export function rsaPrivate(der: Uint8Array): Jwk {
  const outer = new DerReader(der);
  const r = outer.sequence('RSAPrivateKey');
  // Version 1 means multi-prime (RFC 8017 A.1.2), which JOSE's "oth" covers and Tessera refuses.
  if (r.smallInteger('version') !== 0) unsupported('multi-prime RSA');
  const names = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const;
  const jwk: Jwk = { kty: 'RSA' };
  for (const name of names) jwk[name] = b64u(r.unsignedInteger(`RSAPrivateKey ${name}`));
  r.finish('RSAPrivateKey');
  outer.finish('RSAPrivateKey');
  return jwk;
}

/** SEC1 ECPrivateKey; the curve comes from its [0] parameters or from the PKCS#8 wrapper. */
export function ecPrivate(der: Uint8Array, outerCurve?: EcCurveName): Jwk {
  const outer = new DerReader(der);
  const r = outer.sequence('ECPrivateKey');
  if (r.smallInteger('version') !== 1) invalidJwk('ECPrivateKey version must be 1 (RFC 5915 §3)', 'export the key again');
  const dRaw = r.octetString('privateKey');
  let curve = outerCurve;
  let pub: Uint8Array | undefined;
  if (r.peekTag() === contextTag(0)) {
    const inner = namedCurve(r.sequence('ECParameters', contextTag(0)).oid('namedCurve'));
    if (curve !== undefined && curve !== inner) invalidJwk(`the key names two curves (${curve} and ${inner})`, 'export the key again');
    curve = inner;
  }
  if (r.peekTag() === contextTag(1)) {
    const holder = r.sequence('publicKey', contextTag(1));
    pub = holder.bitString('publicKey');
    holder.finish('publicKey');
  }
  r.finish('ECPrivateKey');
  outer.finish('ECPrivateKey');
  if (curve === undefined) invalidJwk('the EC private key does not name its curve', 'export it as PKCS#8: `openssl pkcs8 -topk8 -nocrypt -in key.pem`');
  const size = EC_CURVES[curve].bytes;
  if (dRaw.length > size) invalidJwk(`the ${curve} private key is ${dRaw.length} bytes; at most ${size} expected`, 'export the key again');
  // Some encoders drop leading zero octets; JWK's "d" is the full field size (RFC 7518 §6.2.2.1).
  const d = new Uint8Array(size);
  d.set(dRaw, size - dRaw.length);
  const point = pub ?? EC_CURVES[curve].curve.getPublicKey(d, false);
  return { kty: 'EC', crv: curve, ...ecPoint(curve, point), d: b64u(d) };
}

export function pkcs8ToJwk(der: Uint8Array): Jwk {
  const outer = new DerReader(der);
  const r = outer.sequence('PrivateKeyInfo');
  const version = r.smallInteger('version');
  if (version !== 0 && version !== 1) invalidJwk(`PKCS#8 version ${version} is unknown (RFC 5958 §2)`, 'export the key again');
  const { oid, curve } = keyAlgorithm(r);
  const privateKey = r.octetString('privateKey');
  // Optional [0] attributes and [1] publicKey (RFC 5958 §2): ignored; the public key is derived.
  while (!r.done) {
    const tag = r.peekTag()!;
    if (tag !== contextTag(0) && tag !== 0x81 && tag !== contextTag(1)) r.finish('PrivateKeyInfo');
    r.skip('PKCS#8 optional field');
  }
  outer.finish('PrivateKeyInfo');
  if (oid === OID.rsaEncryption) return rsaPrivate(privateKey);
  if (curve !== undefined) return ecPrivate(privateKey, curve);
  const crv = oid === OID.Ed25519 ? 'Ed25519' : 'X25519';
  const inner = new DerReader(privateKey);
  const d = inner.octetString('CurvePrivateKey');
  inner.finish('CurvePrivateKey');
  if (d.length !== 32) invalidJwk(`the ${crv} private key is ${d.length} bytes; 32 expected (RFC 8410 §7)`, 'export the key again');
  return { kty: 'OKP', crv, x: b64u(okpPublicFromPrivate(crv, d)), d: b64u(d) };
}

/** The subject public key of an X.509 certificate. The certificate itself is not validated or trusted. */
export function certificateToJwk(der: Uint8Array): Jwk {
  const outer = new DerReader(der);
  const cert = outer.sequence('Certificate');
  const tbs = cert.sequence('TBSCertificate');
  if (tbs.peekTag() === contextTag(0)) tbs.skip('version');
  for (const field of ['serialNumber', 'signature', 'issuer', 'validity', 'subject']) tbs.skip(field);
  const jwk = spkiFrom(tbs.sequence('subjectPublicKeyInfo'));
  cert.skip('signatureAlgorithm');
  cert.skip('signatureValue');
  cert.finish('Certificate');
  outer.finish('Certificate');
  return jwk;
}

/** Whether `bytes` parse as one of the DER key or certificate structures above. */
export function looksLikeDerKey(bytes: Uint8Array): boolean {
  if (bytes.length < 32 || bytes[0] !== TAG.SEQUENCE) return false;
  for (const parse of [spkiToJwk, pkcs8ToJwk, certificateToJwk, rsaPublic, rsaPrivate, (b: Uint8Array) => ecPrivate(b)]) {
    try {
      parse(bytes);
      return true;
    } catch (err) {
      // An unsupported key type is still a key, not a secret.
      if ((err as { code?: string }).code === 'ERR_JOSE_NOT_SUPPORTED') return true;
    }
  }
  return false;
}
