/**
 * `zip: "DEF"` (RFC 7516 §4.1.3, RFC 7518 §7.3): the plaintext is raw DEFLATE (RFC 1951) before
 * encryption. Decompression is bounded WHILE inflating (CVE-2024-28176: a few kilobytes that
 * inflate to gigabytes): the native `DecompressionStream('deflate-raw')` is read chunk by chunk
 * and cancelled as soon as the output passes the bound; where the runtime has no
 * DecompressionStream (the Vercel Edge Runtime), lib/inflate.ts does the same in JavaScript.
 */
import { joseError, type JoseError } from '../lib/errors.js';
import { InflateError, inflateRaw } from '../lib/inflate.js';
import { OverBoundError, readBounded } from '../lib/read-bounded.js';

// The stream classes are read off globalThis, never named as free identifiers: Next.js refuses to
// build an Edge (middleware) bundle that names CompressionStream or DecompressionStream, even behind
// a runtime check, and the core must bundle into Next's Edge middleware.
const natives = globalThis as unknown as { DecompressionStream?: typeof DecompressionStream; CompressionStream?: typeof CompressionStream };

/** Default bound on the decompressed plaintext: 256 KiB, far above any token's claims. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 262_144;

function refusal(err: InflateError, maxBytes: number): JoseError {
  if (err.kind === 'limit') {
    return joseError('ERR_JWE_INVALID', `the JWE plaintext inflates to more than maxDecompressedBytes (${maxBytes}); decompression was stopped there`, {
      reason: 'decompressed-size', limit: `maxDecompressedBytes=${maxBytes}`,
      hint: 'a compression bomb (CVE-2024-28176), or a sender putting far more in a token than it should; raise maxDecompressedBytes only if you really exchange plaintexts this large',
    });
  }
  return joseError('ERR_JWE_INVALID', `the JWE has zip "DEF" but its decrypted content is not valid raw DEFLATE (${err.message})`, {
    reason: 'zip', hint: 'RFC 7518 §7.3: the sender must compress with raw DEFLATE (RFC 1951, no zlib or gzip wrapper) before encrypting',
  });
}

/** The bound is checked per chunk (lib/read-bounded.ts), and the rest is never produced. */
async function inflateNative(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new natives.DecompressionStream!('deflate-raw');
  const writer = stream.writable.getWriter();
  // Errors surface on the reader; these promises only must not be left unhandled.
  writer.write(new Uint8Array(data)).catch(() => undefined); // a copy on an ArrayBuffer (BufferSource)
  writer.close().catch(() => undefined);
  try {
    return await readBounded(stream.readable, maxBytes);
  } catch (err) {
    throw err instanceof OverBoundError ? new InflateError('limit', 'over the bound') : new InflateError('malformed', 'the decoder refused it');
  }
}

/** Which inflater runs: the native stream where the runtime has one, else lib/inflate.ts. */
export type Inflater = 'native' | 'javascript';

export function availableInflater(): Inflater {
  return typeof natives.DecompressionStream === 'function' ? 'native' : 'javascript';
}

/** Inflate a `zip: "DEF"` plaintext, refusing past `maxBytes` (ERR_JWE_INVALID, reason decompressed-size). */
export async function inflatePlaintext(data: Uint8Array, maxBytes: number, inflater: Inflater = availableInflater()): Promise<Uint8Array> {
  try {
    return inflater === 'native' ? await inflateNative(data, maxBytes) : inflateRaw(data, maxBytes);
  } catch (err) {
    if (err instanceof InflateError) throw refusal(err, maxBytes);
    throw err;
  }
}

/** Whether this runtime can compress (encryptJwe's `zip` option needs CompressionStream). */
export function canDeflate(): boolean {
  return typeof natives.CompressionStream === 'function';
}

/** Raw DEFLATE of `data` with the runtime's CompressionStream. */
export async function deflatePlaintext(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(data)]).stream().pipeThrough(new natives.CompressionStream!('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
