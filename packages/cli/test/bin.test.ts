/**
 * The built executable as users run it (`npx tessera`): dist/bin.js in a child Node, over pipes,
 * so standard output is not a terminal. `pnpm test` builds first (turbo's test depends on build).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir, unsignedToken, writeIn } from './support/run.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const dir = tempDir();

function tessera(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { input: options.input ?? '', env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the tessera binary', () => {
  it('is built, declared as the package bin, and starts with a shebang', () => {
    expect(existsSync(BIN), 'run the build first: npx --yes pnpm@10 --filter @tessera/cli run build').toBe(true);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.bin).toEqual({ tessera: './dist/bin.js' });
    expect(readFileSync(BIN, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('--help lists the commands and exit codes; no command is a usage error', () => {
    const help = tessera(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['decode', 'verify', 'keygen', 'jwks', 'doctor']) expect(help.stdout).toContain(`  ${c} `);
    expect(help.stdout).toContain('  4  the endpoint could not be reached');
    expect(help.stdout).toContain('  5  doctor found a problem');
    expect(tessera([]).code).toBe(2);
    const unknown = tessera(['doctr']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "doctr"');
  });

  it('decode - reads a pipe and writes plain text when the output is not a terminal', () => {
    const token = unsignedToken({ alg: 'RS256' }, { sub: 'piped' });
    const r = tessera(['decode', '-'], { input: `${token}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"sub": "piped"');
    expect(r.stdout).toContain('! no-exp');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('colour only when forced, and never with NO_COLOR', () => {
    const token = unsignedToken({ alg: 'RS256' }, { sub: 'c' });
    expect(tessera(['decode', token], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(tessera(['decode', token], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(tessera(['decode', '--json', token], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('keygen, then verify a token against the key, then a refusal with exit 1', async () => {
    const out = `${dir}/signing.jwk`;
    expect(tessera(['keygen', '--alg', 'ES256', '--kid', 'bin-1', '--out', out]).code).toBe(0);
    const { importJwk, signJwt } = await import('@tessera/jwt-core');
    const key = importJwk(JSON.parse(readFileSync(out, 'utf8')));
    const token = await signJwt({ sub: 'b' }, key, { alg: 'ES256', expiresIn: '5m', audience: 'api' });
    const publicFile = writeIn(dir, 'public.jwks', tessera(['jwks', out]).stdout);
    const ok = tessera(['verify', '--key', publicFile, '--aud', 'api', '-'], { input: token });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Verified: ES256 signature by the EC key kid bin-1');
    const refused = tessera(['verify', '--json', '--key', publicFile, '--aud', 'billing', token]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
  });
});
