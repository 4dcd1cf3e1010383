/**
 * Keys for the interop tests, generated here with node:crypto and handed to each library in the
 * form it takes: KeyObjects and PEM for the peers; for the core, the public key as a JWK
 * (importJwk) and the private key as PKCS#8 PEM (importPem), so both import paths are crossed.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import { importJwk, importPem, importSecret, type Jwk, type JwsAlgorithm, type Key } from '../../src/index.js';
import { JWS_ALGORITHMS } from '../../src/lib/algorithms.js';

export interface PeerKeys {
  alg: JwsAlgorithm;
  /** HMAC: the secret bytes; otherwise undefined. */
  secret?: Buffer;
  privateKey?: KeyObject;
  publicKey?: KeyObject;
  privatePem?: string;
  publicPem?: string;
  /** The core's signing and verification keys. */
  coreSigning: Key;
  coreVerifying: Key;
}

export const ALGS: readonly JwsAlgorithm[] = JWS_ALGORITHMS;
export const RSA = (alg: string): boolean => alg.startsWith('RS') || alg.startsWith('PS');

function generate(alg: JwsAlgorithm): { privateKey: KeyObject; publicKey: KeyObject } {
  if (RSA(alg)) return generateKeyObjects('rsa', { modulusLength: 2048 });
  if (alg === 'EdDSA') return generateKeyObjects('ed25519');
  return generateKeyObjects('ec', { namedCurve: { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg as 'ES256'] });
}

/** One key per algorithm (one RSA key pair shared by RS* and PS*). */
export function makePeerKeys(): Map<JwsAlgorithm, PeerKeys> {
  const out = new Map<JwsAlgorithm, PeerKeys>();
  let rsa: { privateKey: KeyObject; publicKey: KeyObject } | undefined;
  for (const alg of ALGS) {
    if (alg.startsWith('HS')) {
      const secret = randomBytes(Number(alg.slice(2)) / 8);
      const key = importSecret(new Uint8Array(secret), { alg, kid: `k-${alg}` });
      out.set(alg, { alg, secret, coreSigning: key, coreVerifying: key });
      continue;
    }
    const pair = RSA(alg) ? (rsa ??= generate(alg)) : generate(alg);
    const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    out.set(alg, {
      alg, ...pair, privatePem, publicPem,
      coreSigning: importPem(privatePem, { alg, kid: `k-${alg}` }),
      coreVerifying: importJwk(pair.publicKey.export({ format: 'jwk' }) as Jwk, { alg, kid: `k-${alg}` }),
    });
  }
  return out;
}
