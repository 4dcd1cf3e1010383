/** Without an injected clock the verifier is prepared once (createVerifier) and uses the real time. */
import { describe, expect, it } from 'vitest';
import { generateSecret } from '../../src/jwk/generate.js';
import { createAuth, createMemoryStore } from '../../src/server/index.js';

describe('real clock', () => {
  it('issues and verifies tokens with the prepared verifier', async () => {
    const auth = createAuth({
      keys: generateSecret('HS256'), issuer: 'https://api.example.com', audience: 'api', transport: 'bearer', store: createMemoryStore(),
      authenticate: () => ({ id: 'u1' }), loadUser: (sub) => ({ id: sub }), claims: (u: { id: string }) => ({ sub: u.id }),
    });
    const res = await auth.handle(new Request('https://api.example.com/auth/login', {
      method: 'POST', headers: { authorization: `Basic ${btoa('a:b')}` },
    }));
    const t = (await res!.json()) as { access_token: string; claims: { iat: number } };
    expect(Math.abs(t.claims.iat - Date.now() / 1000)).toBeLessThan(5);
    const ok = await auth.authenticate(new Request('https://api.example.com/x', { headers: { authorization: `Bearer ${t.access_token}` } }));
    expect(ok.ok && ok.claims.sub).toBe('u1');
    const [h, p, sig] = t.access_token.split('.') as [string, string, string];
    const tampered = `${h}.${p}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const forged = await auth.authenticate(new Request('https://api.example.com/x', { headers: { authorization: `Bearer ${tampered}` } }));
    expect(!forged.ok && forged.error.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });
});
