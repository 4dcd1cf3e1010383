/**
 * JWE: one indistinguishable decryption error (no padding oracle), bounded PBES2 work, no
 * decompression, ephemeral keys validated before ECDH, and tags of exactly the right length.
 */
import { accepted, all, NOW, NOW_DATE, refused, withBackend } from './attempt.js';
import { aesCbc, aesCbcNoPadding, b64u, cbcHmacJwe, segment, unb64u, utf8, withSegment } from './encoding.js';
import type { SecurityApi, SecurityCase, SecurityContext } from './types.js';

const DECRYPTION_FAILED = 'ERR_JWE_DECRYPTION_FAILED';

function dirOptions(ctx: SecurityContext, enc = 'A128CBC-HS256'): Record<string, unknown> {
  return { algorithms: ['dir'], encryptionAlgorithms: [enc], ...withBackend(ctx.backend) };
}

async function rejection(attempt: () => Promise<unknown>): Promise<{ code?: unknown; message?: unknown; name?: unknown } | undefined> {
  try {
    await attempt();
    return undefined;
  } catch (error) {
    return error as { code?: unknown; message?: unknown; name?: unknown };
  }
}

/** An ECDH-ES recipient key pair for `crv` through the API. */
async function ecdhRecipient(api: SecurityApi, ctx: SecurityContext, alg: string): Promise<{ privateKey: unknown; publicKey: unknown }> {
  return ctx.keyPair(alg);
}

export const jweCases: SecurityCase[] = [
  {
    id: 'CVE-2021-29443',
    aliases: ['CVE-2021-29445', 'CVE-2021-29446'],
    area: 'jwe',
    title: 'AES-CBC-HMAC padding oracle (jose)',
    summary: 'Decryption of AES_CBC_HMAC_SHA2 JWEs reported bad padding differently from a bad tag (or checked padding before the tag), which is a padding oracle: an attacker can decrypt a token byte by byte.',
    protection: 'The HMAC tag is verified in constant time before any AES-CBC decryption, and every failure (tag, padding, key unwrap) is one ERR_JWE_DECRYPTION_FAILED with one message.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2021-29443', 'https://nvd.nist.gov/vuln/detail/CVE-2021-29445', 'https://nvd.nist.gov/vuln/detail/CVE-2021-29446'],
    vectors: [],
    checks: [
      {
        name: 'a valid tag over ciphertext with bad padding and a bad tag give the same error, code and message',
        expect: { refused: DECRYPTION_FAILED },
        async run(api, ctx) {
          const cek = crypto.getRandomValues(new Uint8Array(32));
          const key = api.importSecret(cek, { alg: 'A128CBC-HS256' });
          const iv = crypto.getRandomValues(new Uint8Array(16));
          const header = { alg: 'dir', enc: 'A128CBC-HS256' };
          const good = await cbcHmacJwe(cek, header, iv, await aesCbc(cek.subarray(16), iv, utf8('attack at dawn')));
          // Two whole blocks whose last byte (0x41) is not valid PKCS#7 padding.
          const badPadding = await cbcHmacJwe(cek, header, iv, await aesCbcNoPadding(cek.subarray(16), iv, new Uint8Array(32).fill(0x41)));
          const tag = unb64u(good.split('.')[4]!);
          tag[0] = tag[0]! ^ 1;
          const badTag = withSegment(good, 4, b64u(tag));
          const control = await accepted('a well-formed token built the same way (control)', () => api.decryptJwe(good, key, dirOptions(ctx)));
          if (control !== null) return control;
          const a = await rejection(() => api.decryptJwe(badPadding, key, dirOptions(ctx)));
          const b = await rejection(() => api.decryptJwe(badTag, key, dirOptions(ctx)));
          if (a === undefined) return 'bad padding under a valid tag was accepted';
          if (b === undefined) return 'a bad tag was accepted';
          if (a.code !== DECRYPTION_FAILED || b.code !== DECRYPTION_FAILED) return `expected ${DECRYPTION_FAILED} twice, got ${String(a.code)} (padding) and ${String(b.code)} (tag)`;
          if (a.message !== b.message) return `the messages differ: padding "${String(a.message)}" vs tag "${String(b.message)}"`;
          return null;
        },
      },
    ],
  },
  {
    id: 'CVE-2022-36083',
    aliases: [],
    area: 'jwe',
    title: 'unbounded PBES2 iteration count (jose)',
    summary: "The p2c header of a PBES2 JWE sets the PBKDF2 iteration count; an attacker's token with a huge p2c made the server spend minutes of CPU per token.",
    protection: 'p2c is checked against maxPbes2Count (default 310000) in the header check, before any key derivation; over it is ERR_JWE_INVALID naming the limit.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2022-36083'],
    vectors: [],
    checks: [
      {
        name: 'p2c = 2^31-1 is refused in well under a second, and p2c one over a lowered maxPbes2Count is refused',
        expect: { refused: 'ERR_JWE_INVALID' },
        async run(api, ctx) {
          const key = api.importSecret('correct horse battery staple, long enough', { alg: 'PBES2-HS256+A128KW' });
          const token = (p2c: number) => `${segment({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c, p2s: b64u(new Uint8Array(16).fill(1)) })}.${b64u(new Uint8Array(24))}.${b64u(new Uint8Array(12))}.${b64u(utf8('x'))}.${b64u(new Uint8Array(16))}`;
          const o = { algorithms: ['PBES2-HS256+A128KW'], encryptionAlgorithms: ['A128GCM'], ...withBackend(ctx.backend) };
          const started = Date.now();
          const huge = await refused('p2c 2147483647', 'ERR_JWE_INVALID', () => api.decryptJwe(token(2_147_483_647), key, o));
          const elapsed = Date.now() - started;
          if (huge !== null) return huge;
          if (elapsed > 500) return `refusing p2c 2147483647 took ${elapsed} ms: derivation ran before the check`;
          return refused('p2c 1001 with maxPbes2Count 1000', 'ERR_JWE_INVALID', () => api.decryptJwe(token(1001), key, { ...o, maxPbes2Count: 1000 }));
        },
      },
    ],
  },
  {
    id: 'CVE-2024-28176',
    aliases: [],
    area: 'jwe',
    title: 'decompression bomb through zip: DEF (jose)',
    summary: 'JWEs with zip: "DEF" were inflated without a bound after decryption, so a small token expanded to gigabytes and exhausted memory.',
    protection: 'Compressed JWEs are refused outright (ERR_JOSE_NOT_SUPPORTED, reason zip) in the header check, even when the tag is valid; encryptJwe refuses to set zip.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2024-28176'],
    vectors: [],
    checks: [
      {
        name: 'a zip: DEF token with a valid tag is refused before decryption; encryptJwe will not set zip',
        expect: { refused: 'ERR_JOSE_NOT_SUPPORTED' },
        async run(api, ctx) {
          const cek = crypto.getRandomValues(new Uint8Array(32));
          const key = api.importSecret(cek, { alg: 'A128CBC-HS256' });
          const iv = crypto.getRandomValues(new Uint8Array(16));
          // The content would be a raw DEFLATE stream; what it holds does not matter, the header is refused first.
          const token = await cbcHmacJwe(cek, { alg: 'dir', enc: 'A128CBC-HS256', zip: 'DEF' }, iv, await aesCbc(cek.subarray(16), iv, new Uint8Array(64)));
          return all(
            () => refused('zip DEF', 'ERR_JOSE_NOT_SUPPORTED', () => api.decryptJwe(token, key, dirOptions(ctx))),
            () => refused('encryptJwe with zip', 'ERR_JOSE_INVALID_OPTION', () => api.encryptJwe('x', key, { alg: 'dir', enc: 'A128CBC-HS256', header: { zip: 'DEF' } })),
          );
        },
      },
    ],
  },
  {
    id: 'ECDH-ES-invalid-curve',
    aliases: [],
    area: 'jwe',
    title: 'ECDH-ES with an ephemeral key off the curve or on another curve',
    summary: "A decrypter that does not check the sender's epk lets an attacker send points of small order on a twist (the invalid-curve attack) and learn the recipient's private key from a few hundred decryptions.",
    protection: 'epk must be a public key on the recipient key\'s curve and pass point validation (and X25519 outputs all-zero are refused) before any ECDH; failures are ERR_JWE_INVALID.',
    references: ['https://www.rfc-editor.org/rfc/rfc7518#section-4.6', 'https://auth0.com/blog/critical-vulnerability-in-json-web-encryption/'],
    vectors: [],
    checks: [
      {
        name: 'P-256: an epk off the curve, on P-384, or with a private d, is refused',
        expect: { refused: 'ERR_JWE_INVALID' },
        async run(api, ctx) {
          const r = await ecdhRecipient(api, ctx, 'ECDH-ES');
          const token = await api.encryptJwe('secret', r.publicKey, { alg: 'ECDH-ES', enc: 'A128GCM', ...withBackend(ctx.backend) });
          const header = JSON.parse(new TextDecoder().decode(unb64u(token.split('.')[0]!))) as { epk: Record<string, string> };
          const y = unb64u(header.epk.y!);
          y[31] = y[31]! ^ 1;
          const other = (await ctx.keyPair('ECDH-ES+P-384')).publicKey;
          const p384 = api.exportJwk(other) as Record<string, string>;
          const o = { algorithms: ['ECDH-ES'], encryptionAlgorithms: ['A128GCM'], ...withBackend(ctx.backend) };
          const variants: [string, Record<string, unknown>][] = [
            ['off the curve', { ...header.epk, y: b64u(y) }],
            ['a P-384 point', { kty: 'EC', crv: 'P-384', x: p384.x, y: p384.y }],
            ['the point at x = 0, y = 0', { kty: 'EC', crv: 'P-256', x: b64u(new Uint8Array(32)), y: b64u(new Uint8Array(32)) }],
            ['with d', { ...header.epk, d: b64u(new Uint8Array(32).fill(1)) }],
          ];
          for (const [what, epk] of variants) {
            const bad = withSegment(token, 0, segment({ ...header, epk }));
            const failure = await refused(`epk ${what}`, 'ERR_JWE_INVALID', () => api.decryptJwe(bad, r.privateKey, o));
            if (failure !== null) return failure;
          }
          return accepted('the untouched token (control)', () => api.decryptJwe(token, r.privateKey, o));
        },
      },
      {
        name: 'X25519: an all-zero (small-order) epk is refused (the all-zero shared secret is the one decryption error)',
        expect: { refused: DECRYPTION_FAILED },
        async run(api, ctx) {
          const r = await ctx.keyPair('ECDH-ES+X25519');
          const token = await api.encryptJwe('secret', r.publicKey, { alg: 'ECDH-ES', enc: 'A128GCM', ...withBackend(ctx.backend) });
          const header = JSON.parse(new TextDecoder().decode(unb64u(token.split('.')[0]!))) as Record<string, unknown>;
          const bad = withSegment(token, 0, segment({ ...header, epk: { kty: 'OKP', crv: 'X25519', x: b64u(new Uint8Array(32)) } }));
          const o = { algorithms: ['ECDH-ES'], encryptionAlgorithms: ['A128GCM'], ...withBackend(ctx.backend) };
          return all(
            () => refused('all-zero X25519 epk', DECRYPTION_FAILED, () => api.decryptJwe(bad, r.privateKey, o)),
            () => accepted('the untouched token (control)', () => api.decryptJwe(token, r.privateKey, o)),
          );
        },
      },
    ],
  },
  {
    id: 'nested-JWT-unsigned-inner',
    aliases: [],
    area: 'jwe',
    title: 'a JWE-wrapped JWT trusted because it decrypted',
    summary: "Verifiers of nested JWTs (signed, then encrypted) have accepted the inner token once the JWE decrypted, although anyone can encrypt to the recipient's public key: an unsigned (alg none) or self-signed inner JWT then authenticated the attacker.",
    protection: 'With the decrypt option, the decrypted plaintext goes through the full JWS verification (allow-list, key, signature, claims); a plain JWS is refused when encryption is required, and a JWE is refused when it is not.',
    references: ['https://www.rfc-editor.org/rfc/rfc7519#section-7.2', 'https://www.rfc-editor.org/rfc/rfc8725#section-2.7'],
    vectors: [],
    checks: [
      {
        name: 'inner tokens that are unsigned or signed by the attacker are refused after decryption; a plain JWS is refused when decrypt is set',
        expect: { refused: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
        async run(api, ctx) {
          const signer = await ctx.keyPair('ES256');
          const recipient = await ctx.keyPair('ECDH-ES');
          const attacker = await api.generateKeyPair('ES256');
          const options = { algorithms: ['ES256'], currentDate: NOW_DATE, ...withBackend(ctx.backend), decrypt: { keys: recipient.privateKey, algorithms: ['ECDH-ES'], encryptionAlgorithms: ['A128GCM'] } };
          const wrap = (inner: string) => api.encryptJwe(inner, recipient.publicKey, { alg: 'ECDH-ES', enc: 'A128GCM', header: { cty: 'JWT' }, ...withBackend(ctx.backend) });
          const sign = (key: unknown, sub: string) => api.signJwt({ sub, exp: NOW + 600 }, key, { alg: 'ES256', currentDate: NOW_DATE, ...withBackend(ctx.backend) });
          const genuine = await sign(signer.privateKey, 'user-1');
          return all(
            () => refused('attacker-signed inner JWT', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', async () => api.verifyJwt(await wrap(await sign(attacker.privateKey, 'admin')), signer.publicKey, options)),
            () => refused('unsigned inner JWT', 'ERR_JOSE_ALG_NOT_ALLOWED', async () => api.verifyJwt(await wrap(`${segment({ alg: 'none' })}.${segment({ sub: 'admin', exp: NOW + 600 })}.`), signer.publicKey, options)),
            () => refused('a plain JWS when decrypt is set', 'ERR_JWE_INVALID', () => api.verifyJwt(genuine, signer.publicKey, options)),
            () => refused('a JWE when decrypt is not set', 'ERR_JWS_INVALID', async () => api.verifyJwt(await wrap(genuine), signer.publicKey, { algorithms: ['ES256'], currentDate: NOW_DATE })),
            async () => accepted('the genuine nested token (control)', async () => api.verifyJwt(await wrap(genuine), signer.publicKey, options)),
          );
        },
      },
    ],
  },
  {
    id: 'JWE-truncated-tag',
    aliases: [],
    area: 'jwe',
    title: 'truncated authentication tags accepted',
    summary: 'Decrypters that compare only the bytes supplied, or pass a short tag to GCM (which allows tags down to 32 bits), accept forgeries made against a truncated tag.',
    protection: 'The tag must be exactly 16 bytes for A*GCM and half the MAC size for A*CBC-HS*; anything else is the one ERR_JWE_DECRYPTION_FAILED.',
    references: ['https://www.rfc-editor.org/rfc/rfc7518#section-5.2.2.2', 'https://www.rfc-editor.org/rfc/rfc7518#section-5.3'],
    vectors: [],
    checks: [
      {
        name: 'A128GCM and A128CBC-HS256/A256CBC-HS512: empty, 1-byte, 4-byte, 12-byte, one-short and one-long tags are refused',
        expect: { refused: DECRYPTION_FAILED },
        async run(api, ctx) {
          for (const enc of ['A128GCM', 'A128CBC-HS256', 'A256CBC-HS512']) {
            const key = api.generateSecret(enc);
            const token = await api.encryptJwe('attack at dawn', key, { alg: 'dir', enc, ...withBackend(ctx.backend) });
            const tag = unb64u(token.split('.')[4]!);
            const variants: [string, Uint8Array][] = [['empty', new Uint8Array(0)], ['1 byte', tag.subarray(0, 1)], ['4 bytes', tag.subarray(0, 4)], ['12 bytes', tag.subarray(0, 12)], ['one short', tag.subarray(0, tag.length - 1)], ['one long', new Uint8Array([...tag, 0])]];
            for (const [what, t] of variants) {
              const failure = await refused(`${enc}: tag ${what}`, DECRYPTION_FAILED, () => api.decryptJwe(withSegment(token, 4, b64u(t)), key, dirOptions(ctx, enc)));
              if (failure !== null) return failure;
            }
            const control = await accepted(`${enc}: the untouched token (control)`, () => api.decryptJwe(token, key, dirOptions(ctx, enc)));
            if (control !== null) return control;
          }
          return null;
        },
      },
    ],
  },
];
