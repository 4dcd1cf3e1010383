/**
 * A key ring gives a kid-less key a copy carrying its thumbprint as kid. The copy is the same key:
 * a key generated non-extractable stays so (its private part never becomes exportable through the
 * ring), and an extractable one stays exportable.
 */
import { describe, expect, it } from 'vitest';
import { createKeyRing, exportJwk, generateKeyPair, generateSecret, thumbprint } from '../../src/index.js';

describe("a ring's copy of a kid-less key", () => {
  it('keeps a non-extractable private key and secret non-extractable', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const ring = createKeyRing({ signing: privateKey });
    expect(ring.signingKey.kid).toBe(thumbprint(privateKey));
    expect(() => exportJwk(ring.signingKey, { private: true })).toThrow(/generated with extractable: false/);
    expect(exportJwk(ring.signingKey).d).toBeUndefined(); // the public part is still published
    const hmac = createKeyRing({ signing: generateSecret('HS256') });
    expect(() => exportJwk(hmac.signingKey, { private: true })).toThrow(/generated with extractable: false/);
  });

  it('keeps an extractable key exportable', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const ring = createKeyRing({ signing: privateKey });
    expect(exportJwk(ring.signingKey, { private: true }).d).toBe(exportJwk(privateKey, { private: true }).d);
  });
});
