/**
 * Binding a key to its algorithms (RFC 8725 §3.1): at import, every key gets a `use` and the list of
 * algorithms it may serve, all from one family. That list is what stops algorithm confusion: an
 * RSA key never appears as an HMAC secret, a key-wrapping key never signs.
 *
 * Without an explicit `alg`, a key is bound to the whole family that fits it:
 * - RSA sig: RS256..RS512 and PS256..PS512; RSA enc: RSA-OAEP, -256, -384, -512 (RSA1_5 only when
 *   named explicitly: it is the Bleichenbacher-prone one, RFC 7516 §11.5).
 * - EC sig: the one ES alg of its curve; EC and X25519 enc: ECDH-ES and ECDH-ES+A*KW.
 * - Ed25519: EdDSA. X25519 is always `enc`, Ed25519 always `sig`.
 * - oct sig: the HS algs whose minimum size (the hash output, RFC 7518 §3.2) the secret meets.
 * - oct enc, by length: 16/24/32 bytes -> A128/192/256KW and A128/192/256GCMKW; and `dir` when the
 *   length is a content-encryption key size (16, 24, 32 for A*GCM; 32, 48, 64 for A*CBC-HS*); the
 *   decryptor then checks the length against the token's `enc`. PBES2 is never inferred: a
 *   password is only bound to PBES2 when the alg says so. Pass `alg` to bind a key to exactly one.
 */
import { joseError } from '../lib/errors.js';
import { algorithmInfo, allAlgorithms, JWE_CONTENT_ALGORITHMS, keyTypeFits, type Algorithm, type AlgorithmInfo, type JweContentAlgorithm } from '../lib/algorithms.js';
import { withArticle } from '../lib/describe.js';
import { invalidJwk, safeName, type ValidatedJwk } from './members.js';

/** Key bytes of each content-encryption algorithm, the size a `dir` key must have (RFC 7518 §5). */
export const CONTENT_KEY_BYTES: Readonly<Record<JweContentAlgorithm, number>> = {
  'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64, A128GCM: 16, A192GCM: 24, A256GCM: 32,
};
const DIR_SIZES = new Set(Object.values(CONTENT_KEY_BYTES));
/** Below this, a PBES2 password is guessable however many iterations are used. */
export const MIN_PBES2_PASSWORD_BYTES = 8;

const SIG_OPS = new Set(['sign', 'verify']);
const ENC_OPS = new Set(['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey', 'deriveBits']);

/** An algorithm name as given, resolved: a JWE content alg (cookbook keys say `"alg": "A256GCM"`) means `dir` with that enc. */
export interface RequestedAlg {
  readonly info: AlgorithmInfo;
  readonly enc: JweContentAlgorithm | undefined;
  readonly name: string;
}

export function isContentAlgorithm(alg: unknown): alg is JweContentAlgorithm {
  return typeof alg === 'string' && (JWE_CONTENT_ALGORITHMS as readonly string[]).includes(alg);
}

/** Resolve an algorithm name from the options (`source` = 'options') or the JWK's `alg` member. */
export function resolveAlg(alg: unknown, source: string): RequestedAlg {
  if (isContentAlgorithm(alg)) return { info: algorithmInfo('dir')!, enc: alg, name: alg };
  const info = algorithmInfo(alg);
  if (info !== undefined) return { info, enc: undefined, name: info.alg };
  if (alg === 'none') {
    invalidJwk(`alg 'none' in the ${source} is never accepted`, 'RFC 8725 §3.1: unsecured JWS is refused; name the algorithm the key is for');
  }
  if (typeof alg !== 'string') invalidJwk(`"alg" in the ${source} must be a string, got a ${typeof alg}`, 'name the algorithm the key is for, e.g. "RS256"');
  throw joseError('ERR_JOSE_NOT_SUPPORTED', `alg ${safeName(alg)} in the ${source} is not supported`, {
    hint: `supported: ${allAlgorithms().map((a) => a.alg).join(', ')}`,
  });
}

export interface BindRequest {
  readonly alg: RequestedAlg | undefined;
  /** `use` from the options, the JWK's `use` and its `key_ops`, with where each came from. */
  readonly uses: ReadonlyArray<readonly [use: 'sig' | 'enc', source: string]>;
}

/** Decide `use` and `algorithms` for a validated key. Throws ERR_JWK_INVALID on any contradiction. */
export function bindKey(key: ValidatedJwk, req: BindRequest): { use: 'sig' | 'enc'; algorithms: Algorithm[] } {
  const uses = [...req.uses];
  if (req.alg !== undefined) uses.push([req.alg.info.use, `alg ${req.alg.name}`]);
  if (key.crv === 'Ed25519') uses.push(['sig', 'curve Ed25519']);
  if (key.crv === 'X25519') uses.push(['enc', 'curve X25519']);
  const first = uses[0];
  for (const [use, source] of uses) {
    if (first !== undefined && use !== first[0]) {
      invalidJwk(`the key's intended use contradicts itself: ${first[1]} means "${first[0]}" but ${source} means "${use}"`,
        'a key is either for signatures ("sig") or for encryption ("enc"), never both (RFC 7517 §4.2-4.3)');
    }
  }
  const use = first?.[0] ?? 'sig';
  if (req.alg !== undefined) return { use, algorithms: [bindOne(key, req.alg)] };
  return { use, algorithms: family(key, use) };
}

/** What `key_ops` says about `use`, or undefined when it says nothing. */
export function useFromKeyOps(ops: unknown): 'sig' | 'enc' | undefined {
  if (ops === undefined) return undefined;
  if (!Array.isArray(ops) || ops.some((op) => typeof op !== 'string') || new Set(ops).size !== ops.length) {
    invalidJwk('"key_ops" must be an array of distinct strings', 'RFC 7517 §4.3: e.g. ["sign", "verify"]');
  }
  const sig = ops.some((op) => SIG_OPS.has(op));
  const enc = ops.some((op) => ENC_OPS.has(op));
  if (sig && enc) invalidJwk('"key_ops" mixes signature and encryption operations', 'RFC 7517 §4.3: use one key per purpose');
  return sig ? 'sig' : enc ? 'enc' : undefined;
}

export function describeKey(key: Pick<ValidatedJwk, 'kty' | 'crv' | 'type'>): string {
  return `${key.kty}${key.crv ? ` ${key.crv}` : ''} ${key.type} key`;
}

function bindOne(key: ValidatedJwk, req: RequestedAlg): Algorithm {
  const { info } = req;
  if (!keyTypeFits(info, key.kty, key.crv)) {
    const needs = info.family === 'ECDH-ES' ? 'an EC (P-256/384/521) or X25519 key' : withArticle(`${info.kty}${info.curves ? ` ${info.curves.join('/')}` : ''} key`);
    invalidJwk(`${req.name} needs ${needs}; this is ${withArticle(describeKey(key))}`,
      'a key is bound to one algorithm family (RFC 8725 §3.1): import the key that belongs to this algorithm, or name the algorithm this key is for');
  }
  if (key.kty === 'oct') checkSecretSize(key.bits / 8, req);
  return info.alg;
}

/** The size rules of secret keys (RFC 7518 §3.2, §4.4, §4.7, §4.5, §4.8). */
export function checkSecretSize(bytes: number, req: RequestedAlg): void {
  const { info } = req;
  const got = `this one is ${bytes} bytes`;
  const fix = `generate one with generateSecret('${req.name}')`;
  switch (info.family) {
    case 'HMAC':
      if (bytes < info.keyBytes!) {
        invalidJwk(`${withArticle(info.alg)} secret must be at least ${info.keyBytes} bytes (${info.keyBytes! * 8} bits, RFC 7518 §3.2); ${got}`,
          `${fix}, or use ${info.keyBytes} random bytes, e.g. \`openssl rand -base64 ${info.keyBytes}\` imported with importSecret(value, { alg: '${info.alg}', encoding: 'base64' })`);
      }
      return;
    case 'AES-KW': case 'AES-GCMKW':
      if (bytes !== info.keyBytes) invalidJwk(`${withArticle(info.alg)} key must be exactly ${info.keyBytes} bytes; ${got}`, fix);
      return;
    case 'DIR':
      if (req.enc !== undefined ? bytes !== CONTENT_KEY_BYTES[req.enc] : !DIR_SIZES.has(bytes)) {
        const need = req.enc !== undefined ? `exactly ${CONTENT_KEY_BYTES[req.enc]} bytes for ${req.enc}` : '16, 24, 32, 48 or 64 bytes (the key size of a content-encryption algorithm)';
        invalidJwk(`a direct-encryption ("dir") key must be ${need}; ${got}`, "generate one with generateSecret('A128CBC-HS256') (or the enc you use)");
      }
      return;
    case 'PBES2':
      if (bytes < MIN_PBES2_PASSWORD_BYTES) {
        invalidJwk(`${withArticle(info.alg)} password must be at least ${MIN_PBES2_PASSWORD_BYTES} bytes; ${got}`, 'use a long random passphrase');
      }
      return;
    default:
  }
}

function family(key: ValidatedJwk, use: 'sig' | 'enc'): Algorithm[] {
  const fits = (pred: (a: AlgorithmInfo) => boolean): Algorithm[] =>
    allAlgorithms().filter((a) => a.use === use && a.family !== 'RSA1_5' && a.family !== 'PBES2' && keyTypeFits(a, key.kty, key.crv) && pred(a)).map((a) => a.alg);
  if (key.kty !== 'oct') {
    const algs = fits(() => true);
    if (algs.length === 0) invalidJwk(`${withArticle(describeKey(key))} cannot be used for ${use === 'sig' ? 'signatures' : 'encryption'}`, 'import it with the use it is for');
    return algs;
  }
  const bytes = key.bits / 8;
  if (use === 'sig') {
    const algs = fits((a) => bytes >= a.keyBytes!);
    if (algs.length === 0) {
      invalidJwk(`an HMAC secret must be at least 32 bytes (HS256 needs 32, HS384 48, HS512 64; RFC 7518 §3.2); this one is ${bytes} bytes`,
        "generate one with generateSecret('HS256'), or use 32 random bytes, e.g. `openssl rand -base64 32`");
    }
    return algs;
  }
  const algs = fits((a) => (a.family === 'DIR' ? DIR_SIZES.has(bytes) : a.keyBytes === bytes));
  if (algs.length === 0) {
    invalidJwk(`a secret encryption key must be 16, 24, 32, 48 or 64 bytes; this one is ${bytes} bytes`,
      'AES key wrap takes 16/24/32-byte keys, "dir" a content key of 16-64 bytes; PBES2 passwords need an explicit alg');
  }
  return algs;
}
