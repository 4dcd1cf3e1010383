/**
 * JWT claims (RFC 7519 §4.1), checked only after the signature verified. First their types: a
 * registered claim of the wrong type is an invalid token, never a skipped check (CVE-2026-44459:
 * `exp: "123"`; CVE-2025-30144: an array `iss`). Then their values against the caller's options.
 */
import { joseError } from '../lib/errors.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { quote, quoteList } from '../lib/quote.js';
import { formatDuration, formatInstant } from '../lib/time.js';
import type { JoseHeader } from '../lib/types.js';
import type { JwtClaims } from './types.js';
import { normaliseTyp, type ClaimsConfig } from './options.js';

const NUMERIC_DATES = ['exp', 'nbf', 'iat'] as const;
const STRINGS = ['iss', 'sub', 'jti'] as const;

function invalidClaim(claim: string, message: string): Error {
  return joseError('ERR_JWT_INVALID', message, {
    claim, reason: 'type', hint: `RFC 7519 §4.1: the issuer produced a malformed ${claim} claim`,
  });
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${quote(value, 40)}` : `a ${typeof value}`;
}

/** The registered claims present have their RFC 7519 types. Throws ERR_JWT_INVALID naming the claim. */
export function checkClaimTypes(claims: Readonly<Record<string, unknown>>): void {
  for (const name of NUMERIC_DATES) {
    const value = claims[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw invalidClaim(name, `claim ${name} must be a NumericDate (a finite number of seconds), got ${kind(value)}`);
    }
  }
  for (const name of STRINGS) {
    const value = claims[name];
    if (value !== undefined && typeof value !== 'string') {
      throw invalidClaim(name, `claim ${name} must be a string, got ${kind(value)}`);
    }
  }
  const aud = claims.aud;
  if (aud !== undefined && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((a) => typeof a === 'string'))) {
    throw invalidClaim('aud', `claim aud must be a string or an array of strings, got ${Array.isArray(aud) ? 'an array with a non-string member' : kind(aud)}`);
  }
}

function failed(claim: string, reason: 'check_failed' | 'missing', message: string, hint: string): Error {
  return joseError('ERR_JWT_CLAIM_VALIDATION_FAILED', message, { claim, reason, hint });
}

function missing(claim: string, why: string): Error {
  return failed(claim, 'missing', `token has no ${claim} claim (required by ${why})`, `the issuer must include ${claim}`);
}

/** Built only when a check fails: formatting costs more than the checks on the hot path. */
function toleranceText(tol: number): string {
  return `clock tolerance is ${formatDuration(tol)}`;
}

function checkTimes(claims: JwtClaims, cfg: ClaimsConfig, now: number): void {
  const tol = cfg.clockTolerance;
  const { exp, nbf, iat } = claims;
  // RFC 7519 §4.1.4: the current time MUST be before exp (with a small leeway).
  if (exp !== undefined && now >= exp + tol) {
    throw joseError('ERR_JWT_EXPIRED', `token expired ${formatDuration(now - exp)} ago at ${formatInstant(exp)}; ${toleranceText(tol)}`, {
      claim: 'exp', reason: 'check_failed', hint: 'get a new token (refresh), or check that the server clock is right',
    });
  }
  // RFC 7519 §4.1.5: the current time MUST be on or after nbf.
  if (nbf !== undefined && now < nbf - tol) {
    throw joseError('ERR_JWT_NOT_YET_VALID', `token is not valid until ${formatInstant(nbf)} (in ${formatDuration(nbf - now)}); ${toleranceText(tol)}`, {
      claim: 'nbf', reason: 'check_failed', hint: "the issuer's clock may be ahead of this server's; check both clocks",
    });
  }
  if (iat !== undefined && iat > now + tol) {
    throw failed('iat', 'check_failed', `token was issued in the future, at ${formatInstant(iat)} (${formatDuration(iat - now)} from now); ${toleranceText(tol)}`,
      `the issuer's clock is ahead of this server's (or this one is behind) by about ${formatDuration(iat - now)}: sync both clocks with NTP (chrony, systemd-timesyncd, your cloud's time service); if a small skew remains, raise clockTolerance just above it (at most ${DEFAULT_LIMITS.maxClockTolerance / 3600}h). A token issued far in the future may be forged`);
  }
  if (cfg.maxTokenAge !== undefined) {
    if (iat === undefined) throw missing('iat', 'maxTokenAge');
    const age = now - iat;
    if (age - tol > cfg.maxTokenAge) {
      throw failed('iat', 'check_failed', `token is ${formatDuration(age)} old (issued at ${formatInstant(iat)}); maxTokenAge is ${formatDuration(cfg.maxTokenAge)}; ${toleranceText(tol)}`,
        'get a new token; maxTokenAge bounds how long ago a token may have been issued');
    }
  }
}

function checkValues(claims: JwtClaims, header: Readonly<JoseHeader>, cfg: ClaimsConfig): void {
  if (cfg.issuer !== undefined) {
    if (claims.iss === undefined) throw missing('iss', 'the issuer option');
    if (!cfg.issuer.includes(claims.iss)) {
      throw failed('iss', 'check_failed', `unexpected iss ${quote(claims.iss)}; expected ${quoteList(cfg.issuer)}`,
        'the token comes from another issuer, or the issuer option is misspelled');
    }
  }
  if (cfg.audience !== undefined) {
    const aud = claims.aud;
    // CVE-2025-62610: with an audience configured, a token without aud never passes.
    if (aud === undefined) throw missing('aud', 'the audience option');
    const accepted = cfg.audience;
    // The common single-string aud is checked without building an array for it.
    if (typeof aud === 'string' ? !accepted.includes(aud) : !aud.some((a) => accepted.includes(a))) {
      const auds = typeof aud === 'string' ? [aud] : aud;
      throw failed('aud', 'check_failed', `aud ${auds.length === 0 ? '[] (empty)' : quoteList(auds, 'and')} does not include an accepted audience; expected ${quoteList(cfg.audience)}`,
        `the token was issued for another service: the client must ask the issuer for a token whose aud names this one (${quoteList(cfg.audience)}), e.g. the audience/resource parameter of its token request; if this service really is that audience, add it to the audience option (the same value on every instance)`);
    }
  }
  if (cfg.subject !== undefined) {
    if (claims.sub === undefined) throw missing('sub', 'the subject option');
    if (claims.sub !== cfg.subject) {
      throw failed('sub', 'check_failed', `unexpected sub ${quote(claims.sub)}; expected ${quote(cfg.subject)}`, 'the token was issued for another subject');
    }
  }
  if (cfg.typ !== undefined) {
    const typ = header.typ;
    if (typ === undefined) {
      throw failed('typ', 'missing', `token header has no typ; expected ${quote(cfg.typDisplay)}`, 'the issuer must set the typ header (RFC 8725 §3.11)');
    }
    if (normaliseTyp(typ) !== cfg.typ) {
      throw failed('typ', 'check_failed', `unexpected typ ${quote(typ)}; expected ${quote(cfg.typDisplay)}`,
        'RFC 8725 §3.11: a token of another type (e.g. an ID token, a logout token) must not be accepted here');
    }
  }
  for (const name of cfg.requiredClaims) {
    if (claims[name] === undefined) throw missing(name, 'requiredClaims');
  }
}

/**
 * Check `claims` (already type-checked) and the header's `typ` against the options at time
 * `now` (seconds). Throws ERR_JWT_EXPIRED, ERR_JWT_NOT_YET_VALID or ERR_JWT_CLAIM_VALIDATION_FAILED
 * with `.claim` and `.reason`.
 */
export function validateClaims(claims: JwtClaims, header: Readonly<JoseHeader>, cfg: ClaimsConfig, now: number): void {
  checkTimes(claims, cfg, now);
  checkValues(claims, header, cfg);
}
