// Negative vectors for the token's structure and header: alg handling, crit, embedded keys,
// strict base64url, segment count, size limits and header JSON. Each token has exactly one defect.
import { createPublicKey } from 'node:crypto';
import { fail, vector } from './context.mjs';
import { b64u, part } from './sign.mjs';

const ISSUE2 = 'Tessera issue 2';
const INVALID = 'ERR_JWS_INVALID';

export function structureCases(ctx) {
  const { signer, claims, options, jwks, keys } = ctx;
  const out = [];
  const add = (v) => out.push(vector(v));
  const hsToken = (header, payload = claims(), mutate) => signer.token({ header, payload, alg: 'HS256', keyName: 'hs256', mutate });
  const valid = hsToken({ alg: 'HS256' });
  const [h, p, s] = valid.split('.');
  const hs = (id, refs, description, token, expect, opts = {}, kind = 'jwt') => {
    const o = options('HS256', opts);
    if (kind === 'jws') delete o.currentDate; // verifyJws has no clock
    add({ id, refs, description, kind, alg: 'HS256', token, keys: jwks('hs256'), options: o, expect });
  };

  // --- alg ---------------------------------------------------------------------------------
  hs('neg-alg-none', [`${ISSUE2}: none is never accepted`, 'RFC 7518 §3.6', 'CVE-2015-9235'],
    'unsecured token ("alg":"none", empty signature) against an HS256 allow-list',
    `${part({ alg: 'none', typ: 'JWT' })}.${p}.`, fail('ERR_JOSE_ALG_NOT_ALLOWED'));
  hs('neg-alg-none-with-signature', [`${ISSUE2}: none is never accepted`, 'CVE-2015-9235'],
    '"alg":"none" with a signature segment present (the HS256 MAC of the same input)',
    hsToken({ alg: 'none' }), fail('ERR_JOSE_ALG_NOT_ALLOWED'));
  for (const variant of ['None', 'NONE', 'nOnE']) {
    hs(`neg-alg-${variant}-case`, [`${ISSUE2}: none is never accepted`, 'RFC 7515 §4.1.1 (alg is case-sensitive)', 'CVE-2015-9235'],
      `"alg":"${variant}" (case variant of none)`, `${part({ alg: variant })}.${p}.`, fail('ERR_JOSE_ALG_NOT_ALLOWED'));
  }
  add({
    id: 'neg-alg-not-allowed', refs: [`${ISSUE2}: the caller's allow-list decides`, 'RFC 8725 §3.1'], alg: 'HS512',
    description: 'HS512 token (MACed with the verifier\'s own secret) where the allow-list is [HS256]',
    token: signer.token({ header: { alg: 'HS512' }, payload: claims(), alg: 'HS512', keyName: 'hs256' }),
    keys: jwks('hs256'), options: options('HS256'), expect: fail('ERR_JOSE_ALG_NOT_ALLOWED'),
  });
  hs('neg-alg-unknown', [`${ISSUE2}: the caller's allow-list decides`], 'alg "HS1024", which no one implements',
    hsToken({ alg: 'HS1024' }), fail('ERR_JOSE_ALG_NOT_ALLOWED'));
  hs('neg-alg-missing', ['RFC 7515 §4.1.1 (alg is required)'], 'header without alg', hsToken({ typ: 'JWT' }), fail(INVALID));
  hs('neg-alg-not-string', ['RFC 7515 §4.1.1 (alg is a string)'], 'alg is the number 256', hsToken({ alg: 256 }), fail(INVALID));

  // --- algorithm confusion -------------------------------------------------------------------
  const rsaPem = createPublicKey({ key: keys.rsa, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const rsaPub = jwks('rsa').keys[0];
  const confusion = (id, description, secretText, extraRefs, algorithms, keyMode, code) => {
    const keyName = `__confusion_${id}`;
    signer.keys[keyName] = { kty: 'oct', k: b64u(Buffer.from(secretText, 'utf8')) };
    const token = signer.token({ header: { alg: 'HS256', kid: 'rsa-k1' }, payload: claims(), alg: 'HS256', keyName });
    delete signer.keys[keyName];
    add({
      id, refs: [`${ISSUE2}: an RSA or EC key can never act as an HMAC secret`, 'RFC 8725 §2.1', ...extraRefs], alg: 'HS256',
      description, token, keys: { keys: [rsaPub] }, keyMode, options: options('RS256', { algorithms }), expect: fail(code),
    });
  };
  confusion('neg-confusion-rs256-hs256', 'RS256→HS256: HS256 token MACed with the RSA public key PEM; verified with the RSA key, allow-list [RS256]',
    rsaPem, ['CVE-2015-9235', 'CVE-2016-10555'], ['RS256'], 'single', 'ERR_JOSE_ALG_NOT_ALLOWED');
  confusion('neg-confusion-rs256-hs256-both-allowed', 'RS256→HS256 with a careless allow-list [RS256, HS256]: the RSA key is bound to RS256, so no key fits HS256',
    rsaPem, ['CVE-2016-10555', 'CVE-2022-23541'], ['RS256', 'HS256'], 'single', 'ERR_JWKS_NO_MATCHING_KEY');
  confusion('neg-confusion-rs256-hs256-key-set', 'RS256→HS256 against a key set holding the RSA key, allow-list [RS256, HS256]',
    rsaPem, ['CVE-2016-10555', 'CVE-2026-22817'], ['RS256', 'HS256'], 'set', 'ERR_JWKS_NO_MATCHING_KEY');
  confusion('neg-confusion-jwk-json-as-secret', 'HS256 token MACed with the RSA public JWK\'s JSON text; allow-list [RS256, HS256]',
    JSON.stringify(rsaPub), ['GHSA-ww5h-9m49-7xx4', 'CVE-2023-48223'], ['RS256', 'HS256'], 'set', 'ERR_JWKS_NO_MATCHING_KEY');
  add({
    id: 'neg-key-bound-to-other-rsa-alg', refs: [`${ISSUE2}: a key is bound to its algorithm`, 'CVE-2026-22817', 'CVE-2026-22818'], alg: 'PS256',
    description: 'PS256 token (valid PSS signature) whose kid names an RSA key bound to RS256; allow-list [RS256, PS256]',
    token: signer.token({ header: { alg: 'PS256', kid: 'rsa-k1' }, payload: claims(), alg: 'PS256', keyName: 'rsa' }),
    keys: jwks('rsa'), keyMode: 'set', options: options('RS256', { algorithms: ['RS256', 'PS256'] }), expect: fail('ERR_JWKS_NO_MATCHING_KEY'),
  });
  add({
    id: 'neg-key-curve-mismatch', refs: [`${ISSUE2}: a key is bound to its algorithm`, 'RFC 7518 §3.4'], alg: 'ES256',
    description: 'ES256 token whose kid names a P-384 key (bound to ES384); allow-list [ES256, ES384]',
    token: signer.token({ header: { alg: 'ES256', kid: 'ec384-k1' }, payload: claims(), alg: 'ES256', keyName: 'p256' }),
    keys: jwks('p384'), keyMode: 'set', options: options('ES256', { algorithms: ['ES256', 'ES384'] }), expect: fail('ERR_JWKS_NO_MATCHING_KEY'),
  });

  // --- crit and extensions -----------------------------------------------------------------------
  const CRIT = ['RFC 7515 §4.1.11', 'CVE-2026-35042'];
  hs('neg-crit-unknown', [`${ISSUE2}: unknown crit is rejected`, ...CRIT], 'crit lists an extension the caller does not understand',
    hsToken({ alg: 'HS256', crit: ['x-tessera-unknown'], 'x-tessera-unknown': true }), fail(INVALID));
  hs('neg-crit-empty', [`${ISSUE2}: empty crit is rejected`, ...CRIT], 'crit is an empty array (producers MUST NOT send it)',
    hsToken({ alg: 'HS256', crit: [] }), fail(INVALID));
  hs('neg-crit-not-array', [...CRIT], 'crit is a string, not an array', hsToken({ alg: 'HS256', crit: 'exp', exp: 1 }), fail(INVALID));
  {
    // RFC 7797 unencoded payload: the MAC covers the raw payload octets. The payload "test" is also
    // valid base64url, so a verifier that ignores crit would check the same signing input and accept.
    const header = part({ alg: 'HS256', b64: false, crit: ['b64'] });
    const sig = signer.sign('HS256', 'hs256', `${header}.test`);
    hs('neg-b64-false', [`${ISSUE2}: unknown crit is rejected`, 'RFC 7797 §3, §6', 'RFC 7515 §4.1.11'],
      'b64:false with crit ["b64"] (RFC 7797 unencoded payload; not supported by a compact JWT core)',
      `${header}.test.${b64u(sig)}`, fail('ERR_JOSE_NOT_SUPPORTED'), {}, 'jws');
  }

  // --- embedded keys and key URLs are never used ----------------------------------------------------
  const attackerPub = jwks('attacker-ed25519').keys[0];
  const edToken = (header) => signer.token({ header, payload: claims({ sub: 'admin' }), alg: 'EdDSA', keyName: 'attacker-ed25519' });
  const edCase = (id, refs, description, header, keyMode) => add({
    id, refs, description, alg: 'EdDSA', token: edToken(header), keys: jwks('ed25519'), keyMode,
    options: options('EdDSA'), expect: fail('ERR_JWS_SIGNATURE_VERIFICATION_FAILED'),
  });
  edCase('neg-embedded-jwk', [`${ISSUE2}: embedded jwk headers are never used`, 'CVE-2018-0114', 'RFC 8725 §3.10'],
    'signed by an attacker key that is embedded in the header as "jwk"', { alg: 'EdDSA', jwk: attackerPub }, 'single');
  edCase('neg-embedded-jwk-key-set', [`${ISSUE2}: embedded jwk headers are never used`, 'CVE-2018-0114'],
    'attacker key embedded as "jwk", with the kid of the legitimate key, against a key set', { alg: 'EdDSA', kid: 'ed-k1', jwk: attackerPub }, 'set');
  edCase('neg-jku-never-fetched', [`${ISSUE2}: jku is never fetched`, 'RFC 8725 §3.10'],
    'signed by an attacker key published at a "jku" URL (a .invalid host: nothing may be fetched)',
    { alg: 'EdDSA', jku: 'https://attacker.invalid/jwks.json' }, 'single');
  edCase('neg-x5u-never-fetched', [`${ISSUE2}: x5u is never fetched`, 'RFC 8725 §3.10'],
    'signed by an attacker key whose certificate is at an "x5u" URL', { alg: 'EdDSA', x5u: 'https://attacker.invalid/cert.pem' }, 'single');

  {
    // Not a real certificate chain: the point is that x5c is never read, so its content is irrelevant.
    const spki = createPublicKey({ key: keys['attacker-ed25519'], format: 'jwk' }).export({ type: 'spki', format: 'der' }).toString('base64');
    edCase('neg-x5c-never-used', [`${ISSUE2}: embedded key headers are never used`, 'RFC 7515 §4.1.6', 'RFC 8725 §3.10'],
      'signed by an attacker key whose public key is carried in an "x5c" header', { alg: 'EdDSA', x5c: [spki] }, 'single');
  }

  // --- strict base64url and segments ---------------------------------------------------------------
  const B64 = [`${ISSUE2}: strict base64url`, 'RFC 7515 §2', 'RFC 4648 §5'];
  hs('neg-b64-padding-signature', B64, 'signature segment with "=" padding', `${h}.${p}.${s}=`, fail(INVALID));
  {
    // The header is re-encoded with padding and the MAC computed over that exact signing input:
    // only a lenient decoder accepts it.
    let header = { alg: 'HS256', typ: 'JWT' };
    // Padding appears only when the header's byte length is not a multiple of 3.
    for (let i = 1; Buffer.byteLength(JSON.stringify(header)) % 3 === 0; i++) header = { alg: 'HS256', typ: 'JWT', x: 'x'.repeat(i) };
    const padded = Buffer.from(JSON.stringify(header)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    const input = `${padded}.${p}`;
    if (!padded.endsWith('=')) throw new Error('neg-b64-padding-header: the header must need padding');
    hs('neg-b64-padding-header', B64, 'header segment with "=" padding, MAC computed over the padded input',
      `${input}.${b64u(signer.sign('HS256', 'hs256', input))}`, fail(INVALID));
  }
  {
    // Find claims whose standard base64 encoding contains '+' or '/', and MAC the standard form.
    let payload;
    for (let i = 0; ; i++) {
      payload = claims({ jti: `std-b64-${i}~~>>??` });
      const std = Buffer.from(JSON.stringify(payload)).toString('base64').replace(/=+$/, '');
      if (/[+/]/.test(std)) break;
    }
    const std = Buffer.from(JSON.stringify(payload)).toString('base64').replace(/=+$/, '');
    const input = `${h}.${std}`;
    hs('neg-b64-standard-alphabet', B64, 'payload in the standard base64 alphabet ("+" or "/"), MAC computed over that input',
      `${input}.${b64u(signer.sign('HS256', 'hs256', input))}`, fail(INVALID));
  }
  {
    // 32-byte MAC = 43 characters; the last one carries 2 unused bits. Setting them keeps the bytes
    // a lenient decoder returns, so only the canonical-encoding check refuses it.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(s.at(-1));
    const tweaked = `${s.slice(0, -1)}${alphabet[last | 1]}`;
    hs('neg-b64-noncanonical-signature', [...B64, 'RFC 4648 §3.5'], 'signature whose last character has non-zero unused bits (same bytes to a lenient decoder)',
      `${h}.${p}.${tweaked}`, fail(INVALID));
  }
  hs('neg-b64-whitespace', B64, 'a line break inside the payload segment', `${h}.${p.slice(0, 10)}\n${p.slice(10)}.${s}`, fail(INVALID));
  hs('neg-b64-invalid-character', B64, 'a "*" inside the header segment', `${h.slice(0, 5)}*${h.slice(6)}.${p}.${s}`, fail(INVALID));
  const SEG = [`${ISSUE2}: exactly three segments`, 'RFC 7515 §7.1'];
  hs('neg-segments-two', SEG, 'two segments (signature missing entirely)', `${h}.${p}`, fail(INVALID));
  hs('neg-segments-four', SEG, 'four segments', `${valid}.${s}`, fail(INVALID));
  hs('neg-segments-five', SEG, 'five segments (a JWE-shaped token)', `${h}.${p}.${p}.${p}.${s}`, fail(INVALID));
  hs('neg-empty-token', SEG, 'empty string', '', fail(INVALID));
  hs('neg-only-dots', SEG, 'two dots and nothing else', '..', fail(INVALID));

  // --- sizes ---------------------------------------------------------------------------------
  {
    const big = hsToken({ alg: 'HS256' }, claims({ filler: 'x'.repeat(12_500) }));
    hs('neg-token-too-long-default', [`${ISSUE2}: default maximum token length (16384)`, 'Tessera issue 7 (limits)'],
      `a validly signed token of ${big.length} characters, over the default limit of 16384`, big, fail(INVALID));
    hs('neg-token-too-long-option', [`${ISSUE2}: maximum token length is configurable`], 'a valid token one character longer than maxTokenLength',
      valid, fail(INVALID), { maxTokenLength: valid.length - 1 });
    const bigHeader = hsToken({ alg: 'HS256', x: 'y'.repeat(4_200) });
    hs('neg-header-too-large', [`${ISSUE2}: bound every size input controls`, 'DEFAULT_LIMITS.maxHeaderBytes=4096'],
      'a validly signed token whose decoded header exceeds 4096 bytes', bigHeader, fail(INVALID));
  }

  // --- header JSON ------------------------------------------------------------------------------
  const HDR = [`${ISSUE2}: header must be a JSON object`, 'RFC 7515 §5.2'];
  const rawHeader = (id, refs, description, headerText) =>
    hs(id, refs, description, hsToken(headerText), fail(INVALID));
  rawHeader('neg-header-string', HDR, 'header is a JSON string', '"HS256"');
  rawHeader('neg-header-array', HDR, 'header is a JSON array', '[{"alg":"HS256"}]');
  rawHeader('neg-header-null', HDR, 'header is JSON null', 'null');
  rawHeader('neg-header-not-json', HDR, 'header is not JSON', '{alg:HS256}');
  rawHeader('neg-header-trailing-garbage', HDR, 'header JSON followed by extra characters', '{"alg":"HS256"}x');
  {
    const headerBytes = Buffer.from([0x7b, 0x22, 0x61, 0x6c, 0x67, 0x22, 0x3a, 0x22, 0x48, 0x53, 0x32, 0x35, 0x36, 0x22, 0x2c, 0x22, 0x78, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const input = `${b64u(headerBytes)}.${p}`;
    hs('neg-header-invalid-utf8', [...HDR, 'RFC 7515 §5.2 step 3 (UTF-8)'], 'header octets are not valid UTF-8 (0xff 0xfe inside a string)',
      `${input}.${b64u(signer.sign('HS256', 'hs256', input))}`, fail(INVALID));
  }
  rawHeader('neg-header-deep-nesting', [`${ISSUE2}: deep nesting gives a typed error`, 'DEFAULT_LIMITS.maxJsonDepth=32'],
    'header with an array nested 40 levels deep', `{"alg":"HS256","x":${'['.repeat(40)}${']'.repeat(40)}}`);
  rawHeader('neg-header-proto', [`${ISSUE2}: no prototype pollution from __proto__`], 'header with a "__proto__" member',
    '{"alg":"HS256","__proto__":{"polluted":true}}');
  return out;
}
