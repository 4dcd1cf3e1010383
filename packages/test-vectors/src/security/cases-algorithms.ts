/**
 * Algorithm confusion and `none`: the token's header must never choose how the verifier's key is
 * used. The caller's allow-list decides (RFC 8725 §3.1) and each key is bound to one algorithm
 * family at import, so public key material can never act as an HMAC secret.
 */
import { accepted, all, firstFailure, claims, refused, withBackend } from './attempt.js';
import { forgeHmacToken } from './encoding.js';
import { hmacKey, jwsOptions, publicMaterialAsSecrets, rsaMaterial, signValid, unsignedToken, verifyOptions } from './keys.js';
import type { SecurityApi, SecurityCase, SecurityContext } from './types.js';

const NONE_SPELLINGS = ['none', 'None', 'NONE', 'nOnE'];

/** HS256 tokens MACed with every form of the RSA public key; each must be refused by `keys`. */
async function publicKeyAsHmacSecret(api: SecurityApi, ctx: SecurityContext, keys: (m: Awaited<ReturnType<typeof rsaMaterial>>) => unknown, algorithms: readonly string[], code: string | readonly string[]): Promise<string | null> {
  const m = await rsaMaterial(api, ctx);
  const verifyWith = keys(m);
  for (const { what, secret } of publicMaterialAsSecrets(m.jwk, m.pem)) {
    const token = await forgeHmacToken({ alg: 'HS256', typ: 'JWT' }, claims({ sub: 'admin' }), secret);
    const failure = await refused(`HS256 token MACed with ${what}`, code, () => api.verifyJwt(token, verifyWith, verifyOptions(ctx, algorithms)));
    if (failure !== null) return failure;
  }
  // Control: the same key and options accept a real RS256 token.
  const genuine = await signValid(api, ctx, m.privateKey, 'RS256');
  return accepted('a genuine RS256 token', () => api.verifyJwt(genuine, verifyWith, verifyOptions(ctx, algorithms)));
}

export const algorithmCases: SecurityCase[] = [
  {
    id: 'CVE-2015-9235',
    aliases: [],
    area: 'algorithms',
    title: 'alg none and RS256-to-HS256 confusion (jsonwebtoken)',
    summary: "The verifier took the algorithm from the token's header: a token with alg 'none' and no signature was accepted, and an HS256 token whose MAC was computed with the RSA public key (the string the application passed as its key) verified.",
    protection: "The caller's algorithms allow-list is required and never contains 'none'; a key imported as RSA is bound to RS/PS algorithms and can never verify an HMAC.",
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2015-9235', 'https://auth0.com/blog/critical-vulnerabilities-in-json-web-token-libraries/'],
    vectors: ['neg-alg-none', 'neg-alg-none-with-signature', 'neg-alg-None-case', 'neg-alg-NONE-case', 'neg-alg-nOnE-case', 'neg-confusion-rs256-hs256'],
    checks: [
      {
        name: "alg 'none' in any letter case, with or without a signature, is refused for HMAC, EC and EdDSA keys",
        expect: { refused: 'ERR_JOSE_ALG_NOT_ALLOWED' },
        async run(api, ctx) {
          const keys: [string, unknown][] = [['HS256', hmacKey(api)], ['ES256', (await ctx.keyPair('ES256')).publicKey], ['EdDSA', (await ctx.keyPair('EdDSA')).publicKey]];
          for (const [alg, key] of keys) {
            for (const none of NONE_SPELLINGS) {
              for (const sig of ['', 'c2lnbmF0dXJl']) {
                const failure = await refused(`${alg} key, alg ${none}, signature ${sig === '' ? 'empty' : 'present'}`, 'ERR_JOSE_ALG_NOT_ALLOWED',
                  () => api.verifyJwt(unsignedToken(none, sig), key, verifyOptions(ctx, [alg])));
                if (failure !== null) return failure;
              }
            }
          }
          return null;
        },
      },
      {
        name: 'an HS256 token MACed with the RSA public key (PEM, JWK) is refused by that key even with HS256 allowed',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        algs: ['RS256'],
        run: (api, ctx) => publicKeyAsHmacSecret(api, ctx, (m) => m.publicKey, ['RS256', 'HS256'], 'ERR_JWKS_NO_MATCHING_KEY'),
      },
      {
        name: 'the RSA public key PEM cannot be imported as an HMAC secret',
        expect: { refused: 'ERR_JWK_INVALID' },
        async run(api, ctx) {
          const { pem } = await rsaMaterial(api, ctx);
          return refused('importSecret(pem)', 'ERR_JWK_INVALID', () => api.importSecret(pem, { alg: 'HS256' }));
        },
      },
    ],
  },
  {
    id: 'CVE-2016-10555',
    aliases: [],
    area: 'algorithms',
    title: 'header alg chooses HS256 for an RSA key (jwt-simple)',
    summary: "decode() used the alg named in the token when the caller did not name one, so an application holding an RSA public key could be sent an HS256 token MACed with that public key and accept it.",
    protection: 'algorithms is required; key sets select only keys bound to the token\'s alg, so an RSA JWK in a set is never used for HS256.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2016-10555'],
    vectors: ['neg-confusion-rs256-hs256-both-allowed', 'neg-confusion-rs256-hs256-key-set'],
    checks: [
      {
        name: 'a key set holding the RSA public JWK refuses HS256 tokens MACed with its PEM or JWK',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        algs: ['RS256'],
        run: (api, ctx) => publicKeyAsHmacSecret(api, ctx, (m) => api.createKeySet({ keys: [{ ...m.jwk, kid: 'rsa-1' }] }), ['RS256', 'HS256'], 'ERR_JWKS_NO_MATCHING_KEY'),
      },
      {
        name: 'verification without an algorithms option is refused before the token is read',
        expect: { refused: 'ERR_JOSE_INVALID_OPTION' },
        async run(api, ctx) {
          const key = hmacKey(api);
          const token = await signValid(api, ctx, key, 'HS256');
          return refused('verifyJwt without algorithms', 'ERR_JOSE_INVALID_OPTION', () => api.verifyJwt(token, key, {}));
        },
      },
    ],
  },
  {
    id: 'CVE-2016-1000223',
    aliases: [],
    area: 'algorithms',
    title: 'JWS verification trusts the header alg (jws)',
    summary: "The JWS verifier picked the signature algorithm from the untrusted protected header, so whoever wrote the header chose between RSA verification and an HMAC keyed with the public key.",
    protection: "verifyJws checks the header alg against the caller's allow-list, then requires the key to be bound to that alg; the header never selects how a key is used.",
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2016-1000223'],
    vectors: ['neg-alg-not-allowed', 'neg-alg-unknown'],
    checks: [
      {
        name: 'verifyJws with an RS256-only allow-list refuses an HS256 JWS MACed with the public key',
        expect: { refused: 'ERR_JOSE_ALG_NOT_ALLOWED' },
        async run(api, ctx) {
          const m = await rsaMaterial(api, ctx);
          const token = await forgeHmacToken({ alg: 'HS256' }, { any: 'payload' }, new TextEncoder().encode(m.pem));
          return refused('HS256 JWS, RS256 allowed', 'ERR_JOSE_ALG_NOT_ALLOWED', () => api.verifyJws(token, m.publicKey, jwsOptions(ctx, ['RS256'])));
        },
      },
      {
        name: 'a header naming another family than the key (ES256 header, RSA key) is refused',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        async run(api, ctx) {
          const m = await rsaMaterial(api, ctx);
          const ec = await ctx.keyPair('ES256');
          const token = await api.signJws('payload', ec.privateKey, { alg: 'ES256', ...withBackend(ctx.backend) });
          return refused('ES256 JWS, RSA key', 'ERR_JWKS_NO_MATCHING_KEY', () => api.verifyJws(token, m.publicKey, jwsOptions(ctx, ['RS256', 'ES256'])));
        },
      },
    ],
  },
  {
    id: 'CVE-2022-23539',
    aliases: [],
    area: 'algorithms',
    title: 'insecure key types accepted for verification (jsonwebtoken)',
    summary: 'Legacy, insecure key types (DSA, RSA keys too small for the algorithm) were accepted for signature verification, and a key was usable with algorithms of another type.',
    protection: 'RSA keys under 2048 bits, unknown key types and keys whose type does not fit the requested alg are refused at import with ERR_JWK_INVALID.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2022-23539'],
    vectors: ['neg-key-rsa-1024', 'neg-key-curve-mismatch'],
    checks: [
      {
        name: 'a 1024-bit RSA key is refused as a JWK and as a PEM',
        expect: { refused: 'ERR_JWK_INVALID' },
        async run(api) {
          const pair = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
          const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
          const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
          let bin = '';
          for (const b of spki) bin += String.fromCharCode(b);
          const pem = `-----BEGIN PUBLIC KEY-----\n${btoa(bin).replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`;
          return all(
            () => refused('1024-bit RSA JWK', 'ERR_JWK_INVALID', () => api.importJwk({ kty: 'RSA', n: jwk.n, e: jwk.e }, { alg: 'RS256' })),
            () => refused('1024-bit RSA PEM', 'ERR_JWK_INVALID', () => api.importPem(pem, { alg: 'RS256' })),
          );
        },
      },
      {
        name: 'key types that do not fit the alg (EC for RS256, RSA for ES256) are refused at import, and DSA is not supported',
        expect: { refused: 'ERR_JWK_INVALID' },
        async run(api, ctx) {
          const ec = api.exportJwk((await ctx.keyPair('ES256')).publicKey) as Record<string, unknown>;
          const rsa = (await rsaMaterial(api, ctx)).jwk;
          return all(
            () => refused('EC key for RS256', 'ERR_JWK_INVALID', () => api.importJwk({ ...ec, alg: undefined }, { alg: 'RS256' })),
            () => refused('RSA key for ES256', 'ERR_JWK_INVALID', () => api.importJwk({ ...rsa, alg: undefined }, { alg: 'ES256' })),
            () => refused('DSA key', 'ERR_JOSE_NOT_SUPPORTED', () => api.importJwk({ kty: 'DSA', p: 'AQAB', q: 'AQAB', g: 'AQAB', y: 'AQAB' })),
          );
        },
      },
    ],
  },
  {
    id: 'CVE-2022-23540',
    aliases: [],
    area: 'algorithms',
    title: "no algorithms option means 'none' (jsonwebtoken)",
    summary: "When verify() was called without an algorithms list and with a falsy key, the library fell back to the 'none' algorithm and accepted unsigned tokens.",
    protection: "algorithms is required and may not list 'none'; a falsy or missing key is refused before any token is read.",
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2022-23540'],
    vectors: ['neg-option-algorithms-missing', 'neg-option-algorithms-none'],
    checks: [
      {
        name: "an unsigned token with no algorithms option, or with algorithms ['none'], is refused as a bad option",
        expect: { refused: 'ERR_JOSE_INVALID_OPTION' },
        async run(api, ctx) {
          const key = hmacKey(api);
          const token = unsignedToken('none');
          return all(
            () => refused('no algorithms', 'ERR_JOSE_INVALID_OPTION', () => api.verifyJwt(token, key, {})),
            () => refused("algorithms ['none']", 'ERR_JOSE_INVALID_OPTION', () => api.verifyJwt(token, key, verifyOptions(ctx, ['none']))),
            () => refused("algorithms ['HS256', 'none']", 'ERR_JOSE_INVALID_OPTION', () => api.verifyJwt(token, key, verifyOptions(ctx, ['HS256', 'none']))),
          );
        },
      },
      {
        name: 'an unsigned token with a falsy key (null, undefined, empty string, false, 0) is refused',
        expect: { refused: 'ERR_JWK_INVALID' },
        async run(api, ctx) {
          const token = unsignedToken('none');
          return firstFailure([null, undefined, '', false, 0], (key) =>
            refused(`key ${String(key) || "''"}`, 'ERR_JWK_INVALID', () => api.verifyJwt(token, key, verifyOptions(ctx, ['HS256']))));
        },
      },
    ],
  },
  {
    id: 'CVE-2022-23541',
    aliases: [],
    area: 'algorithms',
    title: 'a key-retrieval function returns a key of another type (jsonwebtoken)',
    summary: 'With a callback that looked keys up, the algorithm and the key type were not checked against each other, so an RSA public key returned for an HS256 token was used as an HMAC secret.',
    protection: "Whatever a key resolver returns must be a Tessera key (or key set) bound to the token's alg; anything else is refused.",
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2022-23541'],
    vectors: ['neg-confusion-rs256-hs256-both-allowed'],
    checks: [
      {
        name: 'a resolver that returns the RSA public key refuses HS256 tokens MACed with it',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        algs: ['RS256'],
        run: (api, ctx) => publicKeyAsHmacSecret(api, ctx, (m) => () => m.publicKey, ['RS256', 'HS256'], 'ERR_JWKS_NO_MATCHING_KEY'),
      },
      {
        name: 'a resolver that returns raw material (PEM string, bytes, a JWK object) is refused',
        expect: { refused: 'ERR_JWK_INVALID' },
        async run(api, ctx) {
          const m = await rsaMaterial(api, ctx);
          const token = await forgeHmacToken({ alg: 'HS256', typ: 'JWT' }, claims(), new TextEncoder().encode(m.pem));
          return firstFailure([['a PEM string', m.pem], ['bytes', new TextEncoder().encode(m.pem)], ['a JWK object', m.jwk]] as const, ([what, material]) =>
            refused(`resolver returning ${what}`, 'ERR_JWKS_NO_MATCHING_KEY', () => api.verifyJwt(token, () => material, verifyOptions(ctx, ['RS256', 'HS256']))));
        },
      },
    ],
  },
  {
    id: 'CVE-2020-15084',
    aliases: [],
    area: 'algorithms',
    title: 'the algorithms allow-list is optional (express-jwt)',
    summary: 'The middleware did not require an algorithms list; combined with a library that trusted the header, tokens could be forged by switching algorithms.',
    protection: 'Every verifying entry point (verifyJws, verifyJwt, createVerifier, decryptJwe) requires a non-empty allow-list and throws ERR_JOSE_INVALID_OPTION without it.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2020-15084'],
    vectors: ['neg-option-algorithms-missing', 'neg-option-algorithms-empty'],
    checks: [
      {
        name: 'verifyJws, verifyJwt, createVerifier and decryptJwe refuse a missing or empty allow-list',
        expect: { refused: 'ERR_JOSE_INVALID_OPTION' },
        async run(api, ctx) {
          const key = hmacKey(api);
          const token = await signValid(api, ctx, key, 'HS256');
          const attempts: [string, () => unknown][] = [];
          for (const [label, algorithms] of [['missing', undefined], ['empty', []]] as const) {
            const o = algorithms === undefined ? {} : { algorithms };
            attempts.push([`verifyJws, ${label}`, () => api.verifyJws(token, key, o)]);
            attempts.push([`verifyJwt, ${label}`, () => api.verifyJwt(token, key, o)]);
            attempts.push([`createVerifier, ${label}`, () => api.createVerifier({ keys: key, ...o })]);
            attempts.push([`decryptJwe, ${label}`, () => api.decryptJwe(token, key, { ...o, encryptionAlgorithms: ['A128GCM'] })]);
          }
          return firstFailure(attempts, ([what, attempt]) =>
            refused(what, 'ERR_JOSE_INVALID_OPTION', attempt));
        },
      },
    ],
  },
];
