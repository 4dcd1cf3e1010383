/**
 * A minimal DER (ITU-T X.690 §10) reader and writer: just what SPKI (RFC 5280 §4.1.2.7), PKCS#8
 * (RFC 5208/5958), PKCS#1 (RFC 8017 A.1) and SEC1 (RFC 5915) keys and X.509 certificates need.
 *
 * The reader is strict (definite, minimal lengths; single-byte tags; no trailing bytes) and never
 * recurses on its own, so nesting depth is bounded by the fixed structures its callers walk.
 * Errors are `ERR_JWK_INVALID` naming what was expected and the byte offset, never content.
 */
import { joseError } from './errors.js';

export const TAG = {
  INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30,
} as const;

/** Context-specific constructed tag `[n]` (0xa0 + n). */
export const contextTag = (n: number): number => 0xa0 + n;

function derError(message: string): never {
  throw joseError('ERR_JWK_INVALID', `the key's DER structure is invalid: ${message}`, {
    hint: 'the PEM was truncated or is not a key; export it again, e.g. with `openssl pkey -in key.pem -out fixed.pem`',
  });
}

/** Reads consecutive TLVs from `bytes[start, end)`. */
export class DerReader {
  private pos: number;

  constructor(private readonly bytes: Uint8Array, start = 0, private readonly end = bytes.length) {
    this.pos = start;
  }

  /** Whether all bytes were read. */
  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The tag of the next TLV, or undefined at the end. */
  peekTag(): number | undefined {
    return this.done ? undefined : this.bytes[this.pos];
  }

  /** Read one TLV with the expected tag; returns its value. */
  read(tag: number, what: string): Uint8Array {
    const at = this.pos;
    if (this.done) derError(`expected ${what} at byte ${at}, found the end`);
    const found = this.bytes[this.pos]!;
    if (found !== tag) derError(`expected ${what} at byte ${at}, found tag 0x${found.toString(16)}`);
    if ((found & 0x1f) === 0x1f) derError(`multi-byte tags are not supported (byte ${at})`);
    let len = this.bytes[this.pos + 1];
    let p = this.pos + 2;
    if (len === undefined) derError(`truncated length at byte ${at}`);
    if (len & 0x80) {
      const n = len & 0x7f;
      // 0x80 is BER's indefinite length (not DER); more than 4 length bytes is beyond any key.
      if (n === 0 || n > 4 || p + n > this.end) derError(`unsupported length encoding at byte ${at}`);
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + this.bytes[p + i]!;
      if (this.bytes[p] === 0 || len < 0x80) derError(`non-minimal length at byte ${at}`);
      p += n;
    }
    if (p + len > this.end) derError(`${what} at byte ${at} runs past the end of its container`);
    this.pos = p + len;
    return this.bytes.subarray(p, p + len);
  }

  /** Read a constructed TLV and return a reader over its contents. */
  sequence(what: string, tag: number = TAG.SEQUENCE): DerReader {
    const value = this.read(tag, what);
    return new DerReader(value);
  }

  /** A non-negative INTEGER's magnitude, leading zero octets removed. */
  unsignedInteger(what: string): Uint8Array {
    const v = this.read(TAG.INTEGER, what);
    if (v.length === 0) derError(`empty INTEGER (${what})`);
    if (v[0]! & 0x80) derError(`${what} is negative`);
    if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80)) derError(`non-minimal INTEGER (${what})`);
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    return v.subarray(i);
  }

  /** A small INTEGER (a version number). */
  smallInteger(what: string): number {
    const v = this.unsignedInteger(what);
    if (v.length > 2) derError(`${what} is out of range`);
    return v.reduce((n, b) => n * 256 + b, 0);
  }

  /** An OBJECT IDENTIFIER in dotted form. */
  oid(what: string): string {
    const v = this.read(TAG.OID, what);
    if (v.length === 0 || v.length > 32) derError(`bad OBJECT IDENTIFIER length (${what})`);
    const parts: number[] = [];
    let n = 0;
    for (let i = 0; i < v.length; i++) {
      if (n === 0 && v[i] === 0x80) derError(`non-minimal OBJECT IDENTIFIER (${what})`);
      n = n * 128 + (v[i]! & 0x7f);
      if (!(v[i]! & 0x80)) { parts.push(n); n = 0; } else if (i === v.length - 1) derError(`truncated OBJECT IDENTIFIER (${what})`);
    }
    const first = parts[0]!;
    const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
    return [...head, ...parts.slice(1)].join('.');
  }

  /** A BIT STRING with no unused bits (keys are whole octets). */
  bitString(what: string): Uint8Array {
    const v = this.read(TAG.BIT_STRING, what);
    if (v.length === 0 || v[0] !== 0) derError(`${what} has unused bits`);
    return v.subarray(1);
  }

  octetString(what: string): Uint8Array {
    return this.read(TAG.OCTET_STRING, what);
  }

  /** Skip one TLV of any tag. */
  skip(what: string): void {
    const tag = this.peekTag();
    if (tag === undefined) derError(`expected ${what}, found the end`);
    this.read(tag, what);
  }

  /** Assert nothing is left (DER has no trailing data). */
  finish(what: string): void {
    if (!this.done) derError(`unexpected data after ${what}`);
  }
}

/** Encode one TLV. */
export function derEncode(tag: number, value: Uint8Array): Uint8Array {
  const len = value.length;
  const lenBytes: number[] = [];
  if (len < 0x80) lenBytes.push(len);
  else {
    const digits: number[] = [];
    for (let n = len; n > 0; n = Math.floor(n / 256)) digits.unshift(n & 0xff);
    lenBytes.push(0x80 | digits.length, ...digits);
  }
  const out = new Uint8Array(1 + lenBytes.length + len);
  out[0] = tag;
  out.set(lenBytes, 1);
  out.set(value, 1 + lenBytes.length);
  return out;
}

/** Encode a SEQUENCE (or another constructed tag) of already-encoded TLVs. */
export function derSequence(parts: readonly Uint8Array[], tag: number = TAG.SEQUENCE): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const body = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { body.set(p, o); o += p.length; }
  return derEncode(tag, body);
}

/** Encode a non-negative INTEGER from its big-endian magnitude. */
export function derUnsignedInteger(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  const body = m.length === 0 ? new Uint8Array([0]) : m[0]! & 0x80 ? new Uint8Array([0, ...m]) : m;
  return derEncode(TAG.INTEGER, body);
}

/** Encode an OBJECT IDENTIFIER from dotted form. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const bytes: number[] = [];
  const values = [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)];
  for (const v of values) {
    const group: number[] = [v & 0x7f];
    for (let n = Math.floor(v / 128); n > 0; n = Math.floor(n / 128)) group.unshift(0x80 | (n & 0x7f));
    bytes.push(...group);
  }
  return derEncode(TAG.OID, new Uint8Array(bytes));
}

/** Encode a BIT STRING with no unused bits. */
export function derBitString(bytes: Uint8Array): Uint8Array {
  const body = new Uint8Array(bytes.length + 1);
  body.set(bytes, 1);
  return derEncode(TAG.BIT_STRING, body);
}
