/**
 * Verifying this layer's own access tokens: signature and claims (the core), then the shapes of the
 * claims this layer puts in, then revocation: the fixed order parse → header → allow-list → key →
 * signature → claims → revocation.
 */
import { JoseError } from '../errors.js';
import type { AuthContext } from './context.js';
import { checkRevocation } from './revocation.js';
import type { JwtClaims } from '../types.js';
import type { AccessClaims } from './types.js';
import { issuerOf, verifyTrusted } from './trusted-issuers.js';

function malformed(claim: string): JoseError {
  return new JoseError('ERR_JWT_INVALID', `claim ${claim} has the wrong type for a token of this auth layer`, {
    claim, reason: 'type', hint: 'the token was signed with our key but not by this auth layer; do not share signing keys between issuers',
  });
}

/** Absent, or an array of strings (a plain loop: this runs on every authenticated request). */
function isStringList(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

/**
 * The payload of a verified token as this layer's claims: throws ERR_JWT_INVALID when a claim this
 * layer puts in has the wrong type. Shared by the full check and the Edge's optimistic one.
 */
export function asAccessClaims(p: JwtClaims): AccessClaims {
  if (typeof p.sid !== 'string' || p.sid === '') throw malformed('sid');
  if (typeof p.jti !== 'string' || p.jti === '') throw malformed('jti');
  if (typeof p.sub !== 'string' || p.sub === '') throw malformed('sub');
  if (typeof p.auth_time !== 'number' || !Number.isFinite(p.auth_time)) throw malformed('auth_time');
  if (!isStringList(p['roles'])) throw malformed('roles');
  if (!isStringList(p['permissions'])) throw malformed('permissions');
  return p as AccessClaims;
}

/** Our claims' shapes, then revocation, for a token whose signature and claims verified. */
function afterSignature<User>(ctx: AuthContext<User>, payload: JwtClaims): AccessClaims | Promise<AccessClaims> {
  const claims = asAccessClaims(payload);
  const revocation = checkRevocation(ctx.cfg, claims);
  return revocation === undefined ? claims : revocation.then(() => claims);
}

/**
 * Verifies an access token: signature and claims (core), the shapes of our claims, then
 * revocation. Synchronous while the core and the store are (node:crypto, the memory store): the
 * claims, or a JoseError thrown; otherwise a promise of the claims that rejects instead.
 */
export function verifyAccess<User>(ctx: AuthContext<User>, token: string): AccessClaims | Promise<AccessClaims> {
  // A token naming a trusted external issuer goes to that issuer's keys (trusted-issuers.ts).
  const trusted = ctx.cfg.trusted;
  const provider = trusted === undefined ? undefined : issuerOf(trusted, token);
  if (provider !== undefined) return verifyTrusted(provider, token);
  const verified = ctx.jose.verify(token);
  return verified instanceof Promise ? verified.then((v) => afterSignature(ctx, v.payload)) : afterSignature(ctx, verified.payload);
}
