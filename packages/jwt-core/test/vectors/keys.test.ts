/** RFC JWKs import and export their public form; RFC 7638 thumbprints are reproduced. */
import { describe, expect, it } from 'vitest';
import { jwkVectors, thumbprintVectors } from '../../../test-vectors/src/index.js';
import { exportJwk, importJwk, thumbprint, type Jwk } from '../../src/index.js';

describe('RFC JWKs', () => {
  for (const c of jwkVectors()) {
    it(`${c.id} imports and exports its public form`, () => {
      const key = importJwk(c.jwk as Jwk);
      expect(key.kty).toBe(c.jwk.kty);
      if (c.jwk.kty === 'oct') {
        // A secret has no public form: exporting it is an explicit { private: true } act.
        expect(() => exportJwk(key)).toThrow(expect.objectContaining({ name: 'JoseError' }));
        expect(exportJwk(key, { private: true })).toMatchObject({ kty: 'oct', k: c.jwk.k });
        return;
      }
      const exported = exportJwk(key) as Record<string, unknown>;
      expect(exported).toMatchObject(c.publicJwk);
      for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(exported).not.toHaveProperty(m);
    });
  }
});

describe('RFC 7638 thumbprints', () => {
  for (const c of thumbprintVectors()) {
    it(`${c.id} from the JWK and from the imported key`, () => {
      expect(thumbprint(c.jwk as Jwk)).toBe(c.thumbprint);
      expect(thumbprint(importJwk(c.jwk as Jwk))).toBe(c.thumbprint);
    });
  }
});
