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
