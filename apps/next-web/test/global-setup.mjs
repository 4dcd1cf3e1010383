/**
 * Builds the app once per test run (`next build`, offline, telemetry off), so every test file runs
 * against the production build of the code under test. `TESSERA_NEXT_WEB_SKIP_BUILD=1` reuses the
 * last build while working on the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

export default function setup() {
  if (process.env.TESSERA_NEXT_WEB_SKIP_BUILD === '1' && existsSync(`${APP_DIR}.next/BUILD_ID`)) return;
  const nextBin = createRequire(`${APP_DIR}package.json`).resolve('next/dist/bin/next');
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: APP_DIR, encoding: 'utf8', timeout: 300_000,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`next build of apps/next-web failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
}
