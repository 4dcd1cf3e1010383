// Entry bundled with the BUILT core (dist/) by scripts/bundle-edge.mjs and evaluated inside an
// isolated EdgeVM (test/jwe/edge-vm-json.node.test.ts): the JWE JSON serializations and zip where
// Next.js middleware runs. The EdgeVM, like the Vercel Edge Runtime, has no DecompressionStream,
// so zip goes through the core's JavaScript inflater. Everything crosses the boundary as JSON.
import * as core from '../../dist/index.js';

const text = (bytes) => new TextDecoder().decode(bytes);
const errorInfo = (e) => ({ code: e?.code, reason: e?.reason, message: String(e?.message ?? e), isJoseError: e instanceof core.JoseError });

function keyOf(c) {
  if (c.pwd !== undefined) return core.importSecret(c.pwd, { alg: c.alg });
  const { alg: _alg, ...jwk } = c.key;
  return core.importJwk(jwk, { alg: c.alg });
}

async function outcome(run) {
  try {
    return { ok: true, ...(await run()) };
  } catch (e) {
    return { ok: false, error: errorInfo(e) };
  }
}

/** Decrypt cases ({ id, jwe (compact string or JSON object), alg, enc, key | pwd, options }). */
async function decryptCases(casesJson) {
  const out = [];
  for (const c of JSON.parse(casesJson)) {
    const options = { algorithms: [c.alg], encryptionAlgorithms: [c.enc], ...c.options };
    out.push({
      id: c.id,
      ...(await outcome(async () => {
        const r = typeof c.jwe === 'string' ? await core.decryptJwe(c.jwe, keyOf(c), options) : await core.decryptJweJson(c.jwe, keyOf(c), options);
        return { plaintext: text(r.plaintext) };
      })),
    });
  }
  return JSON.stringify(out);
}

/** The 5.13 multi-recipient JWE with a key set of the given JWKs (bound as given). */
async function multi(jweJson, keysJson, optionsJson) {
  const keys = core.createKeySet(JSON.parse(keysJson).map((k) => core.importJwk(k.jwk, { alg: k.alg })));
  return JSON.stringify(await outcome(async () => {
    const r = await core.decryptJweJson(JSON.parse(jweJson), keys, JSON.parse(optionsJson));
    return { plaintext: text(r.plaintext), kid: r.header.kid };
  }));
}

/** encryptJweJson -> decryptJweJson inside the VM (no zip: the VM has no CompressionStream either). */
async function jsonRoundTrip() {
  const ec = await core.generateKeyPair('ECDH-ES+A256KW', { kid: 'ec' });
  const kw = await core.generateSecret('A256KW', { kid: 'kw' });
  const jwe = await core.encryptJweJson('edge json', [{ key: ec.publicKey, alg: 'ECDH-ES+A256KW' }, { key: kw, alg: 'A256KW' }], { enc: 'A256GCM', aad: 'a' });
  const options = { algorithms: ['ECDH-ES+A256KW', 'A256KW'], encryptionAlgorithms: ['A256GCM'] };
  const byEc = await core.decryptJweJson(jwe, ec.privateKey, options);
  const byKw = await core.decryptJweJson(JSON.stringify(jwe), kw, options);
  const zip = await outcome(() => core.encryptJweJson('x', [{ key: kw, alg: 'A256KW' }], { enc: 'A256GCM', zip: 'DEF' }));
  return JSON.stringify({ recipients: jwe.recipients.length, texts: [text(byEc.plaintext), text(byKw.plaintext)], zip });
}

const globals = () => JSON.stringify({ DecompressionStream: typeof DecompressionStream, CompressionStream: typeof CompressionStream });

globalThis.__tesseraJweJson = { decryptCases, multi, jsonRoundTrip, globals };
