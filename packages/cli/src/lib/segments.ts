/**
 * Reading the parts of a compact token without the core, for what the core does not decode
 * without a key: a JWE's protected header and the sizes of its encrypted parts, and the inner
 * token of a nested JWT. Bounded like the core (a header over 4096 bytes is not read).
 */
const MAX_HEADER_BYTES = 4096;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The bytes of a base64url segment, or undefined when it is not base64url. */
export function segmentBytes(segment: string): Buffer | undefined {
  if (!BASE64URL.test(segment) || segment.length % 4 === 1) return undefined;
  return Buffer.from(segment, 'base64url');
}

/** A protected header as a JSON object, or a short reason why it cannot be read. */
export function readHeader(segment: string): { header: Record<string, unknown> } | { problem: string } {
  const bytes = segmentBytes(segment);
  if (bytes === undefined) return { problem: 'the header is not base64url' };
  if (bytes.length > MAX_HEADER_BYTES) return { problem: `the header is ${bytes.length} bytes; more than ${MAX_HEADER_BYTES} is not read` };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { problem: 'the header is not UTF-8 JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'the header is not a JSON object' };
  return { header: value as Record<string, unknown> };
}
