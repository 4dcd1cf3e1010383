// Entry bundled with the BUILT core (dist/) by scripts/bundle-edge.mjs and evaluated inside an
// isolated EdgeVM (test/jwe/edge-vm.node.test.ts): JWE where Next.js middleware runs, with no
// process, Buffer or require. Plain JavaScript (it imports dist/, absent before a build).
// Everything crosses the VM boundary as JSON strings.
import * as core from '../../dist/index.js';

const forced = (backend) => (backend && backend !== 'auto' ? backend : undefined);
const text = (bytes) => new TextDecoder().decode(bytes);
const errorInfo = (e) => ({ code: e?.code, message: String(e?.message ?? e), isJoseError: e instanceof core.JoseError });

function keyOf(c) {
  if (c.pwd !== undefined) return core.importSecret(c.pwd, { alg: c.alg });
  const { alg: _alg, ...jwk } = c.key;
  return core.importJwk(jwk, { alg: c.alg });
}

/** Decrypt vector cases ({ id, token, alg, enc, key | pwd }) on `backend`; outcomes as JSON. */
async function decryptCases(casesJson, backend) {
  const out = [];
  for (const c of JSON.parse(casesJson)) {
    try {
      const r = await core.decryptJwe(c.token, keyOf(c), { algorithms: [c.alg], encryptionAlgorithms: [c.enc], backend: forced(backend) });
      out.push({ id: c.id, ok: true, plaintext: text(r.plaintext) });
    } catch (e) {
      out.push({ id: c.id, ok: false, error: errorInfo(e) });
    }
  }
  return JSON.stringify(out);
}

async function keysFor(alg, enc, crv) {
  if (alg.startsWith('RSA-OAEP') || alg.startsWith('ECDH-ES')) {
    const pair = await core.generateKeyPair(alg, crv ? { crv } : {});
    return { enc: pair.publicKey, dec: pair.privateKey };
  }
  if (alg.startsWith('PBES2')) {
    const k = core.importSecret('a long enough edge password', { alg });
    return { enc: k, dec: k };
  }
  const k = await core.generateSecret(alg === 'dir' ? enc : alg);
  return { enc: k, dec: k };
}

/** Keys generated inside the VM; encrypt on each backend, decrypt on each; tamper must fail. */
async function roundTrips(jobsJson, backendsJson) {
  const backends = JSON.parse(backendsJson);
  const out = [];
  for (const job of JSON.parse(jobsJson)) {
    const r = { job, pairs: 0, failures: [] };
    try {
      const keys = await keysFor(job.alg, job.enc, job.crv);
      const usable = backends.filter((b) => !(b === 'noble' && job.alg.startsWith('RSA')));
      for (const from of usable) {
        const jwe = await core.encryptJwe('edge ✓ 漢字', keys.enc, { alg: job.alg, enc: job.enc, backend: forced(from), p2c: 1000 });
        for (const to of usable) {
          const options = { algorithms: [job.alg], encryptionAlgorithms: [job.enc], backend: forced(to) };
          const { plaintext } = await core.decryptJwe(jwe, keys.dec, options);
          if (text(plaintext) !== 'edge ✓ 漢字') r.failures.push(`${from}->${to}: wrong plaintext`);
          const parts = jwe.split('.');
          parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1);
          try {
            await core.decryptJwe(parts.join('.'), keys.dec, options);
            r.failures.push(`${from}->${to}: a tampered ciphertext decrypted`);
          } catch (e) {
            if (e?.code !== 'ERR_JWE_DECRYPTION_FAILED' && e?.code !== 'ERR_JWE_INVALID') r.failures.push(`${from}->${to}: tamper gave ${e?.code}`);
          }
          r.pairs++;
        }
      }
    } catch (e) {
      r.failures.push(`error: ${JSON.stringify(errorInfo(e))}`);
    }
    out.push(r);
  }
  return JSON.stringify(out);
}

/** Signed-then-encrypted JWT made and verified inside the VM. */
async function nested() {
  const sig = await core.generateKeyPair('ES256');
  const enc = await core.generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256' });
  const token = await core.signJwt({ sub: 'edge' }, sig.privateKey, {
    alg: 'ES256', expiresIn: '5m', encrypt: { key: enc.publicKey, alg: 'ECDH-ES+A256KW', enc: 'A256GCM' },
  });
  const { payload } = await core.verifyJwt(token, sig.publicKey, {
    algorithms: ['ES256'], decrypt: { keys: enc.privateKey, algorithms: ['ECDH-ES+A256KW'], encryptionAlgorithms: ['A256GCM'] },
  });
  return JSON.stringify({ parts: token.split('.').length, sub: payload.sub });
}

globalThis.__tesseraJwe = { decryptCases, roundTrips, nested };
