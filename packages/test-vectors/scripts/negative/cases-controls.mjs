// Positive controls: valid tokens made with the same keys, options and clock as the negative
// cases, including values exactly at each limit. They prove that a negative case fails for its
// stated reason and not because of a broken key or option.
import { AUDIENCE, ISSUER, vector } from './context.mjs';

const ISSUE2 = 'Tessera issue 2 (positive control)';

export function controlCases(ctx) {
  const { signer, claims, options, jwks, T0 } = ctx;
  const out = [];
  const ok = (payload) => ({ ok: true, payload });

  for (const [alg, keyName] of [['HS256', 'hs256'], ['HS512', 'hs512'], ['RS256', 'rsa'], ['ES256', 'p256'],
    ['ES384', 'p384'], ['ES512', 'p521'], ['EdDSA', 'ed25519']]) {
    const payload = claims();
    out.push(vector({
      id: `ok-${alg.toLowerCase()}`, refs: [ISSUE2], alg,
      description: `valid ${alg} JWT with iss, sub, aud, iat, exp`,
      token: signer.token({ header: { alg, typ: 'JWT', kid: ctx.keys[keyName].kid }, payload, alg, keyName }),
      keys: jwks(keyName), options: options(alg, { issuer: ISSUER, audience: AUDIENCE, subject: 'user-1' }), expect: ok(payload),
    }));
  }
  {
    const payload = claims();
    const psKey = { ...jwks('rsa').keys[0], kid: 'rsa-ps', alg: 'PS256' };
    out.push(vector({
      id: 'ok-ps256', refs: [ISSUE2], alg: 'PS256', description: 'valid PS256 JWT',
      token: signer.token({ header: { alg: 'PS256', kid: 'rsa-ps' }, payload, alg: 'PS256', keyName: 'rsa' }),
      keys: jwks(psKey), options: options('PS256'), expect: ok(payload),
    }));
  }
  const hs = (id, description, { header = {}, payload = claims(), opts = {}, keyNames = ['hs256'], keyMode = 'single', refs = [ISSUE2] }) => {
    out.push(vector({
      id, refs, description, alg: 'HS256',
      token: signer.token({ header: { alg: 'HS256', ...header }, payload, alg: 'HS256', keyName: keyNames.at(-1) }),
      keys: jwks(...keyNames), keyMode, options: options('HS256', opts), expect: ok(payload),
    }));
  };
  hs('ok-exp-within-tolerance', 'exp 3 s before the validation time; the default clock tolerance is 5 s',
    { payload: claims({ exp: T0 - 3 }), refs: [ISSUE2, 'RFC 7519 §4.1.4'] });
  hs('ok-nbf-within-tolerance', 'nbf 3 s after the validation time; the default clock tolerance is 5 s',
    { payload: claims({ nbf: T0 + 3 }), refs: [ISSUE2, 'RFC 7519 §4.1.5'] });
  hs('ok-aud-array-one-allowed', 'aud is an array; one of its members is the allowed audience',
    { payload: claims({ aud: ['https://other.example', AUDIENCE] }), opts: { audience: AUDIENCE }, refs: [ISSUE2, 'RFC 7519 §4.1.3'] });
  hs('ok-audience-option-list', 'the caller allows two audiences; the token has the second',
    { opts: { audience: ['https://other.example', AUDIENCE] } });
  hs('ok-issuer-option-list', 'the caller allows two issuers; the token has the second',
    { opts: { issuer: ['https://other-issuer.example', ISSUER] } });
  hs('ok-typ-media-type-prefix', 'typ "application/at+jwt" matches the expected typ "at+jwt"',
    { header: { typ: 'application/at+jwt' }, opts: { typ: 'at+jwt' }, refs: [ISSUE2, 'RFC 7515 §4.1.9'] });
  hs('ok-required-claims-present', 'requiredClaims are all present', { payload: claims({ jti: 'id-1' }), opts: { requiredClaims: ['jti', 'sub'] } });
  hs('ok-max-token-age', 'iat 60 s ago, maxTokenAge 5m', { opts: { maxTokenAge: '5m' } });
  hs('ok-kid-selects-from-set', 'a key set of two HS256 keys; the token kid names the second',
    { header: { kid: 'hs256-k2' }, keyNames: ['hs256', 'hs256-other'], keyMode: 'set' });
  hs('ok-no-kid-tries-matching-keys', 'no kid; the key set has two HS256 keys, the second one signed (at most 3 are tried)',
    { keyNames: ['hs256', 'hs256-other'], keyMode: 'set' });
  hs('ok-crit-understood', 'crit names an extension the caller declares it understands (critical option)',
    { header: { crit: ['x-tessera-ext'], 'x-tessera-ext': 1 }, opts: { critical: ['x-tessera-ext'] }, refs: [ISSUE2, 'RFC 7515 §4.1.11'] });
  hs('ok-json-depth-at-limit', 'payload nests exactly maxJsonDepth (4) levels',
    { payload: claims({ nested: { a: { b: {} } } }), opts: { maxJsonDepth: 4 } });
  hs('ok-unicode-claims', 'claims with non-ASCII text survive verification unchanged',
    { payload: claims({ name: 'Zoë Ñandú 漢字 🎉' }) });
  {
    const payload = claims();
    const token = signer.token({ header: { alg: 'HS256' }, payload, alg: 'HS256', keyName: 'hs256' });
    out.push(vector({
      id: 'ok-max-token-length-at-limit', refs: [ISSUE2], alg: 'HS256',
      description: 'token exactly maxTokenLength characters long', token,
      keys: jwks('hs256'), options: options('HS256', { maxTokenLength: token.length }), expect: ok(payload),
    }));
  }
  {
    // ECDSA accepts both s and n - s (JOSE has no low-S rule; RFC 7518 §3.4): a backend that
    // enforces low-S, as some Bitcoin-oriented code does, would wrongly refuse half of all tokens.
    const payload = claims({ jti: 'high-s' });
    const n = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
    const token = signer.token({
      header: { alg: 'ES256' }, payload, alg: 'ES256', keyName: 'p256',
      mutate: (sig) => {
        const s = BigInt(`0x${sig.subarray(32).toString('hex')}`);
        const high = s > n / 2n ? s : n - s;
        return Buffer.concat([sig.subarray(0, 32), Buffer.from(high.toString(16).padStart(64, '0'), 'hex')]);
      },
    });
    out.push(vector({
      id: 'ok-es256-high-s', refs: [ISSUE2, 'RFC 7518 §3.4', 'FIPS 186-4 §6.4'], alg: 'ES256',
      description: 'ES256 signature with the high form of s (n - s): valid ECDSA, must verify',
      token, keys: jwks('p256'), options: options('ES256'), expect: ok(payload),
    }));
  }
  return out;
}
