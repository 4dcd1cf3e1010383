/**
 * The one decoder of untrusted JSON octets (src/lib/json.ts): strict UTF-8, then the JSON guards
 * (depth, __proto__, object). JWS headers and payloads, JWE headers and JWKS documents all go
 * through it, so they refuse the same input the same way.
 */
import { describe, expect, it } from 'vitest';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { verifyJws } from '../../src/jws/verify.js';
import { decodeJwt } from '../../src/jwt/decode.js';
import { decodeJsonObject, parseJson } from '../../src/lib/json.js';
import { rejection, thrown } from '../helpers/errors.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const b64u = (b: Uint8Array): string => btoa(String.fromCharCode(...b)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const BAD_UTF8 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"\xff\xfe"}

describe('decodeJsonObject', () => {
  it('decodes a UTF-8 JSON object', () => {
    expect(decodeJsonObject(bytes('{"alg":"ES256","name":"Zoë"}'), 'header', 'ERR_JWS_INVALID', 32)).toEqual({ alg: 'ES256', name: 'Zoë' });
  });

  it('refuses invalid UTF-8 instead of replacing it with U+FFFD', () => {
    const err = thrown(() => decodeJsonObject(BAD_UTF8, 'header', 'ERR_JWS_INVALID', 32));
    expect([err.code, err.reason, err.message]).toEqual(['ERR_JWS_INVALID', 'utf8', 'header is not valid UTF-8']);
    expect(err.hint).toMatch(/UTF-8/);
  });

  it.each([
    ['json', '{"alg":', /not valid JSON/],
    ['type', '["alg"]', /must be a JSON object, got an array/],
    ['proto', '{"alg":"HS256","x":{"__proto__":{"admin":true}}}', /__proto__/],
    ['depth', `${'{"a":'.repeat(5)}1${'}'.repeat(5)}`, /nests deeper than 4 levels/],
  ])('refuses %s with the code it is given and a hint', (reason, text, message) => {
    const err = thrown(() => decodeJsonObject(bytes(text), 'payload', 'ERR_JWT_INVALID', 4));
    expect([err.code, err.reason]).toEqual(['ERR_JWT_INVALID', reason]);
    expect(err.message).toMatch(message);
    expect(err.hint).toEqual(expect.any(String));
  });

  it('parseJson accepts any JSON value but keeps the guards', () => {
    expect(parseJson('[1,{"a":2}]', 'JWT_KEYS', 'ERR_JWK_INVALID', 32)).toEqual([1, { a: 2 }]);
    expect(thrown(() => parseJson('[{"__proto__":{}}]', 'JWT_KEYS', 'ERR_JWK_INVALID', 32)).reason).toBe('proto');
  });
});

describe('every layer decodes JSON octets the same way', () => {
  it('a JWS header, a JWT payload and a JWE header in invalid UTF-8 give the same refusal', async () => {
    const hmac = importSecret('a'.repeat(32), { alg: 'HS256' });
    const kw = importSecret(new Uint8Array(16), { alg: 'A128KW' });
    const errors = [
      await rejection(verifyJws(`${b64u(BAD_UTF8)}.e30.c2ln`, hmac, { algorithms: ['HS256'] })),
      thrown(() => decodeJwt(`${b64u(bytes('{"alg":"HS256"}'))}.${b64u(BAD_UTF8)}.c2ln`)),
      await rejection(decryptJwe(`${b64u(BAD_UTF8)}.AA.AA.AA.AA`, kw, { algorithms: ['A128KW'], encryptionAlgorithms: ['A128GCM'] })),
    ];
    expect(errors.map((e) => [e.code, e.reason, e.message])).toEqual([
      ['ERR_JWS_INVALID', 'utf8', 'header is not valid UTF-8'],
      ['ERR_JWT_INVALID', 'utf8', 'payload is not valid UTF-8'],
      ['ERR_JWE_INVALID', 'utf8', 'JWE protected header is not valid UTF-8'],
    ]);
    expect(new Set(errors.map((e) => e.hint)).size).toBe(1);
  });
});
