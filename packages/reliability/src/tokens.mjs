/**
 * The tokens of the load mix, obtained from the app the way a client does (apps/README.md, the
 * `bearer` transport): signed in with a demo user's password, revoked by logging out, plus two
 * kinds the app never issues: an expired copy of a token it issued (re-signed with the run's key,
 * `exp` an hour ago) and tampered copies (one signature character changed; a claim changed without
 * re-signing). Each kind has the one answer the app owes it.
 */
import { createPrivateKey, sign } from 'node:crypto';

export const ADA = { username: 'ada', password: 'correct horse battery staple' };
export const GRACE = { username: 'grace', password: 'hopper-1906-cobol' };

async function post(url, path, { token, json } = {}) {
  const headers = { accept: 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(path, url), { method: 'POST', headers, body: json === undefined ? undefined : JSON.stringify(json), signal: AbortSignal.timeout(10_000) });
  const body = await res.json().catch(() => ({}));
  return { status: res.status, body };
}

/** Signs `user` in on the app at `url` (bearer transport): `{ access_token, refresh_token, claims }`. */
export async function signIn(url, user = ADA) {
  const { status, body } = await post(url, '/auth/login', { json: user });
  if (status !== 200 || typeof body.access_token !== 'string') throw new Error(`signing in ${user.username} answered ${status} ${body.error ?? ''}`);
  return body;
}

/** Logs the session of `accessToken` out: from then on the app refuses it with ERR_JWT_REVOKED. */
export async function logout(url, accessToken) {
  const { status, body } = await post(url, '/auth/logout', { token: accessToken });
  if (status !== 200) throw new Error(`logout answered ${status} ${body.error ?? ''}`);
  return body;
}

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

/**
 * `token` (ES256, issued by the app) re-signed with `pem` (the app's key) after moving `iat` and
 * `exp` back by `ageSeconds` (default one hour beyond its lifetime): expired, and nothing else wrong.
 */
export function expiredCopy(token, pem, ageSeconds) {
  const [header] = token.split('.');
  const claims = claimsOf(token);
  const shift = ageSeconds ?? claims.exp - claims.iat + 3600;
  const payload = { ...claims, iat: claims.iat - shift, exp: claims.exp - shift, auth_time: (claims.auth_time ?? claims.iat) - shift };
  const input = `${header}.${b64(payload)}`;
  const signature = sign('sha256', Buffer.from(input), { key: createPrivateKey(pem), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * `token` with one character of its signature changed: one in the middle, which carries six
 * signature bits (the last character of an ES256 signature carries only two, and may decode alike).
 */
export function tamperedSignature(token) {
  const dot = token.lastIndexOf('.');
  const at = dot + 1 + Math.floor((token.length - dot - 1) / 2);
  const swapped = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${swapped}${token.slice(at + 1)}`;
}

/** `token` claiming the `admin` role its user does not have, its signature left as it was. */
export function tamperedClaims(token) {
  const [header, , signature] = token.split('.');
  return `${header}.${b64({ ...claimsOf(token), roles: ['user', 'admin'] })}.${signature}`;
}
