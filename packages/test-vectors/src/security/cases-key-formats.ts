/**
 * Key-format guessing: a library that takes "a key" as a string or bytes and guesses its format
 * can be made to use public material as an HMAC secret. Tessera never guesses: importSecret
 * refuses anything that looks like a public key, and key sets bind each JWK to one family.
 */
import { accepted, all, firstFailure, claims, refused } from './attempt.js';
import { forgeHmacToken, unb64u, utf8 } from './encoding.js';
import { publicJwk, publicMaterialAsSecrets, rsaMaterial, signValid, verifyOptions } from './keys.js';
import type { SecurityApi, SecurityCase, SecurityContext } from './types.js';

/** Each (what, secret) must be refused by importSecret. */
async function refusedAsSecrets(api: SecurityApi, secrets: readonly { what: string; secret: string | Uint8Array; encoding?: string }[]): Promise<string | null> {
  return firstFailure(secrets, ({ what, secret, encoding }) =>
    refused(`importSecret(${what})`, 'ERR_JWK_INVALID', () => api.importSecret(secret, encoding === undefined ? { alg: 'HS256' } : { alg: 'HS256', encoding })));
}

function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
}

/** A JWKS whose keys carry no `alg` (common in the wild), served by an injected fetch. */
function remoteSet(api: SecurityApi, jwks: object): unknown {
  return api.createRemoteKeySet('https://idp.example/.well-known/jwks.json', {
    fetch: async () => new Response(JSON.stringify(jwks), { status: 200, headers: { 'content-type': 'application/json' } }),
  });
}

async function forgedWithJwk(api: SecurityApi, ctx: SecurityContext, keys: (jwks: object) => unknown): Promise<string | null> {
  const m = await rsaMaterial(api, ctx);
  const { alg: _alg, ...noAlg } = m.jwk;
  const jwks = { keys: [{ ...noAlg, kid: 'rsa-1' }] };
  const verifyWith = keys(jwks);
  for (const { what, secret } of publicMaterialAsSecrets(noAlg, m.pem)) {
    for (const header of [{ alg: 'HS256', kid: 'rsa-1' }, { alg: 'HS256' }]) {
      const token = await forgeHmacToken(header, claims({ sub: 'admin' }), secret);
      const failure = await refused(`HS256 (${header.kid === undefined ? 'no kid' : 'kid rsa-1'}) MACed with ${what}`, 'ERR_JWKS_NO_MATCHING_KEY',
        () => api.verifyJwt(token, verifyWith, verifyOptions(ctx, ['RS256', 'HS256'])));
      if (failure !== null) return failure;
    }
  }
  const genuine = await signValid(api, ctx, m.privateKey, 'RS256', {}, { kid: 'rsa-1' });
  return all(
    () => accepted('a genuine RS256 token (control)', () => api.verifyJwt(genuine, verifyWith, verifyOptions(ctx, ['RS256', 'HS256']))),
    // The header cannot widen the allow-list either: PS256 fits an alg-less RSA key's family but is not allowed.
    async () => {
      const pss = await ctx.keyPair('PS256');
      const { alg: _a, ...psNoAlg } = publicJwk(api, pss.publicKey);
      const psKeys = keys({ keys: [{ ...psNoAlg, kid: 'rsa-ps' }] });
      const ps = await signValid(api, ctx, pss.privateKey, 'PS256', {}, { kid: 'rsa-ps' });
      return all(
        () => refused('PS256 token with only RS256 allowed', 'ERR_JOSE_ALG_NOT_ALLOWED', () => api.verifyJwt(ps, psKeys, verifyOptions(ctx, ['RS256']))),
        () => accepted('the same PS256 token with PS256 allowed (control)', () => api.verifyJwt(ps, psKeys, verifyOptions(ctx, ['PS256']))),
      );
    },
  );
}

export const keyFormatCases: SecurityCase[] = [
  {
    id: 'CVE-2023-48223',
    aliases: ['CVE-2026-34950'],
    area: 'algorithms',
    title: 'a PEM public key not recognised and used as an HMAC secret (fast-jwt)',
    summary: 'The library recognised public keys with a pattern; PEM forms it missed (other labels, and in the later bypass leading whitespace) were treated as HMAC secrets, so HS256 tokens MACed with the public key verified.',
    protection: 'importSecret refuses any text containing a PEM armor, whatever surrounds it; public keys come in through importPem/importJwk only, bound to their family.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2023-48223', 'https://github.com/nearform/fast-jwt/security/advisories'],
    vectors: ['neg-confusion-rs256-hs256'],
    checks: [
      {
        name: 'importSecret refuses the public key PEM in every layout (PKCS#1 label, leading whitespace, CRLF, certificate armor)',
        expect: { refused: 'ERR_JWK_INVALID' },
        async run(api, ctx) {
          const { pem } = await rsaMaterial(api, ctx);
          return refusedAsSecrets(api, [
            { what: 'SPKI PEM', secret: pem },
            { what: 'PEM labelled RSA PUBLIC KEY', secret: pem.replace(/PUBLIC KEY/g, 'RSA PUBLIC KEY') },
            { what: 'PEM after a newline and spaces', secret: `\n   ${pem}` },
            { what: 'PEM after a tab', secret: `\t${pem}` },
            { what: 'PEM with CRLF line ends', secret: pem.replace(/\n/g, '\r\n') },
            { what: 'PEM armored as a CERTIFICATE', secret: pem.replace(/PUBLIC KEY/g, 'CERTIFICATE') },
            { what: 'PEM bytes', secret: utf8(` ${pem}`) },
          ]);
        },
      },
      {
        name: 'HS256 tokens MACed with the PEM (leading whitespace included) are refused by the key imported from that PEM',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        algs: ['RS256'],
        async run(api, ctx) {
          const m = await rsaMaterial(api, ctx);
          const fromPem = api.importPem(m.pem, { alg: 'RS256' });
          for (const { what, secret } of publicMaterialAsSecrets(m.jwk, m.pem)) {
            const token = await forgeHmacToken({ alg: 'HS256', typ: 'JWT' }, claims({ sub: 'admin' }), secret);
            const failure = await refused(`HS256 MACed with ${what}`, 'ERR_JWKS_NO_MATCHING_KEY', () => api.verifyJwt(token, fromPem, verifyOptions(ctx, ['RS256', 'HS256'])));
            if (failure !== null) return failure;
          }
          return accepted('a genuine RS256 token (control)', async () => api.verifyJwt(await signValid(api, ctx, m.privateKey, 'RS256'), fromPem, verifyOptions(ctx, ['RS256'])));
        },
      },
    ],
  },
  {
    id: 'GHSA-ww5h-9m49-7xx4',
    aliases: [],
    area: 'algorithms',
    title: 'public key encodings other than PEM taken as HMAC secrets (fast-jwt follow-up)',
    summary: 'Key-format detection by pattern missed further encodings of public keys (certificates, JWKs given as JSON text, OpenSSH keys), which then acted as HMAC secrets.',
    protection: 'importSecret refuses certificates, JWK/JWKS JSON text and OpenSSH public keys, naming the importer to use instead.',
    references: ['https://github.com/advisories/GHSA-ww5h-9m49-7xx4'],
    vectors: ['neg-confusion-jwk-json-as-secret'],
    checks: [
      {
        name: 'importSecret refuses a JWK, a JWKS and an OpenSSH public key given as text',
        expect: { refused: 'ERR_JWK_INVALID' },
        async run(api, ctx) {
          const { jwk, pem } = await rsaMaterial(api, ctx);
          return refusedAsSecrets(api, [
            { what: 'JWK JSON', secret: JSON.stringify(jwk) },
            { what: 'JWK JSON, indented', secret: `  ${JSON.stringify(jwk, null, 2)}` },
            { what: 'JWKS JSON', secret: JSON.stringify({ keys: [jwk] }) },
            { what: 'OpenSSH public key', secret: `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${pemBody(pem).slice(0, 60)} user@host` },
          ]);
        },
      },
      {
        name: 'a key set refuses HS256 tokens MACed with its own JWK JSON',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        algs: ['RS256'],
        run: (api, ctx) => forgedWithJwk(api, ctx, (jwks) => api.createKeySet(jwks)),
      },
    ],
  },
  {
    id: 'GHSA-g3jj-5cmm-3hxx',
    aliases: [],
    area: 'algorithms',
    title: "a public key's raw bytes taken as an HMAC secret (fast-jwt follow-up)",
    summary: 'A public key passed as bytes (DER) or as unarmored base64 was not recognised as a public key and was used as an HMAC secret.',
    protection: 'importSecret parses bytes and base64 text that look like DER and refuses SPKI/PKCS#1/certificate structures.',
    references: ['https://github.com/nearform/fast-jwt/security/advisories/GHSA-g3jj-5cmm-3hxx'],
    vectors: [],
    checks: [
      {
        name: "importSecret refuses the public key's DER bytes and its unarmored base64 body",
        expect: { refused: 'ERR_JWK_INVALID' },
        async run(api, ctx) {
          const { pem } = await rsaMaterial(api, ctx);
          const body = pemBody(pem);
          const der = unb64u(body.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
          return refusedAsSecrets(api, [
            { what: 'DER bytes', secret: der },
            { what: 'base64 DER text', secret: body },
            { what: 'base64 DER text, base64 encoding', secret: body, encoding: 'base64' },
            { what: 'base64url DER text, base64url encoding', secret: body.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), encoding: 'base64url' },
          ]);
        },
      },
    ],
  },
  {
    id: 'CVE-2026-22817',
    aliases: ['CVE-2026-22818'],
    area: 'algorithms',
    title: 'the header alg chosen for JWKS keys without alg (Hono)',
    summary: "When the selected JWK had no alg member (common in published JWKS), the middleware verified with the alg named in the token's header, so the token chose the algorithm.",
    protection: "A JWK without alg is bound at import to its key type's family (RSA: RS/PS); the token's alg must also be in the caller's required allow-list.",
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2026-22817', 'https://github.com/honojs/hono/security/advisories/GHSA-f67f-6cw9-8mq4'],
    vectors: ['neg-confusion-rs256-hs256-key-set', 'neg-key-bound-to-other-rsa-alg'],
    checks: [
      {
        name: 'a key set of JWKs without alg refuses HS256 forgeries and PS256 outside the allow-list',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        algs: ['RS256', 'PS256'],
        run: (api, ctx) => forgedWithJwk(api, ctx, (jwks) => api.createKeySet(jwks)),
      },
      {
        name: 'a remote JWKS of keys without alg refuses HS256 forgeries and PS256 outside the allow-list',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        algs: ['RS256', 'PS256'],
        run: (api, ctx) => forgedWithJwk(api, ctx, (jwks) => remoteSet(api, jwks)),
      },
    ],
  },
];
