// Negative vectors for the payload and its claims. Every token here is validly signed (except the
// "+ bad signature" cases), so only the payload or claim check can refuse it.
import { AUDIENCE, ISSUER, fail, vector } from './context.mjs';

const ISSUE2 = 'Tessera issue 2';

export function claimCases(ctx) {
  const { signer, claims, options, jwks, T0 } = ctx;
  const out = [];
  const hs = (id, refs, description, payload, expect, opts = {}, { header = {}, breakSignature = false } = {}) => out.push(vector({
    id, refs, description, alg: 'HS256',
    token: signer.token({
      header: { alg: 'HS256', typ: 'JWT', ...header }, payload, alg: 'HS256', keyName: 'hs256',
      mutate: breakSignature ? (sig) => { const b = Buffer.from(sig); b[0] ^= 0x01; return b; } : undefined,
    }),
    keys: jwks('hs256'), options: options('HS256', opts), expect,
  }));

  // --- payload shape ---------------------------------------------------------------------------
  const SHAPE = [`${ISSUE2}: payload must be a JSON object`, 'RFC 7519 §7.2 step 10'];
  hs('neg-payload-array', [...SHAPE, 'GHSA-5hjw-83fp-phq9'], 'payload is a JSON array (claim checks must not be skipped)',
    `[${JSON.stringify(claims({ exp: T0 - 3600 }))}]`, fail('ERR_JWT_INVALID'));
  hs('neg-payload-string', SHAPE, 'payload is a JSON string', '"hello"', fail('ERR_JWT_INVALID'));
  hs('neg-payload-number', SHAPE, 'payload is a JSON number', '12345', fail('ERR_JWT_INVALID'));
  hs('neg-payload-null', SHAPE, 'payload is JSON null', 'null', fail('ERR_JWT_INVALID'));
  hs('neg-payload-not-json', SHAPE, 'payload is not JSON', 'not json at all', fail('ERR_JWT_INVALID'));
  hs('neg-payload-deep-nesting', [`${ISSUE2}: deep nesting gives a typed error, not a crash`, 'DEFAULT_LIMITS.maxJsonDepth=32'],
    'payload with an array nested 5000 levels deep', `{"sub":"user-1","x":${'['.repeat(5000)}${']'.repeat(5000)}}`, fail('ERR_JWT_INVALID'));
  hs('neg-payload-depth-option', [`${ISSUE2}: nesting depth is configurable`], 'payload nests 5 levels; maxJsonDepth is 4',
    claims({ nested: { a: { b: { c: {} } } } }), fail('ERR_JWT_INVALID'), { maxJsonDepth: 4 });
  hs('neg-payload-proto', [`${ISSUE2}: no prototype pollution from __proto__`], 'payload with a "__proto__" member',
    `{"sub":"user-1","exp":${T0 + 3600},"__proto__":{"admin":true}}`, fail('ERR_JWT_INVALID'));
  hs('neg-payload-nested-proto', [`${ISSUE2}: no prototype pollution from __proto__`], 'payload with a nested "__proto__" member',
    `{"sub":"user-1","exp":${T0 + 3600},"profile":{"__proto__":{"admin":true}}}`, fail('ERR_JWT_INVALID'));

  // --- claim types -----------------------------------------------------------------------------
  const TYPES = [`${ISSUE2}: claim types are checked`, 'RFC 7519 §4.1', 'CVE-2026-44459'];
  const wrongType = (claim, value, text) => hs(`neg-type-${claim}-${text}`, TYPES, `"${claim}" is ${text}`,
    claims({ [claim]: value }), fail('ERR_JWT_INVALID', claim));
  wrongType('exp', String(T0 - 3600), 'a-numeric-string');
  wrongType('exp', true, 'a-boolean');
  wrongType('exp', null, 'null');
  wrongType('exp', [T0 + 3600], 'an-array');
  wrongType('nbf', String(T0 + 3600), 'a-numeric-string');
  wrongType('iat', String(T0), 'a-numeric-string');
  wrongType('iat', {}, 'an-object');
  hs('neg-type-exp-infinite', TYPES, '"exp" is 1e400, which JSON.parse turns into Infinity',
    `{"sub":"user-1","exp":1e400}`, fail('ERR_JWT_INVALID', 'exp'));
  hs('neg-type-iss-array', [...TYPES, 'CVE-2025-30144'], '"iss" is an array containing the expected issuer',
    claims({ iss: [ISSUER] }), fail('ERR_JWT_INVALID', 'iss'), { issuer: ISSUER });
  hs('neg-type-aud-number', TYPES, '"aud" is a number', claims({ aud: 42 }), fail('ERR_JWT_INVALID', 'aud'), { audience: AUDIENCE });
  hs('neg-type-aud-array-of-numbers', TYPES, '"aud" is an array holding a number and the expected audience',
    claims({ aud: [42, AUDIENCE] }), fail('ERR_JWT_INVALID', 'aud'), { audience: AUDIENCE });
  hs('neg-type-sub-number', TYPES, '"sub" is a number', claims({ sub: 1 }), fail('ERR_JWT_INVALID', 'sub'), { subject: '1' });

  // --- time ------------------------------------------------------------------------------------
  const EXP = [`${ISSUE2}: exp`, 'RFC 7519 §4.1.4'];
  hs('neg-expired', EXP, 'exp one hour before the validation time', claims({ exp: T0 - 3600 }), fail('ERR_JWT_EXPIRED', 'exp'));
  hs('neg-expired-past-tolerance', EXP, 'exp 6 s before the validation time; default clock tolerance 5 s',
    claims({ exp: T0 - 6 }), fail('ERR_JWT_EXPIRED', 'exp'));
  hs('neg-expired-at-exp-zero-tolerance', EXP, 'validation time equal to exp with clockTolerance 0 ("MUST be before")',
    claims({ exp: T0 }), fail('ERR_JWT_EXPIRED', 'exp'), { clockTolerance: 0 });
  hs('neg-expired-custom-tolerance', EXP, 'exp 31 s ago with clockTolerance "30s"',
    claims({ exp: T0 - 31 }), fail('ERR_JWT_EXPIRED', 'exp'), { clockTolerance: '30s' });
  hs('neg-expired-bad-signature', [`${ISSUE2}: a forged/expired token is a signature error`, 'RFC 8725 §3.1'],
    'expired AND signature altered: the signature is checked first', claims({ exp: T0 - 3600 }),
    fail('ERR_JWS_SIGNATURE_VERIFICATION_FAILED'), {}, { breakSignature: true });
  const NBF = [`${ISSUE2}: nbf`, 'RFC 7519 §4.1.5'];
  hs('neg-not-yet-valid', NBF, 'nbf one hour after the validation time', claims({ nbf: T0 + 3600 }), fail('ERR_JWT_NOT_YET_VALID', 'nbf'));
  hs('neg-not-yet-valid-past-tolerance', NBF, 'nbf 6 s after the validation time; default tolerance 5 s',
    claims({ nbf: T0 + 6 }), fail('ERR_JWT_NOT_YET_VALID', 'nbf'));
  hs('neg-not-yet-valid-bad-signature', [`${ISSUE2}: verification order`], 'nbf in the future AND signature altered',
    claims({ nbf: T0 + 3600 }), fail('ERR_JWS_SIGNATURE_VERIFICATION_FAILED'), {}, { breakSignature: true });
  const AGE = [`${ISSUE2}: maxTokenAge`];
  hs('neg-max-token-age-exceeded', AGE, 'iat two hours ago; maxTokenAge "1h"', claims({ iat: T0 - 7200 }),
    fail('ERR_JWT_CLAIM_VALIDATION_FAILED', 'iat'), { maxTokenAge: '1h' });
  hs('neg-max-token-age-no-iat', AGE, 'maxTokenAge set but the token has no iat', claims({ iat: undefined }),
    fail('ERR_JWT_CLAIM_VALIDATION_FAILED', 'iat'), { maxTokenAge: '1h' });

  // --- claim values ------------------------------------------------------------------------------
  const CLAIM = 'ERR_JWT_CLAIM_VALIDATION_FAILED';
  hs('neg-iss-mismatch', [`${ISSUE2}: iss`, 'RFC 7519 §4.1.1'], 'iss differs from the expected issuer',
    claims({ iss: 'https://evil.example' }), fail(CLAIM, 'iss'), { issuer: ISSUER });
  hs('neg-iss-prefix', [`${ISSUE2}: iss`], 'iss extends the expected issuer (no prefix matching)',
    claims({ iss: `${ISSUER}.evil.example` }), fail(CLAIM, 'iss'), { issuer: ISSUER });
  hs('neg-iss-missing', [`${ISSUE2}: iss`], 'issuer expected but the token has no iss', claims({ iss: undefined }), fail(CLAIM, 'iss'), { issuer: ISSUER });
  hs('neg-iss-not-in-list', [`${ISSUE2}: iss may be one string or a list`], 'iss is in neither of two allowed issuers',
    claims({ iss: 'https://evil.example' }), fail(CLAIM, 'iss'), { issuer: [ISSUER, 'https://other-issuer.example'] });
  const AUD = [`${ISSUE2}: aud`, 'RFC 7519 §4.1.3', 'CVE-2025-62610'];
  hs('neg-aud-mismatch', AUD, 'aud differs from the expected audience', claims({ aud: 'api://other' }), fail(CLAIM, 'aud'), { audience: AUDIENCE });
  hs('neg-aud-missing', AUD, 'audience expected but the token has no aud', claims({ aud: undefined }), fail(CLAIM, 'aud'), { audience: AUDIENCE });
  hs('neg-aud-array-none-allowed', AUD, 'aud is an array, none of whose members is allowed',
    claims({ aud: ['api://a', 'api://b'] }), fail(CLAIM, 'aud'), { audience: AUDIENCE });
  hs('neg-aud-empty-array', AUD, 'aud is an empty array', claims({ aud: [] }), fail(CLAIM, 'aud'), { audience: AUDIENCE });
  hs('neg-sub-mismatch', [`${ISSUE2}: sub`], 'sub differs from the expected subject', claims({ sub: 'user-2' }), fail(CLAIM, 'sub'), { subject: 'user-1' });
  hs('neg-typ-mismatch', [`${ISSUE2}: typ`, 'RFC 8725 §3.11'], 'typ "JWT" where "at+jwt" is expected',
    claims(), fail(CLAIM, 'typ'), { typ: 'at+jwt' });
  hs('neg-typ-missing', [`${ISSUE2}: typ`, 'RFC 8725 §3.11'], 'typ expected but the header has none',
    claims(), fail(CLAIM, 'typ'), { typ: 'at+jwt' }, { header: { typ: undefined } });
  hs('neg-required-claim-missing', [`${ISSUE2}: requiredClaims`], 'jti is required but absent', claims(), fail(CLAIM, 'jti'), { requiredClaims: ['jti'] });
  return out;
}
