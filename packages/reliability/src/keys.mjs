/**
 * The signing key of a run: an ES256 key (the apps' algorithm) as a PKCS#8 PEM, given to the app as
 * TESSERA_SIGNING_KEY, and kept by the driver to make the expired tokens of the mix (a token the app
 * itself signed, re-signed with `exp` in the past: the only difference from a valid one is the time).
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';

/**
 * A fresh ES256 private key as a PKCS#8 PEM. Generated already encoded and re-imported before any
 * export: calling `.export()` on a KeyObject fresh from generateKeyPair can deadlock Node 20.
 */
export function es256Pem() {
  const generated = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return createPrivateKey(generated.privateKey).export({ format: 'pem', type: 'pkcs8' });
}
