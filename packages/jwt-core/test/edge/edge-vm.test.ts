/**
 * The test that shows the core runs where Next.js middleware runs: the BUILT core (dist/, its root
 * entry and `@tessera/jwt-core/server`, rebuilt with tsc when stale), bundled by esbuild for the
 * browser platform into one script, evaluated in an isolated EdgeVM from @edge-runtime/vm, where
 * `process`, `Buffer` and `require` do not exist. The vector suite goes in as JSON; outcomes come
 * back as JSON and are checked here with the suite's own checkOutcome. The auth layer runs a whole
 * life cycle there on the VM's own Request/Response (test/edge/vm-auth.js).
 */
import { EdgeVM } from '@edge-runtime/vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForEdge } from '../../scripts/bundle-edge.mjs';
import { checkOutcome, loadVectors, readSuiteFiles, readVectorFile, type VerifyCase } from '../../../test-vectors/src/index.js';
import { JWS_ALGORITHMS } from '../../src/lib/algorithms.js';
import { RSA_ALGS, skippedOn, type BackendMode } from '../vectors/harness.js';
import { privateJwkFor, publicJwkFor } from '../vectors/keys.js';

const PUBLIC_API = [
  'JoseError', 'createKeySet', 'createSigner', 'createVerifier', 'decodeJwt', 'exportJwk', 'generateKeyPair', 'generateSecret',
  'importJwk', 'importPem', 'importSecret', 'signJws', 'signJwt', 'thumbprint', 'verifyJws', 'verifyJwt',
];

const suite = loadVectors();
const cases: VerifyCase[] = [...suite.rfc, ...suite.negative];
let vm: EdgeVM;
let bundle: { code: string; inputs: string[]; bytes: number };

/** Call `__tesseraEdge[fn](...args)` inside the VM; string arguments go through the context, not the source text. */
async function call<T>(fn: string, ...args: string[]): Promise<T> {
  const names = args.map((a, i) => {
    (vm.context as Record<string, unknown>)[`__arg${i}`] = a;
    return `__arg${i}`;
  });
  const result = await vm.evaluate<Promise<string> | string>(`__tesseraEdge.${fn}(${names.join(', ')})`);
  return JSON.parse(await result) as T;
}

interface VmOutcome { id: string; ok: boolean; payload?: unknown; error?: { name: string; code: string; claim?: string; message: string; isJoseError: boolean } }

beforeAll(async () => {
  bundle = await bundleForEdge();
  vm = new EdgeVM();
  vm.evaluate(bundle.code);
}, 180_000);

describe('the EdgeVM realm', () => {
  it('has no process, Buffer or require, and does have WebCrypto', () => {
    // Evaluated as raw code in the VM's global scope, not through the bundle (esbuild shims `require`).
    const probe = vm.evaluate<string>(`JSON.stringify({
      process: typeof process, Buffer: typeof Buffer, require: typeof require, module: typeof module,
      setImmediate: typeof setImmediate, getBuiltinModule: typeof globalThis.process?.getBuiltinModule,
      subtle: typeof globalThis.crypto?.subtle, EdgeRuntime: typeof EdgeRuntime === 'string' ? EdgeRuntime : undefined,
    })`);
    expect(JSON.parse(probe)).toEqual({
      process: 'undefined', Buffer: 'undefined', require: 'undefined', module: 'undefined',
      setImmediate: 'undefined', getBuiltinModule: 'undefined', subtle: 'object', EdgeRuntime: 'edge-runtime',
    });
  });

  it('loads a bundle of the built core with the whole public API, and no Node built-in in it', async () => {
    const env = await call<{ exports: string[] }>('environment');
    expect(env.exports).toEqual(expect.arrayContaining(PUBLIC_API));
    expect(bundle.inputs.some((i) => i.endsWith('dist/index.js'))).toBe(true);
    expect(bundle.inputs.some((i) => i.endsWith('dist/server/index.js'))).toBe(true);
    expect(bundle.inputs.filter((i) => i.startsWith('src/'))).toEqual([]); // the built core, not its sources
    expect(bundle.inputs.some((i) => i.includes('@noble'))).toBe(true);
    expect(bundle.inputs.filter((i) => i.startsWith('node:') || i.includes('(disabled)'))).toEqual([]);
    // No CommonJS require left in the bundle (esbuild emits a __require shim when code references require).
    expect(bundle.code).not.toMatch(/\brequire\(["']|__require/);
  });
});

describe('every vector inside the EdgeVM', () => {
  for (const mode of ['auto', 'webcrypto', 'noble'] as const satisfies readonly BackendMode[]) {
    it(`backend: ${mode}`, async () => {
      const skipped = new Set(skippedOn(mode, cases).map((c) => c.id));
      const run = cases.filter((c) => !skipped.has(c.id));
      const outcomes = await call<VmOutcome[]>('verifyCases', JSON.stringify(run), mode === 'auto' ? '' : mode);
      expect(outcomes.map((o) => o.id)).toEqual(run.map((c) => c.id));
      const failures = run.flatMap((c, i) => {
        const o = outcomes[i]!;
        if (!o.ok && !o.error!.isJoseError) return [`${c.id}: threw a non-JoseError ${o.error!.name}: ${o.error!.message}`];
        const f = checkOutcome(c, o.ok ? { ok: true, payload: o.payload } : { ok: false, error: o.error });
        return f === null ? [] : [f];
      });
      expect(failures).toEqual([]);
      expect(run.length).toBeGreaterThan(150);
    });
  }

  it('refuses a forced node backend: node:crypto does not exist here', async () => {
    const ok = cases.filter((c) => c.expect.ok && (c.alg === 'HS256' || c.alg === 'ES256' || c.alg === 'RS256')).slice(0, 6);
    const outcomes = await call<VmOutcome[]>('verifyCases', JSON.stringify(ok), 'node');
    expect(outcomes.map((o) => o.error?.code)).toEqual(ok.map(() => 'ERR_JOSE_NOT_SUPPORTED'));
    expect(outcomes[0]!.error!.message).toMatch(/node:crypto is not available/);
  });
});

describe('signing inside the EdgeVM', () => {
  it('reproduces the deterministic RFC signatures on webcrypto and noble', async () => {
    for (const backend of ['webcrypto', 'noble']) {
      const run = suite.signing.filter((c) => backend !== 'noble' || !RSA_ALGS.includes(c.alg));
      const out = await call<Array<{ id: string; ok: boolean; token?: string; error?: unknown }>>('signCases', JSON.stringify(run), backend);
      expect(out).toEqual(run.map((c) => ({ id: c.id, ok: true, token: c.expectedCompact })));
    }
  });

  it('round-trips every algorithm between webcrypto, noble and automatic selection, and refuses forged signatures', async () => {
    const jobs = JWS_ALGORITHMS.map((alg) => ({ alg, privateJwk: privateJwkFor(alg), publicJwk: publicJwkFor(alg), skip: RSA_ALGS.includes(alg) ? ['noble'] : [] }));
    const out = await call<Array<{ alg: string; pairs: number; failures: string[] }>>('roundTrips', JSON.stringify(jobs), JSON.stringify(['auto', 'webcrypto', 'noble']));
    expect(out.map((r) => [r.alg, r.failures])).toEqual(JWS_ALGORITHMS.map((alg) => [alg, []]));
    expect(out.map((r) => r.pairs)).toEqual(JWS_ALGORITHMS.map((alg) => (RSA_ALGS.includes(alg) ? 4 : 9)));
  });

  it('generates keys inside the VM (WebCrypto and noble) and uses them', async () => {
    const algs = ['HS256', 'RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA'];
    const jobs = algs.map((alg) => ({ alg, generate: true, skip: RSA_ALGS.includes(alg) ? ['noble'] : [] }));
    const out = await call<Array<{ alg: string; pairs: number; failures: string[] }>>('roundTrips', JSON.stringify(jobs), JSON.stringify(['auto', 'noble']));
    expect(out.map((r) => [r.alg, r.failures])).toEqual(algs.map((alg) => [alg, []]));
    expect(out.every((r) => r.pairs > 0)).toBe(true);
  });

  it('computes RFC 7638 thumbprints', async () => {
    const out = await call<Array<{ id: string; thumbprint?: string }>>('thumbprints', JSON.stringify(suite.thumbprints));
    expect(out).toEqual(suite.thumbprints.map((c) => ({ id: c.id, thumbprint: c.thumbprint })));
  });
});

interface AuthStep { step: string; status: number | string; code?: string; cookies?: number; sub?: string; matches?: boolean; keys?: number; expiresIn?: number; leaked?: boolean; edge?: boolean }

/** The steps as [step, status, code] rows, for one readable comparison. */
const rows = (steps: AuthStep[]) => steps.map((s) => [s.step, s.status, s.code ?? null]);

describe('the auth layer (@tessera/jwt-core/server) inside the EdgeVM', () => {
  for (const transport of ['cookie', 'bearer'] as const) {
    it(`${transport} transport: sign-in, access, a refused role, expiry, refresh, logout, and a replay refused`, async () => {
      const steps = await call<AuthStep[]>('authLifeCycle', transport);
      expect(rows(steps)).toEqual([
        ['login, wrong password', 401, 'ERR_AUTH_CREDENTIALS_INVALID'],
        ['login', 200, null],
        ['authenticate', 200, null],
        ['require admin', 403, 'ERR_AUTH_FORBIDDEN'],
        ['session', 200, null],
        ['jwks', 200, null],
        // cookie: refreshed transparently with the refresh cookie; bearer: the client must call refresh.
        ['authenticate, 11 minutes later', transport === 'cookie' ? 200 : 401, transport === 'cookie' ? null : 'ERR_JWT_EXPIRED'],
        ['refresh', 200, null],
        ['authenticate, refreshed', 200, null],
        ['logout', 200, null],
        ['authenticate with the tokens from before logout', 401, 'ERR_JWT_REVOKED'],
      ]);
      const step = (name: string) => steps.find((s) => s.step === name)!;
      expect(step('login').expiresIn).toBe(600);
      expect(step('authenticate').sub).toBe('u-ada');
      expect(step('jwks').keys).toBe(1);
      // Cookies carry the tokens in the cookie transport (access and refresh), none in bearer.
      expect(step('login').cookies).toBe(transport === 'cookie' ? 2 : 0);
      if (transport === 'cookie') expect(step('authenticate, 11 minutes later').cookies).toBeGreaterThanOrEqual(2);
      expect(step('logout').cookies).toBe(transport === 'cookie' ? 2 : 0); // deleted
      // The ready response of a failed authenticate carries the error's own code.
      expect(steps.filter((s) => s.matches !== undefined).every((s) => s.matches)).toBe(true);
    });
  }

  it('a store that throws gives 503 on every path, never access, without its error text; no store at all refuses to start', async () => {
    const steps = await call<AuthStep[]>('failingStoreCycle');
    expect(rows(steps)).toEqual([
      ['login, store up', 200, null],
      ['authenticate, store down', 503, 'ERR_AUTH_UNAVAILABLE'],
      ['require admin, store down', 503, 'ERR_AUTH_UNAVAILABLE'],
      ['login, store down', 503, 'ERR_AUTH_UNAVAILABLE'],
      ['refresh, store down', 503, 'ERR_AUTH_UNAVAILABLE'],
      ['authenticate, store back', 200, null],
      // The default in-memory store is refused on an Edge runtime: each isolate has its own memory.
      ['createAuth without a store', 'refused', 'ERR_JOSE_INVALID_OPTION'],
    ]);
    expect(steps.filter((s) => s.leaked)).toEqual([]);
    expect(steps.at(-1)!.edge).toBe(true);
  });
});

describe('the data handed to the VM', () => {
  it('is the same suite the Node tests run (negative file included)', () => {
    const doc = readVectorFile('negative/jwt.json') as { cases: unknown[] };
    expect(suite.negative).toHaveLength(doc.cases.length);
  });

  it('can be built and checked by the suite\'s runner inside the VM (no file system there)', async () => {
    const r = await call<{ cases: number; failures: string[] }>('selfCheckedSuite', JSON.stringify(readSuiteFiles()), JSON.stringify([]));
    expect(r.failures).toEqual([]);
    expect(r.cases).toBe(cases.length);
  });
});
