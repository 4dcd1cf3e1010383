/**
 * Reading HTTP/1.1 responses off a keep-alive socket, just enough for the load driver: the status
 * code, whether the server will close the connection, and the body (framed by Content-Length or
 * chunked transfer coding, RFC 9112 §6 and §7.1). The body is kept as a latin1 string: the driver
 * only looks for the `error` code of the core's JSON refusals in it, which is ASCII.
 */

/** Largest response the driver accepts; a bigger one is a protocol error (the apps answer < 4 KiB). */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/** A response the driver cannot frame. */
export class ResponseFormatError extends Error {
  constructor(message) {
    super(`load driver: ${message}`);
    this.name = 'ResponseFormatError';
  }
}

/** Where the chunked body starting at `from` ends, and its bytes; null when incomplete. */
function chunkedBody(buf, from) {
  const parts = [];
  let at = from;
  for (;;) {
    const lineEnd = buf.indexOf(CRLF, at);
    if (lineEnd < 0) return null;
    const size = Number.parseInt(buf.latin1Slice(at, lineEnd).split(';')[0], 16);
    if (!Number.isInteger(size) || size < 0) throw new ResponseFormatError('a chunk size is not hexadecimal');
    if (size === 0) {
      // Trailer fields (none expected) end with an empty line (RFC 9112 §7.1.2).
      const end = buf.indexOf(CRLF, lineEnd + 2);
      if (end < 0) return null;
      if (end !== lineEnd + 2) {
        const trailersEnd = buf.indexOf(HEAD_END, lineEnd);
        return trailersEnd < 0 ? null : { end: trailersEnd + 4, body: parts.join('') };
      }
      return { end: end + 2, body: parts.join('') };
    }
    if (buf.length < lineEnd + 2 + size + 2) return null;
    parts.push(buf.latin1Slice(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/**
 * The first complete response in `buf`: `{ status, close, body, end }` (`end` the offset after it),
 * or null when more bytes are needed. 1xx interim responses are returned like any other (the caller
 * skips them). `ended` says the server closed the connection, which completes a body that has
 * neither length nor chunking.
 */
export function parseResponse(buf, ended = false) {
  if (buf.length > MAX_RESPONSE_BYTES) throw new ResponseFormatError(`a response is larger than ${MAX_RESPONSE_BYTES} bytes`);
  const headEnd = buf.indexOf(HEAD_END);
  if (headEnd < 0) return null;
  const head = buf.latin1Slice(0, headEnd).toLowerCase();
  const match = /^http\/1\.[01] (\d{3})/.exec(head);
  if (match === null) throw new ResponseFormatError(`a response does not start with a status line: ${JSON.stringify(head.slice(0, 40))}`);
  const status = Number(match[1]);
  const close = /\r\nconnection: *close/.test(head) || head.startsWith('http/1.0');
  const bodyStart = headEnd + 4;
  if (status < 200 || status === 204 || status === 304) return { status, close, body: '', end: bodyStart };
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length !== null) {
    const end = bodyStart + Number(length[1]);
    return buf.length < end ? null : { status, close, body: buf.latin1Slice(bodyStart, end), end };
  }
  if (/\r\ntransfer-encoding: *[^\r]*chunked/.test(head)) {
    const chunked = chunkedBody(buf, bodyStart);
    return chunked === null ? null : { status, close, body: chunked.body, end: chunked.end };
  }
  // Neither: the body runs to the end of the connection (RFC 9112 §6.3, last rule).
  return ended ? { status, close: true, body: buf.latin1Slice(bodyStart), end: buf.length } : null;
}

const ERROR_CODE = /"error"\s*:\s*"([A-Za-z0-9_]{1,64})"/;

/** The `error` code of a Tessera refusal body (`{"error":"ERR_…",…}`), or undefined. */
export function errorCode(body) {
  return ERROR_CODE.exec(body)?.[1];
}
