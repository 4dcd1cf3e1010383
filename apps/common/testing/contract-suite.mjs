/**
 * The example apps' contract (apps/README.md), black-box, as one vitest suite every app runs
 * unchanged (`contractSuite({ appDir, name })` in its test/contract.test.mjs): the app is started as
 * `npm start` starts it (`node src/server.mjs` in a child process) with each TRANSPORT and a signing
 * key generated here, and `@tessera/test-vectors/apps` walks the contract over real HTTP. The settings differ per
 * transport so that each variable is shown to be read: a public TESSERA_ORIGIN that is not the
 * listening address (cookie), TESSERA_ACCESS_TTL=5m and a JWK key (bearer), TESSERA_ACCESS_TTL=2s
 * and a PEM key file (split). Bad settings must stop the start with a message naming the variable.
 */
import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppStartError, STARTUP_FAILURES, appContractChecks, launchApp, resolveTarget, runAppContract } from '@tessera/test-vectors/apps';

const START = [process.execPath, 'src/server.mjs']; // what `npm start` runs in every app

/** An ES256 key pair made for this run: its private JWK, its PKCS#8 PEM, and its RFC 7638 thumbprint. */
function es256Key(kid) {
  // Encoded by the generating job and re-imported: exporting a generated KeyObject can deadlock
  // Node 20 when a GC finalizes the job meanwhile (NODE_JWK_ENCODING in the core).
  const generated = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const privateKey = createPrivateKey(generated.privateKey);
  const jwk = privateKey.export({ format: 'jwk' });
  const thumbprint = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
  return { jwk: { ...jwk, kid }, pem: privateKey.export({ format: 'pem', type: 'pkcs8' }), thumbprint };
}

function pemFile(keyDir, pem) {
  const path = join(keyDir, 'signing-key.pem');
  writeFileSync(path, pem, { mode: 0o600 });
  return path;
}

/**
 * Registers the contract tests for the app in `appDir` (its folder, where `npm start` runs), named
 * `name` in the test titles (e.g. `apps/koa-api`).
 */
export function contractSuite({ appDir, name }) {
  const keyDir = mkdtempSync(join(tmpdir(), 'tessera-example-'));
  afterAll(() => rmSync(keyDir, { recursive: true, force: true }));
  const cookieKey = es256Key('contract-cookie');
  const bearerKey = es256Key('contract-bearer');
  const splitKey = es256Key(undefined);

  const RUNS = [
    {
      transport: 'cookie',
      env: () => ({ TRANSPORT: 'cookie', TESSERA_ORIGIN: 'https://app.tessera.test', TESSERA_SIGNING_KEY: JSON.stringify(cookieKey.jwk) }),
      target: (url) => ({ baseUrl: url, transport: 'cookie', origin: 'https://app.tessera.test', signingKid: 'contract-cookie' }),
    },
    {
      transport: 'bearer',
      env: () => ({ TRANSPORT: 'bearer', TESSERA_ACCESS_TTL: '5m', TESSERA_SIGNING_KEY: JSON.stringify(bearerKey.jwk) }),
      target: (url) => ({ baseUrl: url, transport: 'bearer', accessTtlSeconds: 300, signingKid: 'contract-bearer' }),
    },
    {
      transport: 'split',
      env: () => ({ TRANSPORT: 'split', TESSERA_ACCESS_TTL: '2s', TESSERA_SIGNING_KEY_FILE: pemFile(keyDir, splitKey.pem) }),
      target: (url) => ({ baseUrl: url, transport: 'split', accessTtlSeconds: 2, signingKid: splitKey.thumbprint }),
    },
  ];

  for (const run of RUNS) {
    describe(`${name} with TRANSPORT=${run.transport}`, () => {
      let app;
      beforeAll(async () => {
        app = await launchApp({ command: START, cwd: appDir, env: run.env() });
      });
      afterAll(async () => {
        await app?.stop();
      });

      for (const check of appContractChecks(run.transport)) {
        it(check.name, async () => {
          expect(await check.run(resolveTarget(run.target(app.url)))).toBeNull();
        });
      }

      it('prints where it listens and its origin, and uses the configured key without the development warning', () => {
        expect(app.output()).toContain(`listening on ${app.url}`);
        expect(app.output()).toContain(`origin and issuer: ${resolveTarget(run.target(app.url)).origin}`);
        expect(app.output()).not.toContain('generated in memory');
      });

      if (run.transport === 'bearer') {
        it('the checks fail when the app differs from what the runner configured (they are not vacuous)', async () => {
          const failuresWith = async (change) => (await runAppContract({ ...run.target(app.url), ...change })).map((f) => f.failure).join('\n');
          expect(await failuresWith({ accessTtlSeconds: 301 })).toContain('expires_in is 300, expected 301');
          expect(await failuresWith({ signingKid: 'another-key' })).toContain('does not publish the configured signing key (kid "another-key")');
          expect(await failuresWith({ origin: 'https://elsewhere.test' })).toContain(`claims.iss is "${app.url}", expected "https://elsewhere.test"`);
          expect(await failuresWith({ transport: 'cookie' })).toContain('transport is "bearer", expected "cookie"');
        });
      }
    });
  }

  describe(`${name} refuses settings it cannot use, naming the variable`, () => {
    for (const c of STARTUP_FAILURES) {
      it(`${Object.entries(c.env).map(([k, v]) => `${k}=${v}`).join(' ')}: ${c.why}`, async () => {
        const error = await launchApp({ command: START, cwd: appDir, env: c.env, maxPolls: 50 }).then(
          async (app) => {
            await app.stop();
            return new Error(`it started on ${app.url}`);
          },
          (e) => e,
        );
        expect(error).toBeInstanceOf(AppStartError);
        expect(error.exitCode).toBe(1);
        expect(error.output).toContain('cannot start');
        expect(error.output).toContain(c.variable);
        if (c.secret !== undefined) expect(error.output).not.toContain(c.secret);
      });
    }
  });
}
