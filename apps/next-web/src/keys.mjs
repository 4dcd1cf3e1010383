/**
 * The signing key, as the Next.js bundles must receive it. The core recognises a key object only in
 * the copy of the core that made it, and Next.js bundles its own copy into the proxy and the routes
 * (a workspace package is never left outside the bundles), so the bundles cannot use a key object
 * made here: each loads the key itself with the core's `loadKeyRing`, from the variables this
 * module hands over (lib/auth.ts). A development key generated in memory must be the same in every
 * bundle, so it is generated here once and handed over as a PEM or a secret.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { loadKeyRing } from '@tessera/jwt-core';

/** The variables `loadKeyRing` reads (TESSERA_ prefix), with NODE_ENV for its production rule. */
const KEY_VARIABLES = /^(NODE_ENV|TESSERA_(ALG|SIGNING_KEY|SIGNING_KEY_FILE|SIGNING_KID|VERIFY_KEYS|VERIFY_KEYS_FILE|RETIRED_KIDS))$/;

/** node:crypto's key pair for a JWS algorithm, as a PKCS#8 PEM (encoded by the generating job itself). */
function generatedPem(alg) {
  const pem = { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } };
  if (alg.startsWith('ES')) return generateKeyPairSync('ec', { namedCurve: { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg], ...pem }).privateKey;
  if (alg.startsWith('RS') || alg.startsWith('PS')) return generateKeyPairSync('rsa', { modulusLength: 2048, ...pem }).privateKey;
  return generateKeyPairSync('ed25519', pem).privateKey; // EdDSA, Ed25519
}

/**
 * Loads the key ring the way every example app does (TESSERA_SIGNING_KEY(_FILE), TESSERA_ALG, ...;
 * ES256 by default; without a key, outside production and without REDIS_URL, a development key and
 * the core's loud warning), and returns it with `keyEnv`: the variables from which a bundle's
 * `loadKeyRing({ env: keyEnv })` loads the same keys.
 */
export async function loadKeys({ env = process.env, warn }) {
  const keyEnv = Object.fromEntries(Object.entries(env).filter(([name]) => KEY_VARIABLES.test(name)));
  keyEnv.TESSERA_ALG ??= 'ES256';
  // The core's own checks: a value it cannot use, or a generated key in production, stops the start here.
  let ring = await loadKeyRing({ env: keyEnv, warn });
  if (keyEnv.TESSERA_SIGNING_KEY === undefined && keyEnv.TESSERA_SIGNING_KEY_FILE === undefined) {
    const alg = keyEnv.TESSERA_ALG;
    keyEnv.TESSERA_SIGNING_KEY = alg.startsWith('HS') ? `base64:${randomBytes(64).toString('base64')}` : generatedPem(alg);
    ring = await loadKeyRing({ env: keyEnv });
  }
  return { ring, keyEnv: Object.freeze(keyEnv) };
}
