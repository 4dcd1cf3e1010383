/**
 * Reads a byte stream to its end, chunk by chunk, and stops as soon as more than `maxBytes` have
 * arrived: the stream is cancelled there and the rest is never produced (a body or an inflated
 * plaintext an attacker sizes must not be buffered whole before it is refused).
 */

/** The bound was passed: nothing past `maxBytes` was kept. */
export class OverBoundError extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

/**
 * The whole stream as one array, or {@link OverBoundError} once it passes `maxBytes`. A stream
 * error is rethrown as it came, after the stream is cancelled.
 */
export async function readBounded(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new OverBoundError(maxBytes);
      chunks.push(value);
    }
  } catch (err) {
    await reader.cancel().catch(() => undefined);
    throw err;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
