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
import { readSecret } from '../lib/secret.js';
import { json, style } from '../lib/style.js';
import { parseInstant } from '../lib/time.js';
import { readToken } from '../lib/token-input.js';
import { renderVerified } from './verify-render.js';

export const VERIFY_HELP = `Usage: tessera verify <token | -> (--key <file>... | --jwks <url> | --secret env:NAME)
                      [--alg <alg>...] [--iss <issuer>...] [--aud <audience>...] [--at <time>] [--json]

Verify a token as the library does: signature, algorithm allow-list, key selection, then exp,
nbf, iat (5s clock tolerance), issuer and audience. Prints the claims, or the library's error
code, message and hint.

  --key <file>       a key file: PEM (public or private key, certificate), JWK or JWKS; repeatable
  --jwks <url>       a JWKS endpoint: https://, or http:// to localhost/127.0.0.1/::1 only
  --secret env:NAME  a shared secret read from the environment variable NAME (base64:, base64url:
                     or utf8: prefixes as in TESSERA_SIGNING_KEY). A secret written on the command
                     line is refused: it would stay in shell history and show in ps.
  --alg <alg>        the allowed algorithms (repeatable or comma-separated). Default: what the key
                     is bound to (a JWK's alg, or its key type's family); for --jwks, every
                     asymmetric algorithm. The token's header never chooses.
  --iss <issuer>     the expected issuer (repeatable: any of them)
  --aud <audience>   the expected audience (repeatable: any of them)
  --at <time>        verify as of this time (ISO 8601 or seconds since the epoch) instead of now
  --json             { ok: true, verified: true, header, claims, key, algorithms, checked } or { ok: false, error }
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
  if (sources.length !== 1) {
    // Checked before anything else, so a refused --secret literal is never read, let alone printed.
    throw usageError(sources.length === 0 ? 'tessera verify needs a key: --key <file>, --jwks <url> or --secret env:NAME' : `tessera verify takes one source of keys; got ${sources.map((s) => `--${s}`).join(' and ')}`,
      'e.g. tessera verify --key public.pem <token>');
  }
  const secretRef = stringOption(values, 'secret', 'verify');
  if (secretRef !== undefined && !secretRef.startsWith('env:')) readSecret(secretRef, io, undefined);
  const algs = jwsAlgorithms(listOption(values, 'alg'), 'verify');
  const at = stringOption(values, 'at', 'verify');
  const currentDate = at === undefined ? io.now() : parseInstant(at);
  if (currentDate === undefined) throw usageError(`--at ${JSON.stringify(at)} is not a time`, 'give ISO 8601 (2026-12-06T10:00:00Z) or seconds since the epoch');
  const token = await readToken('verify', positionals, io);
  const keys = await loadKeys(values, io, algs);
  const issuer = listOption(values, 'iss');
  const audience = listOption(values, 'aud');
  let result;
  try {
    result = await verifyJwt(token, keys.input, {
      algorithms: keys.algorithms,
      currentDate,
      ...(issuer.length === 0 ? {} : { issuer: issuer.length === 1 ? issuer[0]! : issuer }),
      ...(audience.length === 0 ? {} : { audience: audience.length === 1 ? audience[0]! : audience }),
    });
  } catch (err) {
    if (err instanceof JoseError) throw new CommandFailure(err, unavailable(err) ? EXIT.unavailable : EXIT.refused);
    throw err;
  }
  const checked = ['signature', 'alg', 'exp', 'nbf', 'iat', ...(issuer.length > 0 ? ['iss'] : []), ...(audience.length > 0 ? ['aud'] : [])];
  const claims = result.payload as Record<string, unknown>;
  const key = { kid: result.key.kid ?? null, alg: result.header.alg, kty: result.key.kty, source: keys.source };
  const report = { verified: true, header: result.header, claims, key, algorithms: keys.algorithms, checked, timeline: timeline(claims, Math.floor(currentDate.getTime() / 1000)) };
  if (values.json === true) io.stdout(json({ ok: true, ...report }));
  else io.stdout(renderVerified(report, style(io.color)));
  return EXIT.ok;
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
