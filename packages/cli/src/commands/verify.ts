/**
 * `tessera verify <token | ->`: the library's full verification (signature, algorithm allow-list,
 * key selection, then the claims) against a key file, a JWKS URL or a secret from the
 * environment; exit 0 with the claims, or exit 1 with the library's code, message and hint.
 */
import { createKeySet, createRemoteKeySet, JoseError, verifyJwt, type JwsAlgorithm, type Key, type KeyInput } from '@tessera/jwt-core';
import { timeline } from '../decode/timeline.js';
import { ASYMMETRIC_JWS, JWS_ALGORITHMS, jwsAlgorithms } from '../lib/algorithms.js';
import { listOption, parse, stringOption } from '../lib/args.js';
import { usageError } from '../lib/cli-error.js';
import { EXIT, exitCodeHelp } from '../lib/exit-codes.js';
import { CommandFailure, failWith } from '../lib/failure.js';
import type { Io } from '../lib/io.js';
import { readKeyFiles } from '../lib/key-files.js';
import { readDecryptionSecret, readSecret } from '../lib/secret.js';
import { json, style } from '../lib/style.js';
import { parseInstant } from '../lib/time.js';
import { readToken } from '../lib/token-input.js';
import { CONTENT, decryptionKeys, jweKeyAlgorithms, verifyEncrypted, type EncryptedCheck } from './verify-jwe.js';
import { renderVerified, type Verified } from './verify-render.js';

export const VERIFY_HELP = `Usage: tessera verify <token | -> (--key <file>... | --jwks <url> | --secret env:NAME)
                      [--decrypt-key <file>... | --decrypt-secret env:NAME] [--enc-alg <alg>...]
                      [--alg <alg>...] [--iss <issuer>...] [--aud <audience>...] [--at <time>] [--json]

Verify a token as the library does: signature, algorithm allow-list, key selection, then exp,
nbf, iat (5s clock tolerance), issuer and audience. Prints the claims, or the library's error
code, message and hint. An encrypted token (JWE) is decrypted first: a nested JWT (cty "JWT")
then has its signature verified; a JWE of bare claims is reported as not signed.

  --key <file>       a key file: PEM (public or private key, certificate), JWK or JWKS; repeatable
  --jwks <url>       a JWKS endpoint: https://, or http:// to localhost/127.0.0.1/::1 only
  --secret env:NAME  a shared secret read from the environment variable NAME (base64:, base64url:
                     or utf8: prefixes as in TESSERA_SIGNING_KEY). A secret written on the command
                     line is refused: it would stay in shell history and show in ps.
  --decrypt-key <file>
                     the key that decrypts an encrypted token (a private RSA or EC key, an oct
                     JWK), when it is not the --key; repeatable
  --decrypt-secret env:NAME
                     a shared secret that decrypts it (dir, AES key wrap), from the environment
  --enc-alg <alg>    the allowed key-management algorithms (repeatable or comma-separated).
                     Default: what the decryption key is bound to (RSA: RSA-OAEP*, EC: ECDH-ES*,
                     a secret: the AES key wrap of its size and dir)
  --alg <alg>        the allowed algorithms (repeatable or comma-separated). Default: what the key
                     is bound to (a JWK's alg, or its key type's family); for --jwks, every
                     asymmetric algorithm. The token's header never chooses.
  --iss <issuer>     the expected issuer (repeatable: any of them)
  --aud <audience>   the expected audience (repeatable: any of them)
  --at <time>        verify as of this time (ISO 8601 or seconds since the epoch) instead of now
  --json             { ok: true, verified: true, signed, encryption?, header, claims, key, algorithms, checked }
                     or { ok: false, error }
  -h, --help

Exit codes:
${exitCodeHelp([EXIT.ok, EXIT.refused, EXIT.usage, EXIT.input, EXIT.unavailable])}
`;

const OPTIONS = {
  key: { type: 'string', multiple: true },
  jwks: { type: 'string' },
  secret: { type: 'string' },
  alg: { type: 'string', multiple: true },
  iss: { type: 'string', multiple: true },
  aud: { type: 'string', multiple: true },
  at: { type: 'string' },
  'decrypt-key': { type: 'string', multiple: true },
  'decrypt-secret': { type: 'string' },
  'enc-alg': { type: 'string', multiple: true },
} as const;

interface Keys { input: KeyInput; algorithms: JwsAlgorithm[]; source: string }

/**
 * Run `tessera verify`.
 *
 * @example
 * ```ts
 * const code = await verify(['--key', 'public.pem', '--iss', 'https://auth.example.com', token], io);
 * ```
 */
export async function verify(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('verify', argv, OPTIONS);
  if (values.help === true) { io.stdout(VERIFY_HELP); return EXIT.ok; }
  const sources = (['key', 'jwks', 'secret'] as const).filter((k) => values[k] !== undefined);
  const decrypting = (['decrypt-key', 'decrypt-secret'] as const).filter((k) => values[k] !== undefined);
  // Checked before anything else, so a refused secret literal is never read, let alone printed.
  if (sources.length > 1 || decrypting.length > 1) {
    const given = sources.length > 1 ? sources : decrypting;
    throw usageError(`tessera verify takes one source of ${sources.length > 1 ? 'verification' : 'decryption'} keys; got ${given.map((s) => `--${s}`).join(' and ')}`, 'e.g. tessera verify --key public.pem <token>');
  }
  if (sources.length === 0 && decrypting.length === 0) {
    throw usageError('tessera verify needs a key: --key <file>, --jwks <url> or --secret env:NAME (and for an encrypted token --decrypt-key or --decrypt-secret when another key decrypts it)', 'e.g. tessera verify --key public.pem <token>');
  }
  const secretRef = stringOption(values, 'secret', 'verify');
  if (secretRef !== undefined && !secretRef.startsWith('env:')) readSecret(secretRef, io, undefined);
  const decryptRef = stringOption(values, 'decrypt-secret', 'verify');
  if (decryptRef !== undefined && !decryptRef.startsWith('env:')) readDecryptionSecret(decryptRef, io, undefined);
  const algs = jwsAlgorithms(listOption(values, 'alg'), 'verify');
  const encAlgs = jweKeyAlgorithms(listOption(values, 'enc-alg'));
  const at = stringOption(values, 'at', 'verify');
  const currentDate = at === undefined ? io.now() : parseInstant(at);
  if (currentDate === undefined) throw usageError(`--at ${JSON.stringify(at)} is not a time`, 'give ISO 8601 (2026-12-06T10:00:00Z) or seconds since the epoch');
  const token = await readToken('verify', positionals, io);
  const issuer = listOption(values, 'iss');
  const audience = listOption(values, 'aud');
  const signing = sources.length === 0 ? undefined : () => loadKeys(values, io, algs);
  const check: EncryptedCheck = { encAlgs, currentDate, issuer, audience, signing };
  const report = (token.split('.').length === 5 ? await verifyEncrypted(token, values as never, io, check) : undefined)
    ?? await verifySigned(token, values, io, check);
  if (values.json === true) io.stdout(json({ ok: true, ...report }));
  else io.stdout(renderVerified(report, style(io.color)));
  return EXIT.ok;
}

/** A signed token (JWS). With a decryption key given too, the library refuses it as not encrypted. */
async function verifySigned(token: string, values: Record<string, unknown>, io: Io, c: EncryptedCheck): Promise<Verified> {
  if (c.signing === undefined) throw usageError('the token is signed, not encrypted: give the key that verifies it: --key <file>, --jwks <url> or --secret env:NAME', 'e.g. tessera verify --key public.pem <token>');
  const keys = await c.signing();
  const decrypt = values['decrypt-key'] === undefined && values['decrypt-secret'] === undefined ? undefined : await decryptionKeys(values as never, io, c.encAlgs);
  let result;
  try {
    result = await verifyJwt(token, keys.input, {
      algorithms: keys.algorithms,
      currentDate: c.currentDate,
      ...(c.issuer.length === 0 ? {} : { issuer: c.issuer.length === 1 ? c.issuer[0]! : c.issuer }),
      ...(c.audience.length === 0 ? {} : { audience: c.audience.length === 1 ? c.audience[0]! : c.audience }),
      ...(decrypt === undefined ? {} : { decrypt: { keys: decrypt.input, algorithms: decrypt.algorithms, encryptionAlgorithms: [...CONTENT] } }),
    });
  } catch (err) {
    if (err instanceof JoseError && err.code === 'ERR_JWS_INVALID' && token.split('.').length === 5) {
      // A JWE and no key that decrypts it: the library's refusal, and how to give that key here.
      const hint = `${err.hint ?? ''}; tessera verify decrypts it with --decrypt-key <file> or --decrypt-secret env:NAME (the recipient's private key or the shared secret)`;
      throw new CommandFailure(new JoseError(err.code, err.message, { hint, reason: err.reason, cause: err }), EXIT.refused);
    }
    if (err instanceof JoseError) throw new CommandFailure(err, unavailable(err) ? EXIT.unavailable : EXIT.refused);
    throw err;
  }
  const checked = ['signature', 'alg', 'exp', 'nbf', 'iat', ...(c.issuer.length > 0 ? ['iss'] : []), ...(c.audience.length > 0 ? ['aud'] : [])];
  const claims = result.payload as Record<string, unknown>;
  const key = { kid: result.key.kid ?? null, alg: result.header.alg, kty: result.key.kty, source: keys.source };
  return { verified: true, signed: true, header: result.header, claims, key, algorithms: keys.algorithms, checked, timeline: timeline(claims, Math.floor(c.currentDate.getTime() / 1000)) };
}

function unavailable(err: JoseError): boolean {
  return err.code === 'ERR_JWKS_TIMEOUT' || err.reason === 'unavailable' || err.reason === 'network';
}

async function loadKeys(values: Record<string, unknown>, io: Io, algs: JwsAlgorithm[]): Promise<Keys> {
  const pinned = algs.length === 1 ? algs[0] : undefined;
  if (values.jwks !== undefined) {
    const url = values.jwks as string;
    try {
      return { input: createRemoteKeySet(url, { fetch: io.fetch, production: false }), algorithms: algs.length > 0 ? algs : [...ASYMMETRIC_JWS], source: 'jwks' };
    } catch (err) {
      throw failWith(err, EXIT.usage);
    }
  }
  let list: Key[];
  let source: string;
  if (values.secret !== undefined) {
    try {
      list = [readSecret(values.secret as string, io, pinned)];
    } catch (err) {
      throw failWith(err, EXIT.input);
    }
    source = 'secret';
  } else {
    list = (await readKeyFiles(values.key as string[], pinned)).map((k) => k.key);
    source = 'key';
  }
  const algorithms = algs.length > 0 ? algs : JWS_ALGORITHMS.filter((a) => list.some((k) => k.algorithms.includes(a)));
  return { input: list.length === 1 ? list[0]! : createKeySet(list), algorithms, source };
}
