/**
 * `importPem`: PEM text (RFC 7468) to a {@link Key}. The DER inside is parsed here, without any
 * Node import (der-keys.ts), converted to a JWK and validated by `importJwk` like every key.
 *
 * Labels: PUBLIC KEY (SPKI), PRIVATE KEY (PKCS#8), CERTIFICATE (its subject public key), and the
 * older RSA PUBLIC KEY / RSA PRIVATE KEY (PKCS#1) and EC PRIVATE KEY (SEC1) that tools still
 * write. Encrypted keys are refused with the command that decrypts them.
 */
import { invalidOption, joseError } from '../lib/errors.js';
import { fromUtf8 } from '../lib/utf8.js';
import { certificateToJwk, ecPrivate, pkcs8ToJwk, rsaPrivate, rsaPublic, spkiToJwk } from './der-keys.js';
import { decodeBase64 } from './encoding.js';
import { importJwk, type ImportJwkOptions } from './import.js';
import { describeValue } from '../lib/describe.js';
import type { Key } from './key.js';
import { invalidJwk } from './members.js';
import type { Jwk } from '../lib/types.js';

/** Options of {@link importPem}. */
export interface ImportPemOptions {
  /** Required: the algorithm the key is for (a PEM does not say). */
  alg: NonNullable<ImportJwkOptions['alg']>;
  kid?: string;
  use?: 'sig' | 'enc';
}

/** A PEM key is a few KiB; a certificate chain a few more. Anything larger is not a key. */
const MAX_PEM_CHARS = 65_536;
const MAX_BLOCKS = 16;

const PARSERS: Readonly<Record<string, (der: Uint8Array) => Jwk>> = {
  'PUBLIC KEY': spkiToJwk,
  'PRIVATE KEY': pkcs8ToJwk,
  CERTIFICATE: certificateToJwk,
  'RSA PUBLIC KEY': rsaPublic,
  'RSA PRIVATE KEY': rsaPrivate,
  'EC PRIVATE KEY': (der) => ecPrivate(der),
};

/**
 * Import a PEM public key, private key or certificate. For a certificate only its public key is
 * taken: the certificate is not validated (no chain, dates or revocation); trust it for what
 * you configured it for.
 *
 * @example
 * ```ts
 * const publicKey = importPem(readFileSync('public.pem', 'utf8'), { alg: 'RS256', kid: 'k1' });
 * const privateKey = importPem(process.env.JWT_PRIVATE_KEY!, { alg: 'ES256' });
 * ```
 * @throws JoseError `ERR_JWK_INVALID` for malformed PEM or DER, or a weak key;
 * `ERR_JOSE_NOT_SUPPORTED` for encrypted keys and unsupported key types.
 */
export function importPem(pem: string | Uint8Array, options: ImportPemOptions): Key {
  if (typeof options !== 'object' || options === null || options.alg === undefined) {
    throw invalidOption('importPem needs { alg }: the algorithm the key is for (a PEM does not say)', "e.g. importPem(pem, { alg: 'RS256' })");
  }
  const text = typeof pem === 'string' ? pem : pem instanceof Uint8Array ? decodeText(pem) : undefined;
  if (text === undefined) invalidJwk(`importPem expects PEM text; got ${describeValue(pem)}`, 'pass the contents of the .pem file');
  if (text.length > MAX_PEM_CHARS) invalidJwk(`the PEM is ${text.length} characters; at most ${MAX_PEM_CHARS} are accepted`, 'pass one key or certificate, not a bundle');
  const block = pickBlock(readBlocks(text));
  const parse = PARSERS[block.label];
  if (parse === undefined) unsupportedLabel(block.label);
  if (block.headers) {
    // RFC 1421-style "Proc-Type: 4,ENCRYPTED" headers mark an OpenSSL-encrypted traditional key.
    if (block.body.includes('ENCRYPTED')) throw joseError('ERR_JOSE_NOT_SUPPORTED', `the ${block.label} is encrypted`, { hint: DECRYPT_HINT });
    invalidJwk(`the ${block.label} PEM has header lines, which are not supported`, 'export the key again without headers, e.g. `openssl pkey -in key.pem`');
  }
  const jwk = parse(decodeBase64(block.body, `the ${block.label} PEM body`, true));
  const jwkOptions: ImportJwkOptions = { alg: options.alg };
  if (options.kid !== undefined) jwkOptions.kid = options.kid;
  if (options.use !== undefined) jwkOptions.use = options.use;
  return importJwk(jwk, jwkOptions);
}

const DECRYPT_HINT = 'decrypt it first, e.g. `openssl pkey -in encrypted.pem -out key.pem` (it asks for the passphrase), and keep the decrypted key in a secret store';

interface Block { readonly label: string; readonly body: string; readonly headers: boolean }

function decodeText(bytes: Uint8Array): string {
  try {
    return fromUtf8(bytes);
  } catch {
    invalidJwk('the PEM is not UTF-8 text', 'a binary key is DER: convert it with `openssl pkey -inform DER -in key.der -out key.pem`');
  }
}

/** The `-----BEGIN X-----` ... `-----END X-----` blocks of `text` (RFC 7468 §2), found without backtracking regexes. */
function readBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let at = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', at);
    if (begin < 0) break;
    const labelEnd = text.indexOf('-----', begin + 11);
    if (labelEnd < 0) break;
    const label = text.slice(begin + 11, labelEnd);
    if (!/^[A-Z0-9 ]{1,40}$/.test(label)) invalidJwk('the PEM has a malformed BEGIN line', 'expected a line such as "-----BEGIN PUBLIC KEY-----"');
    const endLine = `-----END ${label}-----`;
    const end = text.indexOf(endLine, labelEnd + 5);
    if (end < 0) invalidJwk(`the PEM's ${label} block has no matching END line`, 'the PEM was truncated: copy the complete file, including "-----END ...-----"');
    const inner = text.slice(labelEnd + 5, end);
    blocks.push({ label, body: inner, headers: inner.includes(':') });
    if (blocks.length > MAX_BLOCKS) invalidJwk(`the PEM holds more than ${MAX_BLOCKS} blocks`, 'pass one key or certificate');
    at = end + endLine.length;
  }
  return blocks;
}

function pickBlock(all: Block[]): Block {
  // `openssl ecparam -genkey` writes an EC PARAMETERS block before the key; it adds nothing.
  const blocks = all.filter((b) => b.label !== 'EC PARAMETERS');
  if (blocks.length === 0) {
    invalidJwk('no PEM block found (expected "-----BEGIN PUBLIC KEY-----" or similar)',
      'pass PEM text; for a JWK use importJwk, for a shared secret importSecret, and check that newlines survived your environment variable (\\n escapes)');
  }
  if (blocks.length > 1) {
    // A certificate chain: the first certificate is the leaf, whose key signs.
    if (blocks.every((b) => b.label === 'CERTIFICATE')) return blocks[0]!;
    invalidJwk(`the PEM holds ${blocks.length} blocks (${blocks.map((b) => b.label).join(', ')}); pass exactly one key`, 'split the file and import each key on its own');
  }
  return blocks[0]!;
}

function unsupportedLabel(label: string): never {
  if (label === 'ENCRYPTED PRIVATE KEY') {
    throw joseError('ERR_JOSE_NOT_SUPPORTED', 'encrypted PKCS#8 keys ("ENCRYPTED PRIVATE KEY") are not supported', { hint: DECRYPT_HINT });
  }
  if (label === 'OPENSSH PRIVATE KEY') {
    throw joseError('ERR_JOSE_NOT_SUPPORTED', 'OpenSSH private keys are not supported', {
      hint: 'convert it to PKCS#8: `ssh-keygen -p -m PKCS8 -f key` (rewrites the file in place; work on a copy)',
    });
  }
  throw joseError('ERR_JOSE_NOT_SUPPORTED', `PEM blocks labelled "${label}" are not supported`, {
    hint: 'supported: PUBLIC KEY, PRIVATE KEY, CERTIFICATE, RSA PUBLIC KEY, RSA PRIVATE KEY, EC PRIVATE KEY',
  });
}
