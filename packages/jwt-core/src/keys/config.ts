/**
 * `loadKeyRing`: the key ring of a token issuer, from environment variables (or files they point
 * to), checked at start-up. Two production failures motivate its rules: a key generated in memory
 * at start-up invalidates every token at each restart and differs between the instances of a farm
 * ("invalid signature" for some users only), and a malformed or weak key found late fails requests
 * instead of the deployment.
 *
 * Variables (prefix `TESSERA_` by default):
 * - `SIGNING_KEY` or `SIGNING_KEY_FILE`: the signing key (PEM, JWK, or secret; see parse.ts);
 * - `SIGNING_KID`: kid for a PEM or secret signing key (default: its RFC 7638 thumbprint);
 * - `VERIFY_KEYS` or `VERIFY_KEYS_FILE`: verify-only keys (JWKS, JWKs, PEM blocks, or a secret);
 * - `RETIRED_KIDS`: comma-separated kids, each optionally `kid@2026-11-01T00:00:00Z`;
 * - `ALG`: the algorithm, when the `alg` option is not given.
 */
import { invalidOption, JoseError } from '../lib/errors.js';
import { generateKeyPair, generateSecret } from '../jwk/generate.js';
import type { Key } from '../jwk/key.js';
import { thumbprint } from '../jwk/thumbprint.js';
import { algorithmInfo, isJwsAlgorithm, type JwsAlgorithm } from '../lib/algorithms.js';
import { createKeyRing, type KeyRing, type RetiredKey } from '../jwks/key-ring.js';
import { isProduction, processEnv, type EnvRecord } from '../lib/environment.js';
import { withArticle } from '../lib/describe.js';
import { readFileDefault, type ReadFile } from './read-file.js';
import { parseKeys, type SecretEncoding } from './parse.js';

export interface LoadKeyRingOptions {
  /** The signing algorithm (or the `<prefix>ALG` variable). PEM and secret keys are bound to it. */
  alg?: JwsAlgorithm;
  /** Where variables are read (default `process.env`; pass an object on runtimes without one). */
  env?: EnvRecord;
  /** Variable name prefix (default `'TESSERA_'`). */
  prefix?: string;
  /** Reads a `*_FILE` path (default: node:fs found at run time; required on runtimes without a file system). */
  readFile?: ReadFile;
  /** Where the development warning goes (default `console.warn`). */
  warn?: (message: string) => void;
  /**
   * Apply production rules (default: `NODE_ENV === 'production'` in `env`; `true` on a runtime
   * without `process.env` when no `env` is passed).
   */
  production?: boolean;
  /** Encoding of a secret without a `base64:`/`base64url:`/`utf8:` prefix (default `'utf8'`). */
  secretEncoding?: SecretEncoding;
}

/**
 * Load the key ring from configuration. Fails at start-up with `ERR_JWK_INVALID` naming the
 * variable for a malformed or weak key, and with `ERR_JOSE_INVALID_OPTION` when no signing key is
 * configured in production. Outside production, a missing signing key is replaced by one generated
 * in memory, with a loud warning: its tokens do not survive a restart nor verify on other instances.
 *
 * @example
 * ```ts
 * // TESSERA_SIGNING_KEY_FILE=/run/secrets/jwt-signing.pem
 * // TESSERA_VERIFY_KEYS='{"keys":[...previous public key...]}'
 * const ring = await loadKeyRing({ alg: 'ES256' });
 * const token = await signJwt({ sub: 'u1' }, ring.signingKey, { alg: 'ES256', expiresIn: '15m' });
 * await verifyJwt(token, ring, { algorithms: ['ES256'] });
 * ```
 */
export async function loadKeyRing(options: LoadKeyRingOptions = {}): Promise<KeyRing> {
  const given = options.env ?? processEnv();
  const env: EnvRecord = given ?? {};
  const prefix = options.prefix ?? 'TESSERA_';
  const name = (suffix: string): string => `${prefix}${suffix}`;
  const alg = options.alg ?? env[name('ALG')];
  if (!isJwsAlgorithm(alg)) {
    throw invalidOption(alg === undefined ? `no algorithm: pass the alg option or set ${name('ALG')}` : `${options.alg === undefined ? name('ALG') : 'alg'} is not a supported JWS algorithm: ${JSON.stringify(alg)}`,
      'e.g. HS256 for a shared secret, ES256 or EdDSA for a key pair');
  }
  const secretEncoding = options.secretEncoding ?? 'utf8';
  const read = options.readFile ?? readFileDefault;
  const kid = env[name('SIGNING_KID')] || undefined;

  const signingText = await valueOrFile(env, name('SIGNING_KEY'), read);
  let signing: Key;
  if (signingText === undefined) {
    signing = await ephemeralKey(alg, name('SIGNING_KEY'), isProduction(options.production, given), options.warn);
  } else {
    [signing] = (await parseKeys(signingText.text, 'signing', { where: signingText.where, alg, secretEncoding, kid })) as [Key];
  }
  const verifyText = await valueOrFile(env, name('VERIFY_KEYS'), read);
  const verifyKeys = verifyText === undefined ? [] : await parseKeys(verifyText.text, 'verify', { where: verifyText.where, alg, secretEncoding });
  // VERIFY_KEYS is often a copy of the published JWKS, which includes the signing key's public part.
  const signingPrint = thumbprint(signing);
  const verifyOnly = verifyKeys.filter((k) => thumbprint(k) !== signingPrint);
  return createKeyRing({ signing, verifyOnly, retired: parseRetired(env[name('RETIRED_KIDS')], name('RETIRED_KIDS')) });
}

/** The variable's value, or the content of the file its `_FILE` twin names; never both. */
async function valueOrFile(env: EnvRecord, variable: string, read: ReadFile): Promise<{ text: string; where: string } | undefined> {
  const value = env[variable];
  const path = env[`${variable}_FILE`];
  if (value && path) throw invalidOption(`both ${variable} and ${variable}_FILE are set`, 'set only one: which key is meant is otherwise a guess');
  if (path) return { text: await readText(read, path, `${variable}_FILE`), where: `${variable}_FILE (${path})` };
  if (value) return { text: value, where: variable };
  return undefined;
}

async function readText(read: ReadFile, path: string, variable: string): Promise<string> {
  let content: string | Uint8Array;
  try {
    content = await read(path);
  } catch (err) {
    if (err instanceof JoseError) throw err;
    const code = (err as { code?: unknown } | null)?.code;
    throw invalidOption(`${variable}: cannot read ${path}${typeof code === 'string' ? ` (${code})` : err instanceof Error ? ` (${err.message})` : ''}`,
      'check the path and that the process may read it (mounted secret, file permissions)');
  }
  // Files written by `echo` or editors end with a newline that is not part of the key.
  return (typeof content === 'string' ? content : new TextDecoder().decode(content)).trim();
}

async function ephemeralKey(alg: JwsAlgorithm, variable: string, production: boolean, warn: ((message: string) => void) | undefined): Promise<Key> {
  const hmac = algorithmInfo(alg)?.family === 'HMAC';
  if (production) {
    throw invalidOption(
      `no signing key configured (${variable} or ${variable}_FILE) and NODE_ENV=production: a key generated in memory is refused, because tokens signed with it stop verifying at every restart and never verify on other instances`,
      hmac
        ? `generate a secret once (openssl rand -base64 48) and set ${variable}=base64:<it> on every instance`
        : `generate a key once (e.g. openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 for ES256) and give every instance the same one through ${variable}_FILE`,
    );
  }
  (warn ?? console.warn)(
    `[tessera] WARNING: ${variable} is not set, so ${withArticle(alg)} signing key was generated in memory for development. ` +
    'Tokens signed with it will NOT verify after a restart and will NOT verify on any other instance. ' +
    `Set ${variable} (or ${variable}_FILE) before deploying; with NODE_ENV=production this is an error.`,
  );
  return hmac ? await generateSecret(alg) : (await generateKeyPair(alg)).privateKey;
}

function parseRetired(value: string | undefined, variable: string): RetiredKey[] {
  if (!value) return [];
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '').map((entry) => {
    const at = entry.lastIndexOf('@');
    if (at <= 0) return { kid: entry };
    const when = new Date(entry.slice(at + 1));
    if (Number.isNaN(when.getTime())) throw invalidOption(`${variable}: ${JSON.stringify(entry)} has an invalid date after "@"`, 'write kid@2026-11-01T00:00:00Z, or just the kid');
    return { kid: entry.slice(0, at), retiredAt: when };
  });
}
