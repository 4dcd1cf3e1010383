/**
 * createAuth warns at start-up when its signing key was generated in this process and
 * NODE_ENV=production: the key dies with the process and no other instance holds it. The warning
 * names the cause and the fix; keys from stored material, and development, stay quiet.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportJwk, createKeyRing, generateKeyPair, generateSecret, importJwk } from '../../src/index.js';
import type { Key } from '../../src/index.js';
import { createAuth, createMemoryStore } from '../../src/server/index.js';

function start(keys: Key | ReturnType<typeof createKeyRing>): string[] {
  const warnings: string[] = [];
  createAuth({
    keys, issuer: 'https://api.example.com', audience: 'api', transport: 'bearer', store: createMemoryStore(),
    authenticate: () => null, loadUser: () => null, claims: () => ({ sub: 'x' }),
    logger: { warn: (m) => warnings.push(m) },
  });
  return warnings;
}

describe('a signing key generated in the process', () => {
  afterEach(() => { vi.unstubAllEnvs(); });

  it('is named in production, with the fix', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const { privateKey } = await generateKeyPair('ES256', { kid: 'mem-1' });
    const [warning, ...rest] = start(privateKey);
    expect(rest).toEqual([]);
    expect(warning).toContain('the signing key (kid mem-1) was generated in this process');
    expect(warning).toContain('stop verifying at every restart and never verify on another instance');
    expect(warning).toContain('keygen --alg ES256 --out signing.jwk');
    expect(warning).toContain('TESSERA_SIGNING_KEY_FILE');
  });

  it('is seen through a key ring, which gives a kid-less key a copy with its thumbprint', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const ring = createKeyRing({ signing: generateSecret('HS256') });
    expect(start(ring)).toEqual([expect.stringContaining(`the signing secret (kid ${ring.signingKey.kid}) was generated in this process`)]);
  });

  it('is quiet for a key imported from stored material, and outside production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const stored = exportJwk((await generateKeyPair('ES256', { extractable: true })).privateKey, { private: true });
    expect(start(importJwk(stored))).toEqual([]);
    vi.stubEnv('NODE_ENV', 'development');
    expect(start((await generateKeyPair('ES256')).privateKey)).toEqual([]);
  });
});
