/**
 * `createKeyRing`: the keys a token issuer holds during its whole life, including the weeks of a
 * rotation. One key signs; the others only verify; retired ones are remembered by kid so that a
 * token signed with them is refused with a message that says so, instead of a puzzling "no key".
 *
 * Rotation without downtime (each step is a configuration change rolled out to every instance):
 * 1. add the next key as `verifyOnly` everywhere, and publish it (wait out the JWKS cache age);
 * 2. promote it to `signing`, keeping the previous signing key as `verifyOnly`;
 * 3. after the longest token lifetime has passed, move the previous key to `retired`.
 * Tokens from any instance verify on every instance at each step (README "Key rotation").
 */
import { invalidOption, joseError } from '../lib/errors.js';
import { describeValue } from '../lib/describe.js';
import { isKey, type Key } from '../jwk/key.js';
import type { JwkSet, JoseHeader } from '../lib/types.js';
import { quote } from '../lib/quote.js';
import { formatInstant } from '../lib/time.js';
import { createKeySet } from './key-set.js';
import { withDefaultKid } from './kid.js';
import type { KeySelection, KeySet } from './types.js';

/** A retired key: its kid, and optionally when it was retired (shown in messages). */
export interface RetiredKey {
  readonly kid: string;
  readonly retiredAt?: Date | string | number | undefined;
}

export interface KeyRingOptions {
  /** The one key that signs new tokens: a private key or a secret. */
  signing: Key;
  /** Keys accepted for verification only: the next key before promotion, the previous one after. */
  verifyOnly?: readonly Key[];
  /** Keys no longer accepted, by Key, kid or `{ kid, retiredAt }`. */
  retired?: readonly (Key | string | RetiredKey)[];
}

/** A key ring: a {@link KeySet} for verification plus the active signing key. */
export interface KeyRing extends KeySet {
  /** The active signing key, with its kid (pass it to `signJwt`/`createSigner`). */
  readonly signingKey: Key;
  readonly verifyOnly: readonly Key[];
  readonly retired: readonly { readonly kid: string; readonly retiredAt: Date | undefined }[];
}

/**
 * Build a key ring. Every key gets a `kid` (its RFC 7638 thumbprint unless it has one), so
 * verifiers find the key by kid instead of trying each. `jwks()` publishes the public parts of the
 * signing and verify-only keys, never secrets or private parts.
 *
 * @example
 * ```ts
 * const ring = createKeyRing({ signing: next.privateKey, verifyOnly: [previous.publicKey] });
 * const token = await signJwt({ sub: 'u1' }, ring.signingKey, { alg: 'ES256', expiresIn: '15m' });
 * await verifyJwt(token, ring, { algorithms: ['ES256'] });
 * ```
 * @throws JoseError `ERR_JOSE_INVALID_OPTION` for a signing key that cannot sign, duplicate kids,
 * or a kid that is both active and retired.
 */
export function createKeyRing(options: KeyRingOptions): KeyRing {
  if (typeof options !== 'object' || options === null) throw invalidOption(`createKeyRing expects { signing, verifyOnly?, retired? }; got ${describeValue(options)}`, 'e.g. createKeyRing({ signing: privateKey, verifyOnly: [previousPublicKey] })');
  const signing = checkSigningKey(options.signing);
  const verifyOnly = (options.verifyOnly ?? []).map((k, i) => checkKey(k, `verifyOnly[${i}]`));
  const active = [signing, ...verifyOnly];
  const kids = new Map<string, string>();
  active.forEach((k, i) => {
    const where = i === 0 ? 'signing' : `verifyOnly[${i - 1}]`;
    const previous = kids.get(k.kid!);
    if (previous !== undefined) {
      throw invalidOption(`${where} has the kid ${quote(k.kid)}, which ${previous} already has`, 'each key of a ring needs its own kid; a key listed twice is a configuration mistake');
    }
    kids.set(k.kid!, where);
  });
  const retired = (options.retired ?? []).map((r, i) => retiredEntry(r, i));
  for (const r of retired) {
    const where = kids.get(r.kid);
    if (where !== undefined) {
      throw invalidOption(`the kid ${quote(r.kid)} is both retired and active (${where})`, 'remove the key from signing/verifyOnly when retiring it');
    }
  }
  return new Ring(signing, verifyOnly, retired);
}

class Ring implements KeyRing {
  readonly keys: readonly Key[];
  readonly #set: KeySet;
  readonly #retired: ReadonlyMap<string, Date | undefined>;

  constructor(
    readonly signingKey: Key,
    readonly verifyOnly: readonly Key[],
    readonly retired: readonly { readonly kid: string; readonly retiredAt: Date | undefined }[],
  ) {
    this.keys = Object.freeze([signingKey, ...verifyOnly]);
    this.#set = createKeySet(this.keys);
    this.#retired = new Map(retired.map((r) => [r.kid, r.retiredAt]));
    Object.freeze(this.verifyOnly);
    Object.freeze(this.retired);
  }

  jwks(): JwkSet {
    return this.#set.jwks();
  }

  select(header: JoseHeader, selection: KeySelection): readonly Key[] | Promise<readonly Key[]> {
    const kid = header.kid;
    if (typeof kid === 'string' && this.#retired.has(kid)) {
      const at = this.#retired.get(kid);
      const known = this.keys.map((k) => k.kid!);
      throw joseError('ERR_JWKS_NO_MATCHING_KEY', `the key with kid ${quote(kid)} was retired${at === undefined ? '' : ` at ${formatInstant(Math.floor(at.getTime() / 1000))}`}; tokens it signed are no longer accepted (active kids: ${known.join(', ')})`, {
        kid, knownKids: known, reason: 'retired',
        hint: 'the token was issued before the key rotation and outlived it: the client must sign in again. If fresh tokens carry this kid, an instance still signs with the retired key: roll the current key ring out everywhere',
      });
    }
    return this.#set.select(header, selection);
  }
}

function checkSigningKey(key: unknown): Key {
  const k = checkKey(key, 'signing');
  if (k.type === 'public') {
    throw invalidOption(`the signing key${k.kid === undefined ? '' : ` ${quote(k.kid)}`} is a public key; signing needs the private key or the secret`, 'pass the private key as signing and its public key nowhere: the ring publishes the public part itself');
  }
  if (k.use !== 'sig') throw invalidOption(`the signing key is an encryption key (use 'enc')`, 'import the signing key with use "sig"');
  return k;
}

function checkKey(key: unknown, where: string): Key {
  if (!isKey(key)) {
    throw invalidOption(`createKeyRing: ${where} must be a key from importJwk, importPem, importSecret or the generators; got ${describeValue(key)}`, 'import the key material once at start-up and pass the key object');
  }
  return withDefaultKid(key);
}

function retiredEntry(entry: Key | string | RetiredKey, index: number): { kid: string; retiredAt: Date | undefined } {
  if (typeof entry === 'string') return { kid: checkKid(entry, index), retiredAt: undefined };
  if (isKey(entry)) return { kid: withDefaultKid(entry).kid!, retiredAt: undefined };
  if (typeof entry !== 'object' || entry === null) throw invalidOption(`retired[${index}] must be a key, a kid or { kid, retiredAt }; got ${describeValue(entry)}`, 'e.g. retired: [{ kid: "k-2026-09", retiredAt: "2026-11-01T00:00:00Z" }]');
  const kid = checkKid(entry.kid, index);
  if (entry.retiredAt === undefined) return { kid, retiredAt: undefined };
  const at = new Date(entry.retiredAt);
  if (Number.isNaN(at.getTime())) throw invalidOption(`retired[${index}].retiredAt is not a valid date`, 'pass a Date, milliseconds since the epoch or an ISO 8601 string');
  return { kid, retiredAt: at };
}

function checkKid(kid: unknown, index: number): string {
  if (typeof kid !== 'string' || kid === '') throw invalidOption(`retired[${index}] needs a non-empty kid; got ${describeValue(kid)}`, 'the kid is the one tokens signed by the retired key carry in their header');
  return kid;
}
