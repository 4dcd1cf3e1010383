/**
 * The refresh token's wire format: `<43 base64url characters: 32 random bytes>.<expiry>`, the expiry
 * being the record's `expiresAt` (seconds since the epoch) in base36. The store holds only the
 * SHA-256 of the whole string, so the store contract is unchanged and an edited expiry names no
 * record. The expiry lets a refusal say "expired at ... (3h ago)" when the store, having dropped the
 * record at its expiry, can only say "not found".
 *
 * The expiry is the client's copy, not a proof: a forged token can claim any expiry and is refused
 * all the same, so it is read only to explain a refusal, never to accept anything. Tokens minted
 * before this format (43 characters, no expiry) are still accepted while their records live.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '../lib/backends/runtime.js';
import { encodeBase64url } from '../lib/base64url.js';
import { utf8 } from '../lib/utf8.js';

/** 43 base64url characters, then (current format) a dot and at most 8 base36 digits (36^8 s is past year 90000). */
const SHAPE = /^[A-Za-z0-9_-]{43}(?:\.([0-9a-z]{1,8}))?$/;

/** A refresh token as presented: `expiresAt` is undefined for the earlier format that carries none. */
export interface PresentedRefresh {
  expiresAt: number | undefined;
}

/** base64url(SHA-256(token)): the only form in which a refresh token is stored. */
export function hashRefreshToken(token: string): string {
  return encodeBase64url(sha256(utf8(token)));
}

/** A fresh refresh token carrying `expiresAt` (seconds), and its hash. */
export function mintRefreshToken(expiresAt: number): { token: string; hash: string } {
  const token = `${encodeBase64url(randomBytes(32))}.${Math.max(0, Math.floor(expiresAt)).toString(36)}`;
  return { token, hash: hashRefreshToken(token) };
}

/**
 * What the token says of itself, or undefined when it is not a refresh token of either format.
 * Length-bounded by the pattern (at most 52 characters), so input cannot make this costly.
 */
export function readRefreshToken(token: string): PresentedRefresh | undefined {
  if (token.length > 52) return undefined;
  const m = SHAPE.exec(token);
  if (m === null) return undefined;
  return { expiresAt: m[1] === undefined ? undefined : parseInt(m[1], 36) };
}
