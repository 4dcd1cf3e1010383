/**
 * Result checks, run before anything is timed: a verifier must return the expected claims and
 * refuse the same token with one signature byte changed; a signer's token must verify (with the
 * node:crypto floor) to the claims it was given. An implementation that fails is not measured.
 */
import { sameJson } from './fixtures.mjs';

/** The token with one character in the middle of its signature changed (still canonical base64url). */
export function forge(token) {
  const d2 = token.lastIndexOf('.');
  const i = d2 + 1 + Math.floor((token.length - d2 - 1) / 2);
  const c = token[i] === 'A' ? 'B' : 'A';
  return token.slice(0, i) + c + token.slice(i + 1);
}

async function rejects(fn) {
  try {
    await fn();
    return false;
  } catch {
    return true;
  }
}

/** Throws unless `impl` verifies `token` to `claims` and refuses a forged copy. */
export async function checkVerifier(impl, token, claims) {
  const result = await impl.fn(token);
  const payload = impl.payload ? impl.payload(result) : result;
  if (!sameJson(payload, claims)) throw new Error(`${impl.name}: verify returned ${JSON.stringify(payload)}, expected the signed claims`);
  if (!(await rejects(() => impl.fn(forge(token))))) throw new Error(`${impl.name}: accepted a token with a forged signature`);
}

/** Throws unless `impl` signs `claims` into a token that `verify` (a trusted floor) accepts with the same claims. */
export async function checkSigner(impl, claims, verify) {
  const token = await impl.fn(claims);
  if (typeof token !== 'string') throw new Error(`${impl.name}: sign returned ${typeof token}, expected a compact JWT`);
  let payload;
  try {
    payload = await verify(token);
  } catch (err) {
    throw new Error(`${impl.name}: its token does not verify with the node:crypto floor (${err.message})`);
  }
  if (!sameJson(payload, claims)) throw new Error(`${impl.name}: its token carries ${JSON.stringify(payload)}, expected the given claims`);
}
