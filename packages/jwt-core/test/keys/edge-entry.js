// Entry bundled with the BUILT core by scripts/bundle-edge.mjs for test/keys/edge-vm.node.test.ts:
// the key features run inside an isolated EdgeVM (no process, no Buffer, no require, no node:fs).
// Plain JavaScript importing dist/, like test/edge/vm-entry.js; results cross the realm as JSON.
import * as core from '../../dist/index.js';

const info = (e) => ({ code: e?.code, message: String(e?.message ?? e) });

/** loadKeyRing from an env object, and what happens without any environment. */
async function loadKeys(secretB64) {
  const out = {};
  const ring = await core.loadKeyRing({ alg: 'HS256', env: { TESSERA_SIGNING_KEY: `base64:${secretB64}` } });
  const token = await core.signJwt({ sub: 'edge' }, ring.signingKey, { alg: 'HS256', expiresIn: '1m' });
  out.roundTrip = (await core.verifyJwt(token, ring, { algorithms: ['HS256'] })).payload.sub;
  try {
    await core.loadKeyRing({ alg: 'HS256' }); // no process.env here, no env passed: production rules
    out.noEnv = 'loaded';
  } catch (e) { out.noEnv = info(e); }
  const warnings = [];
  const dev = await core.loadKeyRing({ alg: 'ES256', env: {}, warn: (m) => warnings.push(m) });
  out.devKid = dev.signingKey.kid;
  out.warnings = warnings.length;
  try {
    await core.loadKeyRing({ alg: 'HS256', env: { TESSERA_SIGNING_KEY_FILE: '/run/secrets/jwt' } });
    out.file = 'loaded';
  } catch (e) { out.file = info(e); }
  return JSON.stringify(out);
}

/** A remote key set over the VM's own fetch, against the test's server on 127.0.0.1. */
async function remote(url, tokenForK2) {
  const out = {};
  const keys = core.createRemoteKeySet(url, { timeout: 2 });
  try {
    out.verified = (await core.verifyJwt(tokenForK2, keys, { algorithms: ['ES256'] })).payload.sub;
  } catch (e) { out.verified = info(e); }
  out.kids = keys.status().kids;
  try {
    await core.verifyJwt(tokenForK2.replace(/^[^.]+/, btoa(JSON.stringify({ alg: 'ES256', kid: 'nope' })).replace(/=+$/, '')), keys, { algorithms: ['ES256'] });
  } catch (e) { out.unknown = info(e); }
  try {
    core.createRemoteKeySet('http://idp.example.com/jwks');
  } catch (e) { out.http = info(e); }
  return JSON.stringify(out);
}

/** jwksResponse inside the VM. */
async function publish() {
  const ring = core.createKeyRing({ signing: (await core.generateKeyPair('ES256')).privateKey });
  const response = core.jwksResponse(ring);
  return JSON.stringify({ status: response.status, cacheControl: response.headers.get('cache-control'), etag: response.headers.get('etag'), body: await response.json(), kid: ring.signingKey.kid });
}

globalThis.__tesseraKeys = { loadKeys, remote, publish };
