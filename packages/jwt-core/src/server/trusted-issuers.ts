/**
 * `trustedIssuers`: access tokens of external identity providers accepted next to this layer's
 * own, each checked against its provider's JWKS (a remote key set: cached, refetched on an
 * unknown kid, served stale up to `maxStale` while the endpoint fails, every fetch bounded by
 * `timeout`).
 *
 * The unverified `iss` only picks which provider's keys and rules apply (key selection); the
 * signature is then verified and `iss` checked again with the claims, so a forged `iss` gains
 * nothing but a refusal from the keys it named. A provider whose keys cannot be served (never
 * fetched, or stale past `maxStale`) denies with 503 ERR_AUTH_UNAVAILABLE: the token may be good,
 * the server cannot tell (fail closed, and the client is told to retry rather than to sign in).
 */
import { invalidOption, JoseError } from '../errors.js';
import { createRemoteKeySet, type RemoteKeySet } from '../jwks/remote.js';
import { createVerifier } from '../jwt/create-verifier.js';
import { decodeJwt } from '../jwt/decode.js';
import { verifyJwt } from '../jwt/verify.js';
import type { JwsAlgorithm, JwtClaims, VerifyJwtOptions } from '../types.js';
import type { AccessClaims, TrustedIssuer } from './types.js';

/** One provider, prepared: its key set and its verify function. */
export interface PreparedIssuer {
  readonly issuer: string;
  readonly keys: RemoteKeySet;
  /** Whether the provider's roles and permissions are taken as this application's. */
  readonly trustRoles: boolean;
  verify(token: string): Promise<{ payload: JwtClaims }>;
}

const MAX_TRUSTED = 16;
const DEFAULT_ALGORITHMS: readonly JwsAlgorithm[] = ['RS256', 'ES256'];

/**
 * Checks `list` and prepares one verifier per provider; undefined when there is none. Throws
 * ERR_JOSE_INVALID_OPTION naming the entry at fault.
 */
export function resolveTrustedIssuers(
  list: readonly TrustedIssuer[] | undefined,
  own: { issuer: string; audience: string | readonly string[]; clockTolerance: number; now: (() => Date) | undefined },
): ReadonlyMap<string, PreparedIssuer> | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length > MAX_TRUSTED) {
    throw invalidOption(`trustedIssuers must be a list of at most ${MAX_TRUSTED} providers`, 'e.g. trustedIssuers: [{ issuer: \'https://login.example.com/\', jwksUrl: \'https://login.example.com/jwks\' }]');
  }
  const prepared = new Map<string, PreparedIssuer>();
  list.forEach((entry: TrustedIssuer, i) => {
    const name = `trustedIssuers[${i}]`;
    if (typeof entry !== 'object' || entry === null || typeof entry.issuer !== 'string' || entry.issuer === '') {
      throw invalidOption(`${name}.issuer must be a non-empty string`, 'use the provider\'s iss exactly, as its discovery document says');
    }
    if (entry.issuer === own.issuer || prepared.has(entry.issuer)) {
      throw invalidOption(`${name}.issuer ${JSON.stringify(entry.issuer)} is ${entry.issuer === own.issuer ? 'this layer\'s own issuer' : 'listed twice'}`, 'list each external provider once; this layer\'s own tokens need no entry');
    }
    if (typeof entry.jwksUrl !== 'string') throw invalidOption(`${name}.jwksUrl must be a URL string`, 'e.g. https://login.example.com/.well-known/jwks.json');
    const algorithms = entry.algorithms ?? DEFAULT_ALGORITHMS;
    const audience = entry.audience ?? own.audience;
    const clock = own.now;
    // createRemoteKeySet checks the URL and the cache options, naming the bad one.
    const keys = createRemoteKeySet(entry.jwksUrl, { ...entry.jwks, ...(clock === undefined ? {} : { now: clock }) });
    const options: VerifyJwtOptions = {
      algorithms: [...algorithms], issuer: entry.issuer, audience, clockTolerance: own.clockTolerance, requiredClaims: ['sub', 'exp'],
    };
    const verify = clock === undefined
      ? createVerifier({ keys, ...options })
      : (token: string) => verifyJwt(token, keys, { ...options, currentDate: clock() });
    if (entry.trustRoles !== undefined && typeof entry.trustRoles !== 'boolean') throw invalidOption(`${name}.trustRoles must be true or false`, 'leave it out unless this provider issues exactly this application\'s roles');
    prepared.set(entry.issuer, { issuer: entry.issuer, keys, verify, trustRoles: entry.trustRoles === true });
  });
  return prepared.size === 0 ? undefined : prepared;
}

/** The provider whose `iss` the (still unverified) token names, or undefined (the token is for this layer's own checks). */
export function issuerOf(trusted: ReadonlyMap<string, PreparedIssuer>, token: string): PreparedIssuer | undefined {
  let iss: unknown;
  try {
    iss = decodeJwt(token).payload.iss;
  } catch {
    return undefined; // malformed: this layer's own verification names the cause
  }
  return typeof iss === 'string' ? trusted.get(iss) : undefined;
}

function notStrings(v: unknown): boolean {
  return v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'string'));
}

/**
 * Verifies a provider's token: signature against its JWKS, then `iss`, `aud`, `exp`, `nbf`,
 * `iat`. Keys that cannot be served become ERR_AUTH_UNAVAILABLE (503) with the JWKS error as cause.
 * This layer's revocation does not apply: the provider owns those sessions.
 */
export async function verifyTrusted(provider: PreparedIssuer, token: string): Promise<AccessClaims> {
  let payload: JwtClaims;
  try {
    ({ payload } = await provider.verify(token));
  } catch (err) {
    // 'unavailable' is the remote key set's "no keys can be served"; a network error while a
    // refetch for an unknown kid fails is the same server-side failure.
    if (err instanceof JoseError && err.reason === 'unavailable') {
      throw new JoseError('ERR_AUTH_UNAVAILABLE', `the keys of the trusted issuer ${provider.issuer} cannot be served (${err.code}): ${err.message}`, {
        reason: 'jwks_unavailable', cause: err,
        hint: 'the provider\'s JWKS endpoint fails or is too slow and the cached keys are older than maxStale; its tokens are refused until it answers again',
      });
    }
    throw err;
  }
  if (!provider.trustRoles) {
    // Another issuer's roles are its own vocabulary: they never grant this application's rights
    // unless the provider is declared to issue them (trustRoles).
    const { roles: _roles, permissions: _permissions, ...rest } = payload;
    return rest as AccessClaims;
  }
  // Roles and permissions reach `require` and `authorize`: the same shapes as this layer's tokens.
  for (const claim of ['roles', 'permissions']) {
    if (notStrings(payload[claim])) {
      throw new JoseError('ERR_JWT_INVALID', `claim ${claim} of a token from ${provider.issuer} is not a list of strings`, { claim, reason: 'type', hint: 'the provider must send roles and permissions as arrays of strings, or leave them out' });
    }
  }
  return payload as AccessClaims;
}

/** Whether verified claims came from a trusted external issuer rather than this layer. */
export function isExternal(claims: { iss?: unknown }, ownIssuer: string): boolean {
  return claims.iss !== ownIssuer;
}
