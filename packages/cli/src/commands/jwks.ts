/**
 * `tessera jwks <key files...>`: the public JWKS of a key ring, byte for byte as the auth layer
 * serves it at /.well-known/jwks.json (the core's `jwksResponse` over a key set; keys without a
 * kid get their RFC 7638 thumbprint, as a key ring gives them). Private keys contribute their
 * public part; HMAC secrets are never published and are reported as skipped.
 */
import { createKeySet, exportJwk, importJwk, jwksResponse, thumbprint, type Key } from '@tessera/jwt-core';
import { jwsAlgorithms } from '../lib/algorithms.js';
import { listOption, parse } from '../lib/args.js';
import { inputError, usageError } from '../lib/cli-error.js';
import { EXIT, exitCodeHelp } from '../lib/exit-codes.js';
import { failWith } from '../lib/failure.js';
import type { Io } from '../lib/io.js';
import { readKeyFiles } from '../lib/key-files.js';
import { json, style } from '../lib/style.js';

export const JWKS_HELP = `Usage: tessera jwks <key file>... [--alg <alg>] [--json]

Print the public JWKS of a key ring, as the auth layer publishes it at /.well-known/jwks.json:
the public part of each key (private keys are reduced to it), a kid on every key (its RFC 7638
thumbprint when it has none), HMAC secrets left out. Key files: PEM, JWK or JWKS.

  --alg <alg>   the algorithm of PEM keys without one (published as the key's "alg")
  --json        { ok, jwks, keys: [{ kid, alg, kty, file }], skipped: [{ file, reason }], cacheControl }
                (without --json, standard output is the JWKS document itself and a summary goes
                to standard error: tessera jwks current.pem next.pem > jwks.json)
  -h, --help

Exit codes:
${exitCodeHelp([EXIT.ok, EXIT.usage, EXIT.input])}
`;

/**
 * Run `tessera jwks`.
 *
 * @example
 * ```ts
 * const code = await jwks(['current.jwk', 'previous.pem', '--alg', 'ES256'], io);
 * ```
 */
export async function jwks(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('jwks', argv, { alg: { type: 'string' } });
  if (values.help === true) { io.stdout(JWKS_HELP); return EXIT.ok; }
  if (positionals.length === 0) throw usageError('tessera jwks: no key files given', 'e.g. tessera jwks signing.jwk previous.pem > jwks.json');
  const [alg] = jwsAlgorithms(listOption(values, 'alg'), 'jwks');
  const loaded = await readKeyFiles(positionals, alg);
  const skipped: { file: string; reason: string }[] = [];
  const published: { key: Key; file: string }[] = [];
  const byKid = new Map<string, string>();
  const seen = new Set<string>();
  for (const { key, file } of loaded) {
    if (key.type === 'secret') { skipped.push({ file, reason: `a shared secret (${key.alg ?? key.algorithms.join('/')}) is never published` }); continue; }
    const jwk = exportJwk(key);
    const print = thumbprint(jwk);
    if (seen.has(print)) continue; // the same key given twice (a private key and its public file)
    seen.add(print);
    const kid = key.kid ?? print;
    const other = byKid.get(kid);
    if (other !== undefined) throw inputError(`two different keys have the kid ${kid} (${other} and ${file})`, 'each key of a ring needs its own kid: a verifier could not tell them apart');
    byKid.set(kid, file);
    published.push({ key: importJwk({ ...jwk, kid }), file });
  }
  if (published.length === 0) {
    throw inputError('no public key to publish: the files hold only shared secrets', 'HMAC secrets are never published; services that verify HS* tokens need the same secret through their own configuration');
  }
  let response: Response;
  try {
    response = jwksResponse(createKeySet(published.map((p) => p.key)));
  } catch (err) {
    throw failWith(err, EXIT.input);
  }
  const document = await response.text();
  const cacheControl = response.headers.get('cache-control');
  const keys = published.map(({ key, file }) => ({ kid: key.kid!, alg: key.alg ?? null, kty: key.kty, file }));
  if (values.json === true) {
    io.stdout(json({ ok: true, jwks: JSON.parse(document), keys, skipped, cacheControl }));
    return EXIT.ok;
  }
  const s = style(io.color);
  io.stdout(`${JSON.stringify(JSON.parse(document), null, 2)}\n`);
  const summary = keys.map((k) => `  ${k.kid}  ${k.kty}${k.alg === null ? '' : ` ${k.alg}`}  from ${k.file}`);
  const notes = skipped.map((k) => `  ${s.yellow('skipped')} ${k.file}: ${k.reason}`);
  io.stderr(`${keys.length} public key${keys.length === 1 ? '' : 's'}:\n${[...summary, ...notes].join('\n')}\nThe auth layer serves this at /.well-known/jwks.json with Cache-Control: ${cacheControl}\n`);
  return EXIT.ok;
}
