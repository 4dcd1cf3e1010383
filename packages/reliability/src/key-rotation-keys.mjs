/**
 * The keys of the key-rotation scenario, as the files an operator hands the apps: two ES256 keys
 * (`old`, `new`) with fixed kids, each as a private JWK (TESSERA_SIGNING_KEY_FILE) and as a public
 * JWKS (TESSERA_VERIFY_KEYS_FILE), in a temporary folder removed by `remove()`. `envFor(step)` is
 * the environment of each step of the rotation in key-ring.ts's doc:
 *
 * 0. `old` signs;
 * 1. `old` signs, `new` is published and accepted (verify-only);
 * 2. `new` signs, `old` is still accepted (verify-only);
 * 3. `new` signs, `old` is retired (TESSERA_RETIRED_KIDS): its tokens are refused, saying so.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KIDS = { old: 'rotation-old', new: 'rotation-new' };

/** An ES256 pair as JWKs (generated PEM-encoded and re-imported: no `.export()` of a fresh KeyObject). */
function pair(kid) {
  const generated = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const meta = { kid, alg: 'ES256', use: 'sig' };
  return {
    private: { ...createPrivateKey(generated.privateKey).export({ format: 'jwk' }), ...meta },
    public: { ...createPublicKey(generated.publicKey).export({ format: 'jwk' }), ...meta },
  };
}

/** Writes both keys to a new temporary folder: `{ dir, envFor(step), remove() }`. */
export function rotationKeys() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-reliability-rotation-'));
  const files = {};
  for (const name of ['old', 'new']) {
    const keys = pair(KIDS[name]);
    files[name] = { signing: join(dir, `${name}.private.jwk`), verify: join(dir, `${name}.public.jwks`) };
    writeFileSync(files[name].signing, JSON.stringify(keys.private), { mode: 0o600 });
    writeFileSync(files[name].verify, JSON.stringify({ keys: [keys.public] }));
  }
  const steps = [
    { TESSERA_SIGNING_KEY_FILE: files.old.signing },
    { TESSERA_SIGNING_KEY_FILE: files.old.signing, TESSERA_VERIFY_KEYS_FILE: files.new.verify },
    { TESSERA_SIGNING_KEY_FILE: files.new.signing, TESSERA_VERIFY_KEYS_FILE: files.old.verify },
    { TESSERA_SIGNING_KEY_FILE: files.new.signing, TESSERA_RETIRED_KIDS: KIDS.old },
  ];
  return {
    dir,
    envFor: (step) => ({ ...steps[step] }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
