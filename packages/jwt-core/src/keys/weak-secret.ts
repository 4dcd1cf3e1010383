/**
 * Refusing secrets a person typed. Length alone (RFC 7518 §3.2: at least the hash size) does not
 * make a secret strong: "changeme-changeme-changeme-changeme" is 35 bytes and guessed in seconds
 * once a single token leaks (an HMAC'd token is an offline oracle for its secret). A secret that
 * came from a random generator never contains a placeholder word and uses many distinct bytes.
 */
import { joseError } from '../lib/errors.js';

const PLACEHOLDERS = [
  'changeme', 'change-me', 'change_me', 'changethis', 'change-this', 'replaceme', 'replace-me', 'replace_me',
  'your-256-bit-secret', 'your-secret', 'your_secret', 'yoursecret', 'mysecret', 'my-secret', 'supersecret',
  'super-secret', 'secretkey', 'secret-key', 'secret_key', 'placeholder', 'example', 'password', 'jwtsecret', 'jwt-secret',
];

/** Fewer distinct byte values than this in a secret of 32 bytes or more means it is a pattern, not random. */
const MIN_DISTINCT_BYTES = 10;

/** Throw ERR_JWK_INVALID when `bytes` (decoded from `text`) looks hand-made; `where` names the variable. */
export function refuseWeakSecret(bytes: Uint8Array, text: string, where: string): void {
  const lower = text.toLowerCase();
  const word = PLACEHOLDERS.find((p) => lower.includes(p));
  if (word !== undefined) {
    throw joseError('ERR_JWK_INVALID', `${where}: the secret contains the placeholder word "${word}"; it is not a random secret`, {
      reason: 'weak', hint: generateHint(),
    });
  }
  const distinct = new Set(bytes).size;
  if (distinct < MIN_DISTINCT_BYTES) {
    throw joseError('ERR_JWK_INVALID', `${where}: the secret uses only ${distinct} distinct byte value${distinct === 1 ? '' : 's'}; it is a pattern, not a random secret`, {
      reason: 'weak', hint: generateHint(),
    });
  }
}

function generateHint(): string {
  return 'generate one with `openssl rand -base64 48` and set it with the base64: prefix (e.g. TESSERA_SIGNING_KEY=base64:...)';
}
