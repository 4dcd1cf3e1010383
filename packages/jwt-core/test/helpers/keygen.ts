/**
 * Test keys from node:crypto without the Node 20 deadlock of exporting a generated KeyObject (see
 * NODE_JWK_ENCODING in src/lib/backends/runtime.ts): the job encodes both halves itself (PEM), and
 * the KeyObjects tests need are imported from those, so none shares the generating job's key.
 * Same call shape as `generateKeyPairSync`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** PEM rather than JWK, so every key type works (Ed448, secp256k1 and DSA have no JWK form). */
const PEM = { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } } as const;

export function generateKeyObjects(type: string, options: Record<string, unknown> = {}): { privateKey: KeyObject; publicKey: KeyObject } {
  const pair = (generateKeyPairSync as (t: string, o: unknown) => { privateKey: unknown; publicKey: unknown })(type, { ...options, ...PEM });
  return {
    privateKey: createPrivateKey(pair.privateKey as string),
    publicKey: createPublicKey(pair.publicKey as string),
  };
}
