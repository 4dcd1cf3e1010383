/**
 * Tokens of an exact size, built with a known HMAC secret so their contents can be anything, and
 * a small assertion for "refused with this code, naming this limit".
 */
import { expect } from 'vitest';
import { importSecret, JoseError } from '../../src/index.js';
import type { Key } from '../../src/index.js';
import { b64u, forgeHmacRaw } from '../../../test-vectors/src/security/encoding.js';
import { NOW } from '../../../test-vectors/src/security/attempt.js';

export { NOW };
export const NOW_DATE = new Date(NOW * 1000);

export const SECRET = new Uint8Array(32).fill(0x5a);
export const KEY: Key = importSecret(SECRET, { alg: 'HS256' });
export const OPTIONS = { algorithms: ['HS256'], currentDate: NOW_DATE } as const;

const HEADER = '{"alg":"HS256","typ":"JWT"}';

/** Length of the base64url encoding of `n` bytes (no padding). */
function encodedLength(n: number): number {
  return Math.floor((4 * n + 2) / 3);
}

/** An HS256 token of exactly `length` characters with valid claims, the rest filled by a `pad` claim. */
export async function tokenOfLength(length: number): Promise<string> {
  for (let extra = 0; extra < 4; extra++) {
    const header = extra === 0 ? HEADER : `{"alg":"HS256","typ":"JWT","x":"${'h'.repeat(extra)}"}`;
    const rest = length - b64u(header).length - 2 - 43; // two dots, 43 chars of HS256 signature
    const base = `{"sub":"u","exp":${NOW + 600},"pad":""}`;
    for (let pad = Math.max(0, Math.floor((rest * 3) / 4) - base.length - 2); pad <= Math.floor((rest * 3) / 4); pad++) {
      if (encodedLength(base.length + pad) === rest) {
        const token = await forgeHmacRaw(header, `{"sub":"u","exp":${NOW + 600},"pad":"${'p'.repeat(pad)}"}`, SECRET);
        expect(token.length).toBe(length);
        return token;
      }
    }
  }
  throw new Error(`no token of length ${length}`);
}

/** An HS256 token whose decoded protected header is exactly `bytes` long. */
export async function tokenWithHeaderBytes(bytes: number): Promise<string> {
  const prefix = '{"alg":"HS256","typ":"JWT","x":"';
  const header = `${prefix}${'h'.repeat(bytes - prefix.length - 2)}"}`;
  expect(new TextEncoder().encode(header).length).toBe(bytes);
  return forgeHmacRaw(header, `{"sub":"u","exp":${NOW + 600}}`, SECRET);
}

/** `{"a":{"a":...{}}}` with `depth` levels of objects (the outer one included). */
export function nested(depth: number): string {
  return depth <= 1 ? '{}' : `{"a":${nested(depth - 1)}}`;
}

/** Await a refusal and check its code and the `limit` it names. */
export async function expectLimit(attempt: Promise<unknown> | (() => unknown), code: string, limit: string | RegExp): Promise<JoseError> {
  let error: unknown;
  try {
    await (typeof attempt === 'function' ? attempt() : attempt);
  } catch (e) {
    error = e;
  }
  expect(error, 'refused').toBeInstanceOf(JoseError);
  const e = error as JoseError;
  expect(e.code).toBe(code);
  if (typeof limit === 'string') expect(e.limit ?? e.message).toContain(limit);
  else expect(`${e.limit ?? ''} ${e.message}`).toMatch(limit);
  return e;
}
