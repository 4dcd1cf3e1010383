/**
 * The one bridge between Node's `http` objects and the Web `Request`/`Response` the core speaks.
 * Every Node-based adapter (this package, Koa) translates through it, so they cannot drift apart.
 * It translates only: no token, cookie or claim is looked at here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JoseError } from '@tessera/jwt-core';

/** How a Node request becomes a Web `Request`. */
export interface BridgeOptions {
  /**
   * Believe `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-For`. Off by default, because
   * any client can send them; turn it on only behind a proxy that sets them (e.g. one terminating TLS,
   * so the core sees `https:` and issues `Secure` cookies). `true` trusts every peer; a function
   * decides from the connecting peer's address, e.g. `(ip) => ip === '10.0.0.2'`.
   */
  trustProxy?: boolean | ((remoteAddress: string | undefined) => boolean);
  /** The largest request body the core may read, in bytes. Default 64 KiB: auth requests are small. */
  maxBodySize?: number;
}

/**
 * A request that cannot be translated: the client's fault, answered with `status`. It is the core's
 * `ERR_AUTH_REQUEST_INVALID` (reason `too_large` for 413), so when the core reads an oversized body
 * it answers 413 itself, in the same vocabulary as its own request errors.
 */
export class BridgeError extends JoseError {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super('ERR_AUTH_REQUEST_INVALID', message, {
      reason: status === 413 ? 'too_large' : 'malformed',
      hint: status === 413 ? 'send a smaller body' : 'send a well-formed HTTP request',
    });
  }
}

const DEFAULT_MAX_BODY = 64 * 1024;
const FORWARDED = ['forwarded', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-for'];
// A host name, IPv4 or bracketed IPv6 literal, and an optional port (RFC 9110 §7.2).
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(?::\d{1,5})?$/;

function first(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  const head = raw?.split(',')[0]?.trim();
  return head === '' ? undefined : head;
}

export function isTrusted(req: IncomingMessage, trust: BridgeOptions['trustProxy']): boolean {
  return typeof trust === 'function' ? trust(req.socket?.remoteAddress) : trust === true;
}

/** Scheme and host the client asked for, from the connection and Host (or trusted forwarding); validated. */
export function requestAuthority(req: IncomingMessage, trusted: boolean): { proto: string; host: string } {
  const encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
  const forwardedProto = trusted ? first(req.headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : encrypted ? 'https' : 'http';
  const authority = req.headers.host ?? (req.headers[':authority'] as string | undefined); // HTTP/2 compat
  const host = (trusted ? first(req.headers['x-forwarded-host']) : undefined) ?? authority ?? 'localhost';
  if (!HOST.test(host)) throw new BridgeError(400, 'the Host header is not a valid host[:port]');
  return { proto, host };
}

/** The absolute URL the client asked for, on the authority from {@link requestAuthority}. */
export function requestUrl(req: IncomingMessage, authority: { proto: string; host: string }): URL {
  // Origin-form targets start with '/'; absolute-form ones keep only their path, so a request line
  // can never change the scheme or host the core sees. '//x' stays a path, not a host.
  let target = req.url ?? '/';
  if (!target.startsWith('/')) {
    try {
      const parsed = new URL(target);
      target = parsed.pathname + parsed.search;
    } catch {
      target = '/';
    }
  }
  try {
    return new URL(`${authority.proto}://${authority.host}${target}`);
  } catch {
    throw new BridgeError(400, 'the request target is not a valid URL path');
  }
}

/**
 * The value a forwarding header has for the core: without trust, the client's forwarding headers
 * are hidden and `X-Forwarded-For` is the connecting peer. Undefined for other headers (no override).
 */
export function forwardedOverride(req: IncomingMessage, name: string, trusted: boolean): { value: string | undefined } | undefined {
  if (trusted || !FORWARDED.includes(name)) return undefined;
  return { value: name === 'x-forwarded-for' ? req.socket?.remoteAddress : undefined };
}

/** The body as a stream that reads from `req` only when the core asks, capped at `max` bytes. */
function lazyBody(req: IncomingMessage, max: number): ReadableStream<Uint8Array> {
  const tooLarge = () => new BridgeError(413, `the request body is larger than the ${max}-byte limit`);
  let chunks: AsyncIterator<Buffer> | undefined;
  let received = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (Number(req.headers['content-length']) > max) throw tooLarge();
        chunks ??= req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch {
          throw new BridgeError(400, 'the request body could not be read: the client aborted or sent malformed chunks');
        }
        if (next.done === true) return controller.close();
        received += next.value.byteLength;
        if (received > max) throw tooLarge();
        controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
    },
    // highWaterMark 0: nothing is read until someone reads, so a request the core does not handle
    // reaches the fallback handler with its body untouched.
    { highWaterMark: 0 },
  );
}

/**
 * Translates a Node `IncomingMessage` into a Web `Request`: method, absolute URL, every header
 * (repeated ones joined as Node joins them), and the body as a lazily read, size-capped stream.
 * Without `trustProxy`, forwarding headers are removed so nothing downstream can be misled by them,
 * and `X-Forwarded-For` is set to the connecting peer's address.
 *
 * @example
 * ```ts
 * http.createServer(async (req, res) => {
 *   const request = toWebRequest(req, { trustProxy: true });
 *   await sendWebResponse(res, new Response(`you asked for ${new URL(request.url).pathname}`));
 * });
 * ```
 * @throws {BridgeError} 400 when the Host, target, a header or the method cannot form a valid request.
 */
export function toWebRequest(req: IncomingMessage, options: BridgeOptions = {}): Request {
  const trusted = isTrusted(req, options.trustProxy);
  const url = requestUrl(req, requestAuthority(req, trusted));
  const headers = new Headers();
  try {
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name.startsWith(':')) continue; // HTTP/2 pseudo-headers
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else headers.set(name, value);
    }
  } catch {
    throw new BridgeError(400, 'a request header cannot be represented in Web Headers');
  }
  for (const name of FORWARDED) {
    const override = forwardedOverride(req, name, trusted);
    if (override === undefined) continue;
    if (override.value === undefined) headers.delete(name);
    else headers.set(name, override.value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init = {
    method,
    headers,
    ...(hasBody ? { body: lazyBody(req, options.maxBodySize ?? DEFAULT_MAX_BODY), duplex: 'half' } : {}),
  };
  try {
    return new Request(url, init as RequestInit);
  } catch {
    throw new BridgeError(400, `a ${method} request cannot be represented as a Web Request`);
  }
}

/**
 * Adds the headers of a Web `Headers` to a `ServerResponse` that has not been sent yet: each
 * `Set-Cookie` is appended to those already set (via `getSetCookie()`, so cookies are never merged
 * into one line), any other header replaces the previous value.
 *
 * @example
 * ```ts
 * const result = await auth.authenticate(toWebRequest(req));
 * if (result.ok) applyHeaders(res, result.headers); // e.g. the cookies of a transparent refresh
 * ```
 */
export function applyHeaders(res: ServerResponse, headers: Headers): void {
  for (const [name, value] of headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = headers.getSetCookie();
  if (cookies.length === 0) return;
  const previous = res.getHeader('set-cookie');
  const list = previous === undefined ? [] : Array.isArray(previous) ? previous : [String(previous)];
  res.setHeader('set-cookie', [...list, ...cookies]);
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes a Web `Response` to a Node `ServerResponse`: status, headers (every `Set-Cookie` on its own
 * line), and the body streamed with back-pressure. Resolves when the response has been handed to Node.
 *
 * @example
 * ```ts
 * const response = await auth.handle(toWebRequest(req));
 * if (response) await sendWebResponse(res, response);
 * ```
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText !== '') res.statusMessage = response.statusText;
  applyHeaders(res, response.headers);
  if (response.body === null || res.req?.method === 'HEAD') {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      if (res.destroyed) return void (await reader.cancel());
      if (!res.write(chunk.value)) await drained(res);
    }
  } finally {
    reader.releaseLock();
  }
  res.end();
}
