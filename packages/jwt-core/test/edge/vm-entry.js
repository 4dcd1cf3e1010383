// Entry bundled with the BUILT core (dist/: the root entry and /server) by scripts/bundle-edge.mjs
// and evaluated inside an isolated EdgeVM. Plain JavaScript: it imports dist/, which does not exist
// before a build, so it stays out of the type-check. Everything crosses the VM boundary as JSON
// strings, so no object from one realm is ever inspected in the other.
import * as core from '../../dist/index.js';
// The suite's runner is runtime-agnostic (no node:fs): it is bundled too, to prove it.
import { buildSuite, checkOutcome } from '../../../test-vectors/src/runner.js';
// The auth layer (@tessera/jwt-core/server, built) on the VM's Request/Response.
import { authLifeCycle, failingStoreCycle } from './vm-auth.js';

/** 'auto' (or nothing) leaves the choice to the core's per-algorithm selection. */
const forced = (backend) => (backend && backend !== 'auto' ? backend : undefined);

function errorInfo(e) {
  return { name: e?.name, code: e?.code, claim: e?.claim, message: String(e?.message ?? e), isJoseError: e instanceof core.JoseError };
}

function keyInput(c) {
  return c.keyMode === 'set' ? core.createKeySet(c.keys) : core.importJwk(c.keys.keys[0]);
}

/** Verify cases (JSON) with an optional forced backend; outcomes as JSON. */
async function verifyCases(casesJson, backend) {
  const out = [];
  for (const c of JSON.parse(casesJson)) {
    try {
      const options = { ...c.options };
      if (typeof options.currentDate === 'number') options.currentDate = new Date(options.currentDate * 1000);
      if (forced(backend)) options.backend = forced(backend);
      const keys = keyInput(c);
      const r = c.kind === 'jwt' ? await core.verifyJwt(c.token, keys, options) : await core.verifyJws(c.token, keys, options);
      out.push({ id: c.id, ok: true, payload: c.kind === 'jwt' ? r.payload : new TextDecoder().decode(r.payload) });
    } catch (e) {
      out.push({ id: c.id, ok: false, error: errorInfo(e) });
    }
  }
  return JSON.stringify(out);
}

/** Deterministic signing cases: the compact token each backend produced (or the error). */
async function signCases(casesJson, backend) {
  const out = [];
  for (const c of JSON.parse(casesJson)) {
    try {
      const token = await core.signJws(c.payloadText, core.importJwk(c.key), { alg: c.alg, header: c.header, backend: forced(backend) });
      out.push({ id: c.id, ok: true, token });
    } catch (e) {
      out.push({ id: c.id, ok: false, error: errorInfo(e) });
    }
  }
  return JSON.stringify(out);
}

/**
 * For each alg: sign with every backend in `backends`, verify with every other; a tampered token
 * must fail. With `generate`, the key pair is generated here, inside the VM.
 */
async function roundTrips(jobsJson, backendsJson) {
  const backends = JSON.parse(backendsJson);
  const out = [];
  const now = new Date('2026-11-22T10:00:00Z');
  for (const job of JSON.parse(jobsJson)) {
    const r = { alg: job.alg, generated: Boolean(job.generate), pairs: 0, failures: [] };
    try {
      let signingKey;
      let verifyingKey;
      if (job.generate) {
        const pair = job.alg.startsWith('HS') ? undefined : await core.generateKeyPair(job.alg);
        signingKey = pair ? pair.privateKey : core.generateSecret(job.alg);
        verifyingKey = pair ? pair.publicKey : signingKey;
      } else {
        signingKey = core.importJwk(job.privateJwk, { alg: job.alg });
        verifyingKey = core.importJwk(job.publicJwk, { alg: job.alg });
      }
      for (const signOn of backends.filter((b) => !job.skip.includes(b))) {
        const token = await core.signJwt({ sub: 'edge-user', n: 'Zoë 漢字' }, signingKey, { alg: job.alg, expiresIn: '5m', currentDate: now, backend: forced(signOn) });
        for (const verifyOn of backends.filter((b) => !job.skip.includes(b))) {
          const { payload } = await core.verifyJwt(token, verifyingKey, { algorithms: [job.alg], currentDate: now, backend: forced(verifyOn) });
          if (payload.sub !== 'edge-user' || payload.n !== 'Zoë 漢字') r.failures.push(`${signOn}->${verifyOn}: payload ${JSON.stringify(payload)}`);
          const at = token.lastIndexOf('.') + 1;
          const forged = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
          try {
            await core.verifyJwt(forged, verifyingKey, { algorithms: [job.alg], currentDate: now, backend: forced(verifyOn) });
            r.failures.push(`${signOn}->${verifyOn}: a forged signature verified`);
          } catch (e) {
            if (e?.code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') r.failures.push(`${signOn}->${verifyOn}: forged gave ${e?.code}`);
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

/** RFC 7638 thumbprints computed inside the VM. */
function thumbprints(casesJson) {
  return JSON.stringify(JSON.parse(casesJson).map((c) => {
    try {
      return { id: c.id, thumbprint: core.thumbprint(c.jwk) };
    } catch (e) {
      return { id: c.id, error: errorInfo(e) };
    }
  }));
}

/**
 * The whole suite built inside the VM from the raw data files (JSON), verified with automatic
 * backend selection, and checked with the suite's own checkOutcome, all in this realm.
 */
async function selfCheckedSuite(rawFilesJson, skipIdsJson) {
  const suite = buildSuite(JSON.parse(rawFilesJson));
  const skip = new Set(JSON.parse(skipIdsJson));
  const cases = [...suite.rfc, ...suite.negative].filter((c) => !skip.has(c.id));
  const outcomes = JSON.parse(await verifyCases(JSON.stringify(cases), 'auto'));
  const failures = cases.flatMap((c, i) => {
    const o = outcomes[i];
    const f = checkOutcome(c, o.ok ? { ok: true, payload: o.payload } : { ok: false, error: o.error });
    return f === null ? [] : [f];
  });
  return JSON.stringify({ cases: cases.length, failures });
}

/** The core's public exports, as loaded in the VM. (The realm itself is probed with raw code, not through this bundle: esbuild shims `require`.) */
function environment() {
  return JSON.stringify({ exports: Object.keys(core).sort() });
}

globalThis.__tesseraEdge = { verifyCases, signCases, roundTrips, thumbprints, environment, selfCheckedSuite, authLifeCycle, failingStoreCycle };
