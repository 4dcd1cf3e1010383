/**
 * Building attack tokens by hand: base64url, JSON segments, HMACs and AES-CBC over Web Crypto.
 * Only Web standards (TextEncoder, atob/btoa, crypto.subtle), so the checks run on the Edge too.
 */

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** base64url without padding (RFC 7515 §2). */
export function b64u(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decode base64url (no validation: the input is our own or a token the implementation made). */
export function unb64u(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A JSON value as a base64url segment. */
export function segment(value: unknown): string {
  return b64u(JSON.stringify(value));
}

/** The decoded JSON of a token's first segment. */
export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(unb64u(token.split('.')[0]!))) as Record<string, unknown>;
}

/** `token` with segment `i` replaced. */
export function withSegment(token: string, i: number, value: string): string {
  const parts = token.split('.');
  parts[i] = value;
  return parts.join('.');
}

/** A copy of `bytes` with byte `i` (negative: from the end) XORed with `mask`. */
export function flipByte(bytes: Uint8Array, i: number, mask = 0x01): Uint8Array {
  const out = new Uint8Array(bytes);
  const at = i < 0 ? out.length + i : i;
  out[at] = out[at]! ^ mask;
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

const HASH: Record<string, string> = { 256: 'SHA-256', 384: 'SHA-384', 512: 'SHA-512' };

/** HMAC-SHA-`bits` of `data` under `key`, computed outside the implementation under test. */
export async function hmac(bits: 256 | 384 | 512, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: HASH[bits]! }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, data as BufferSource));
}

/**
 * A compact JWS whose HS* MAC is computed here with `secret`: what an attacker does when they
 * believe the verifier will use some public material as an HMAC secret.
 */
export async function forgeHmacToken(header: Record<string, unknown>, payload: unknown, secret: Uint8Array): Promise<string> {
  const bits = Number(String(header.alg).slice(2)) as 256 | 384 | 512;
  const input = `${segment(header)}.${segment(payload)}`;
  return `${input}.${b64u(await hmac(bits, secret, utf8(input)))}`;
}

/** AES-CBC encryption without the final padding block: ciphertext whose padding is invalid. */
export async function aesCbcNoPadding(key: Uint8Array, iv: Uint8Array, blocks: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', key as BufferSource, 'AES-CBC', false, ['encrypt']);
  // Web Crypto always pads (PKCS#7); a whole-block plaintext gets one full padding block, dropped here.
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: iv as BufferSource }, k, blocks as BufferSource));
  return ct.subarray(0, blocks.length);
}

/** AES-CBC encryption with PKCS#7 padding. */
export async function aesCbc(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', key as BufferSource, 'AES-CBC', false, ['encrypt']);
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: iv as BufferSource }, k, plaintext as BufferSource));
}

/** RFC 7518 §5.2.2.1: the 64-bit big-endian bit length of the AAD. */
export function al(aad: Uint8Array): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setUint32(4, aad.length * 8);
  return out;
}

/**
 * A compact `dir` JWE with A128CBC-HS256 built here from a known 32-byte CEK and the given
 * ciphertext, with a correct tag (RFC 7518 §5.2.2.1): the tag check passes, so whatever the
 * implementation refuses next (padding, zip) is what the check observes.
 */
export async function cbcHmacJwe(cek: Uint8Array, header: Record<string, unknown>, iv: Uint8Array, ciphertext: Uint8Array): Promise<string> {
  const protectedHeader = segment(header);
  const aad = utf8(protectedHeader);
  const tag = (await hmac(256, cek.subarray(0, 16), concatBytes(aad, iv, ciphertext, al(aad)))).subarray(0, 16);
  return `${protectedHeader}..${b64u(iv)}.${b64u(ciphertext)}.${b64u(tag)}`;
}

/** The SPKI PEM of an RSA public JWK, exported through Web Crypto. */
export async function rsaPublicPem(jwk: Record<string, unknown>, hash = 'SHA-256'): Promise<string> {
  const { n, e, kty } = jwk;
  const k = await crypto.subtle.importKey('jwk', { kty: kty as string, n: n as string, e: e as string }, { name: 'RSASSA-PKCS1-v1_5', hash }, true, ['verify']);
  const der = new Uint8Array(await crypto.subtle.exportKey('spki', k));
  let bin = '';
  for (const b of der) bin += String.fromCharCode(b);
  const body = btoa(bin).replace(/.{64}/g, '$&\n');
  return `-----BEGIN PUBLIC KEY-----\n${body}${body.endsWith('\n') ? '' : '\n'}-----END PUBLIC KEY-----\n`;
}

/** Like {@link forgeHmacToken}, with the header and payload given as raw JSON text (for values JSON.stringify cannot write, e.g. `1e400`). */
export async function forgeHmacRaw(headerJson: string, payloadJson: string, secret: Uint8Array, bits: 256 | 384 | 512 = 256): Promise<string> {
  const input = `${b64u(headerJson)}.${b64u(payloadJson)}`;
  return `${input}.${b64u(await hmac(bits, secret, utf8(input)))}`;
}
