/** UTF-8 helpers over the Web-standard TextEncoder/TextDecoder. */
const encoder = new TextEncoder();
// fatal: invalid UTF-8 is an error, not silently replaced with U+FFFD.
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decode UTF-8 strictly; throws a TypeError on invalid sequences (callers map it to a JoseError). */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

// Node's Buffer, when the runtime has one, encodes a short ASCII string several times faster than
// TextEncoder. Found at run time so the core never imports a Node built-in.
const NodeBuffer = (globalThis as { Buffer?: { from(s: string, enc: 'latin1'): Uint8Array } }).Buffer;

/**
 * Bytes of a string the caller knows is ASCII, such as a JWS Signing Input (base64url and `.`,
 * already validated). For ASCII, latin1 and UTF-8 give the same bytes.
 */
export function asciiBytes(s: string): Uint8Array {
  return NodeBuffer !== undefined ? NodeBuffer.from(s, 'latin1') : encoder.encode(s);
}
