/**
 * A remote JWKS holding an RSA key with the ROCA fingerprint (CVE-2017-15361): the key is skipped
 * like any key that cannot be used, listed in status().ignored with the reason, and a token naming
 * it is refused with ERR_JWKS_NO_MATCHING_KEY; the other keys of the document stay usable.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRemoteKeySet } from '../../src/jwks/remote.js';
import { nodePair } from '../jwk/keys.js';
import { rejection } from '../helpers/errors.js';

const SIG = { use: 'sig', maxKeysTried: 3 } as const;
const rocaModulus = BigInt(readFileSync(fileURLToPath(new URL('../fixtures/roca/mod03.txt', import.meta.url)), 'utf8').trim());

describe('createRemoteKeySet with a ROCA key', () => {
  it('ignores it with the reason and keeps serving the other keys', async () => {
    const document = {
      keys: [
        { ...nodePair('rsa-2048').publicJwk, kid: 'good', use: 'sig' },
        { kty: 'RSA', kid: 'card', use: 'sig', e: 'AQAB', n: Buffer.from(rocaModulus.toString(16), 'hex').toString('base64url') },
      ],
    };
    const fetch = async () => new Response(JSON.stringify(document), { headers: { 'content-type': 'application/json' } });
    const keys = createRemoteKeySet('https://issuer.example/jwks.json', { fetch });
    expect((await keys.select({ alg: 'RS256', kid: 'good' }, SIG))[0]!.kid).toBe('good');
    const ignored = keys.status().ignored;
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toMatchObject({ kid: 'card' });
    expect(ignored[0]!.reason).toMatch(/ROCA.*CVE-2017-15361/);
    const err = await rejection(keys.select({ alg: 'RS256', kid: 'card' }, SIG));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });
});
