/**
 * Edge mode, run in a child process started with edge-preload.mjs: Tessera's core (bundled from
 * source) with node:crypto unreachable, against jose in the same process. The parent sends the
 * keys and tokens as JSON (argv[2]: a file); the results go to stdout as one JSON line.
 */
import { readFileSync } from 'node:fs';
import { SignJWT, importJWK, jwtVerify } from 'jose';
import { checkVerifier, checkSigner } from './check.mjs';
import { measureCase } from './stats.mjs';
import { AUDIENCE, ISSUER } from './fixtures.mjs';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const log = (m) => process.stderr.write(`${m}\n`);

if (typeof process.getBuiltinModule === 'function' || typeof globalThis.Buffer !== 'undefined') {
  throw new Error('edge mode: the preload did not remove process.getBuiltinModule and Buffer');
}
const core = await import(input.coreUrl);

async function joseKey(jwk, alg, usage) {
  if (alg !== 'HS256') return importJWK(jwk, alg);
  const bytes = Uint8Array.from(atob(jwk.k.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

const results = [];
for (const [alg, k] of Object.entries(input.keys)) {
  const token = input.tokens[alg];
  const key = core.importJwk(k.publicJwk, { alg });
  const options = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
  // Proof that node:crypto really is out of reach for the core: forcing it must fail.
  const forced = core.createVerifier({ keys: key, ...options, backend: 'node' });
  let refused = false;
  try { await forced(token); } catch (err) { refused = err?.code === 'ERR_JOSE_NOT_SUPPORTED'; }
  if (!refused) throw new Error(`edge mode: the node backend was usable for ${alg}`);
  const pub = await joseKey(k.publicJwk, alg, 'verify');
  const priv = await joseKey(k.privateJwk, alg, 'sign');
  const signingKey = core.importJwk(k.privateJwk, { alg });
  const payload = (r) => r.payload;
  const verify = [
    { name: 'Tessera createVerifier (edge)', group: 'ours', primary: true, async: true, fn: core.createVerifier({ keys: key, ...options }), payload },
    { name: 'jose (edge)', group: 'peer', async: true, fn: (t) => jwtVerify(t, pub, options), payload },
  ];
  const sign = [
    { name: 'Tessera createSigner (edge)', group: 'ours', primary: true, async: true, fn: core.createSigner({ key: signingKey, alg }) },
    { name: 'jose (edge)', group: 'peer', async: true, fn: (c) => new SignJWT(c).setProtectedHeader({ alg, typ: 'JWT', kid: k.kid }).sign(priv) },
  ];
  for (const impl of verify) {
    await checkVerifier(impl, token, input.claims);
    impl.arg = token;
  }
  // A signer's token must verify with jose (the reference in this mode).
  for (const impl of sign) {
    await checkSigner(impl, input.claims, async (t) => (await jwtVerify(t, pub, options)).payload);
    impl.arg = input.claims;
  }
  log(`edge ${alg}: checked`);
  for (const [op, list] of [['verify', verify], ['sign', sign]]) {
    const summaries = input.smoke ? null : await measureCase(list, input.cfg);
    results.push({
      id: `Edge ${alg} ${op}`, alg, op, tokenLength: token.length,
      impls: list.map(({ name, group, primary }) => ({ name, group, primary })),
      summaries: summaries && [...summaries],
    });
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
