import { describe, expect, it } from 'vitest';
import { HeaderCache } from '../../src/jws/header-cache.js';
import { parseJwsVerifyOptions } from '../../src/jws/options.js';
import { verifyCompact } from '../../src/jws/verify.js';
import { createVerifier } from '../../src/jwt/create-verifier.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { b64u, forge, keysFor, rejection, signatureOf, thrown, withSignature } from '../jws/helpers.js';

const NOW = new Date(Date.UTC(2026, 10, 22, 10, 0, 0));
const T = NOW.getTime() / 1000;
const hs = keysFor('HS256');
const token = (payload: Record<string, unknown>, header: Record<string, unknown> | string = { alg: 'HS256', typ: 'JWT' }) =>
  forge(header, payload, 'HS256', hs.signingKey);

describe('createVerifier', () => {
  it('verifies like verifyJwt, many times', async () => {
    const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], audience: 'api', currentDate: NOW });
    for (let i = 0; i < 5; i++) {
      const { payload, key } = await verify(token({ aud: 'api', n: i, exp: T + 60 }));
      expect(payload.n).toBe(i);
      expect(key).toBe(hs.publicKey);
    }
    expect((await rejection(verify(token({ aud: 'web' })))).claim).toBe('aud');
    expect((await rejection(verify(token({ aud: 'api', exp: T - 60 })))).code).toBe('ERR_JWT_EXPIRED');
  });

  it('gives the same errors as verifyJwt for the same token', async () => {
    const options = { algorithms: ['HS256'] as const, issuer: 'https://auth', currentDate: NOW };
    const verify = createVerifier({ keys: hs.publicKey, ...options, algorithms: ['HS256'] });
    const tokens = [
      token({ iss: 'https://evil' }),
      withSignature(token({ iss: 'https://auth' }), new Uint8Array(32)),
      token({ iss: 'https://auth', exp: T - 1000 }),
      forge({ alg: 'HS512' }, {}, 'HS512', keysFor('HS512').signingKey),
      'a.b',
    ];
    for (const t of tokens) {
      const a = await rejection(verify(t));
      const b = await rejection(verifyJwt(t, hs.publicKey, { ...options, algorithms: ['HS256'] }));
      expect(a.code).toBe(b.code);
      expect(a.message).toBe(b.message);
    }
  });

  it('throws option errors at creation', () => {
    expect(thrown(() => createVerifier({ keys: hs.publicKey } as never)).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(thrown(() => createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], clockTolerance: Number.POSITIVE_INFINITY })).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(thrown(() => createVerifier({ keys: '' as never, algorithms: ['HS256'] })).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], audiance: 'x' } as never)).message).toMatch(/unknown option 'audiance'/);
    expect(thrown(() => createVerifier(undefined as never)).code).toBe('ERR_JOSE_INVALID_OPTION');
  });

  it('passes a per-call context to a resolver, overriding the option', async () => {
    const seen: unknown[] = [];
    const verify = createVerifier({
      keys: (_header, context) => { seen.push(context); return hs.publicKey; },
      algorithms: ['HS256'],
      context: 'default',
    });
    await verify(token({}));
    await verify(token({}), { tenant: 'a' });
    expect(seen).toEqual(['default', { tenant: 'a' }]);
  });

  it('shares frozen headers between calls', async () => {
    const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'] });
    const a = await verify(token({ n: 1 }));
    const b = await verify(token({ n: 2 }));
    expect(a.header).toBe(b.header);
    expect(Object.isFrozen(a.header)).toBe(true);
    expect(() => { (a.header as Record<string, unknown>).alg = 'none'; }).toThrow(TypeError);
  });

  it('still checks the signature and claims of a token whose header is cached', async () => {
    const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], currentDate: NOW });
    await verify(token({ exp: T + 60 }));
    const forged = token({ exp: T + 60, admin: true });
    const sig = signatureOf(forged);
    sig[3] = sig[3]! ^ 4;
    expect((await rejection(verify(withSignature(forged, sig)))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect((await rejection(verify(token({ exp: T - 60 })))).code).toBe('ERR_JWT_EXPIRED');
  });

  it('never lets one verifier\'s header decision leak into another (per-verifier cache)', async () => {
    const lenient = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], critical: ['ext'] });
    const strict = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'] });
    const t = token({}, { alg: 'HS256', crit: ['ext'], ext: 1 });
    await expect(lenient(t)).resolves.toBeTruthy();
    expect((await rejection(strict(t))).code).toBe('ERR_JWS_INVALID');
  });

  it('does not cache a header that failed, and keys the cache by the exact segment text', async () => {
    const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'] });
    const bad = token({}, { alg: 'HS256', crit: ['ext'], ext: 1 });
    expect((await rejection(verify(bad))).code).toBe('ERR_JWS_INVALID');
    expect((await rejection(verify(bad))).code).toBe('ERR_JWS_INVALID');
    // The same JSON with different spacing is a different segment: checked on its own, and accepted.
    await verify(token({}, b64u('{"alg":"HS256"}')));
    await verify(token({}, b64u('{ "alg": "HS256" }')));
    const none = `${b64u('{ "alg": "none" }')}.${b64u('{}')}.`;
    expect((await rejection(verify(none))).code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('asks a key set again for every token (rotation is seen at once)', async () => {
    const k1 = keysFor('HS256', 'rot-1');
    const k2 = keysFor('HS256', 'rot-2');
    let current = [k1.publicKey];
    const set = { get keys() { return current; }, jwks: () => ({ keys: [] }), select: () => current };
    const verify = createVerifier({ keys: set, algorithms: ['HS256'] });
    const header = { alg: 'HS256', typ: 'JWT' };
    expect((await verify(forge(header, {}, 'HS256', k1.signingKey))).key).toBe(k1.publicKey);
    current = [k2.publicKey];
    expect((await verify(forge(header, {}, 'HS256', k2.signingKey))).key).toBe(k2.publicKey);
    expect((await rejection(verify(forge(header, {}, 'HS256', k1.signingKey)))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('works across algorithms with a resolver and async backends', async () => {
    const es = keysFor('ES256');
    const verify = createVerifier({ keys: () => es.publicKey, algorithms: ['ES256'], backend: 'webcrypto', currentDate: NOW });
    const t = await signJwt({ sub: 'x' }, es.privateKey, { alg: 'ES256', expiresIn: '5m', currentDate: NOW });
    expect((await verify(t)).payload.sub).toBe('x');
  });
});

describe('the header cache of the pipeline', () => {
  it('remembers a header only after a token carrying it verified', async () => {
    const config = parseJwsVerifyOptions(hs.publicKey, { algorithms: ['HS256'] });
    const cache = new HeaderCache();
    const header = b64u('{"alg":"HS256","n":1}');
    const good = token({}, header);
    for (let i = 0; i < 3; i++) {
      const forged = withSignature(token({ i }, header), new Uint8Array(32));
      expect((await rejection(Promise.resolve().then(() => verifyCompact(forged, config, undefined, cache)))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    }
    expect(cache.size).toBe(0);
    const first = await verifyCompact(good, config, undefined, cache);
    expect(cache.size).toBe(1);
    const again = await verifyCompact(token({ other: true }, header), config, undefined, cache);
    expect(again.header).toBe(first.header);
  });
});

describe('HeaderCache', () => {
  it('is bounded in entries and entry size, evicting the oldest', () => {
    const cache = new HeaderCache();
    const entry = { header: { alg: 'HS256' }, alg: 'HS256', info: {} } as never;
    for (let i = 0; i < 1000; i++) cache.set(`segment-${i}`, entry);
    expect(cache.size).toBe(32);
    expect(cache.get('segment-0')).toBeUndefined();
    expect(cache.get('segment-999')).toBe(entry);
    cache.set('x'.repeat(2000), entry);
    expect(cache.get('x'.repeat(2000))).toBeUndefined();
  });
});
