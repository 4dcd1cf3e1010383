/**
 * `tessera keygen --alg <alg>`: a new signing key from the core's generators, the private part
 * written to a file with mode 0600 (never printed unless `--print-private`), the public part
 * printed. PEM is encoded by node:crypto from the exported JWK: never from a KeyObject fresh from
 * `crypto.generateKeyPair`, whose export can deadlock Node 20 (see jwt-core's changelog).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { exportJwk, generateKeyPair, generateSecret, thumbprint, type Jwk } from '@tessera/jwt-core';
import { jwsAlgorithms } from '../lib/algorithms.js';
import { parse, stringOption } from '../lib/args.js';
import { usageError } from '../lib/cli-error.js';
import { EXIT, exitCodeHelp } from '../lib/exit-codes.js';
import type { Io } from '../lib/io.js';
import { json, style } from '../lib/style.js';
import { writePrivateFile } from '../lib/write-private.js';

export const KEYGEN_HELP = `Usage: tessera keygen --alg <alg> [--kid <kid>] [--format jwk|pem] (--out <file> | --print-private) [--force] [--json]

Generate a signing key. The private key (or HMAC secret) is written to --out with mode 0600 and
is never printed unless --print-private is given; the public key is printed (a secret has none).

  --alg <alg>        HS256/384/512 (a shared secret), RS256..PS512, ES256/384/512 or EdDSA
  --kid <kid>        the key id (default: the RFC 7638 thumbprint of the public key, as a key ring sets it)
  --format <f>       jwk (default) or pem (PKCS#8 private, SPKI public; not for HS* secrets).
                     A PEM carries no kid: configure it with TESSERA_SIGNING_KID.
  --out <file>       where the private key goes; an existing file is kept unless --force
  --force            replace an existing --out file
  --print-private    print the private key too (on standard output: mind your terminal's scrollback)
  --json             { ok, alg, kid, format, out, public, private? }
  -h, --help

Exit codes:
${exitCodeHelp([EXIT.ok, EXIT.usage, EXIT.input])}
`;

const OPTIONS = {
  alg: { type: 'string' },
  kid: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  'print-private': { type: 'boolean' },
} as const;

/**
 * Run `tessera keygen`.
 *
 * @example
 * ```ts
 * const code = await keygen(['--alg', 'ES256', '--out', 'signing.jwk'], io);
 * ```
 */
export async function keygen(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('keygen', argv, OPTIONS);
  if (values.help === true) { io.stdout(KEYGEN_HELP); return EXIT.ok; }
  if (positionals.length > 0) throw usageError(`tessera keygen takes no arguments; got ${JSON.stringify(positionals[0])}`, 'name the algorithm with --alg and the file with --out');
  const algName = stringOption(values, 'alg', 'keygen');
  if (algName === undefined) throw usageError('tessera keygen: --alg is required', 'e.g. tessera keygen --alg ES256 --out signing.jwk');
  const [alg] = jwsAlgorithms([algName], 'keygen') as [ReturnType<typeof jwsAlgorithms>[number]];
  const format = stringOption(values, 'format', 'keygen') ?? 'jwk';
  if (format !== 'jwk' && format !== 'pem') throw usageError(`--format must be jwk or pem; got ${JSON.stringify(format)}`, 'jwk for TESSERA_SIGNING_KEY(_FILE) and JWKS tooling, pem for OpenSSL and most other tools');
  const hmac = alg.startsWith('HS');
  if (hmac && format === 'pem') throw usageError(`${alg} uses a shared secret, which has no PEM form`, 'use --format jwk (an oct JWK), which TESSERA_SIGNING_KEY_FILE reads');
  const out = stringOption(values, 'out', 'keygen');
  const printPrivate = values['print-private'] === true;
  if (out === undefined && !printPrivate) {
    throw usageError('tessera keygen: name --out <file> for the private key (or pass --print-private to print it)', 'e.g. tessera keygen --alg ES256 --out signing.jwk; the key is never printed unless asked');
  }
  const kidOption = stringOption(values, 'kid', 'keygen');

  let privateJwk: Jwk;
  let publicJwk: Jwk | undefined;
  if (hmac) {
    privateJwk = exportJwk(generateSecret(alg, { extractable: true }), { private: true });
  } else {
    const pair = await generateKeyPair(alg, { extractable: true });
    privateJwk = exportJwk(pair.privateKey, { private: true });
    publicJwk = exportJwk(pair.publicKey);
  }
  const kid = kidOption ?? thumbprint(publicJwk ?? privateJwk);
  privateJwk.kid = kid;
  if (publicJwk !== undefined) publicJwk.kid = kid;

  const privateText = format === 'pem' ? pem(privateJwk, 'private') : `${JSON.stringify(privateJwk, null, 2)}\n`;
  const publicOut = publicJwk === undefined ? null : format === 'pem' ? pem(publicJwk, 'public') : publicJwk;
  if (out !== undefined) await writePrivateFile(out, privateText, { force: values.force === true });

  if (values.json === true) {
    io.stdout(json({ ok: true, alg, kid, format, out: out ?? null, public: publicOut, ...(printPrivate ? { private: format === 'pem' ? privateText : privateJwk } : {}) }));
    return EXIT.ok;
  }
  const s = style(io.color);
  const lines = [`Generated ${hmac ? `an ${alg} secret (${Buffer.from(privateJwk.k!, 'base64url').length} bytes)` : `${/^[AEIOU]/.test(alg) ? 'an' : 'a'} ${alg} key pair`}, kid ${kid}`];
  if (out !== undefined) lines.push(`${hmac ? 'Secret' : 'Private key'} written to ${out} (mode 0600). Give every instance the same one: TESSERA_SIGNING_KEY_FILE=${out}${format === 'pem' ? ` TESSERA_SIGNING_KID=${kid} TESSERA_ALG=${alg}` : ''}`);
  if (publicOut === null) lines.push('A shared secret has no public part: every service that verifies these tokens needs the same secret, and can sign tokens with it too.');
  else lines.push(s.bold(`Public key (${format.toUpperCase()}):`), typeof publicOut === 'string' ? publicOut.trimEnd() : JSON.stringify(publicOut, null, 2));
  if (printPrivate) {
    io.stderr(s.yellow('Printing the private key, as --print-private asked: it is now in your terminal and its scrollback.\n'));
    lines.push(s.bold(hmac ? 'Secret:' : 'Private key:'), privateText.trimEnd());
  }
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** PKCS#8 or SPKI PEM of a JWK exported by the core (a KeyObject made from the JWK, not a generated one). */
function pem(jwk: Jwk, part: 'private' | 'public'): string {
  const material: Record<string, unknown> = { ...jwk };
  for (const m of ['kid', 'alg', 'use', 'key_ops']) delete material[m];
  return part === 'private'
    ? createPrivateKey({ key: material as never, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }) as string
    : createPublicKey({ key: material as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
}
