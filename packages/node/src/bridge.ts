/**
 * The one bridge between Node's `http` objects and the Web `Request`/`Response` the core speaks,
 * exported as `@tessera/node/bridge` for every Node-based adapter (Koa reuses it unchanged). It
 * describes the Node request to the core's toolkit (which applies the trust-proxy policy) and writes
 * Web responses back. No token, cookie or claim is looked at here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adapterRefusal, toRequestHeadFrom, toWebRequestFrom, type AuthRequest, type RawRequest, type TrustProxy } from '@tessera/jwt-core/server';

/** How a Node request is translated. */
export interface BridgeOptions {
  /** Believe `X-Forwarded-*` (`true`, or a function of the peer's address). Default false: any client can send them. */
  trustProxy?: TrustProxy;
  /** The largest request body the core may read, in bytes (default 64 KiB): larger gets 413. */
  maxBodySize?: number;
  /**
   * The body a body parser already read from `req` (e.g. Koa's `ctx.request.rawBody`). Without it, a
   * consumed body is sent as a stream that refuses (500 `ERR_AUTH_INTERNAL`, naming the body
   * parser) only if a route reads it; routes that need no body work as usual.
   */
  rawBody?: (req: IncomingMessage) => string | Uint8Array | undefined;
}

const DEFAULT_MAX_BODY = 64 * 1024;

/** The body as a stream that reads from `req` only when the core asks, capped at `max` bytes. */
function lazyBody(req: IncomingMessage, options: BridgeOptions): ReadableStream<Uint8Array> | null {
  const max = options.maxBodySize ?? DEFAULT_MAX_BODY;
  const tooLarge = () => adapterRefusal('body_too_large', { message: `the request body is larger than the ${max}-byte limit` });
  const kept = options.rawBody?.(req);
  if (kept !== undefined) {
    const bytes = typeof kept === 'string' ? new TextEncoder().encode(kept) : kept;
    return new ReadableStream({ pull: (c) => (bytes.byteLength > max ? c.error(tooLarge()) : (c.enqueue(bytes), c.close())) });
  }
  // Somebody else read the stream: there is nothing left to give, so say so if it is ever read.
  const consumed = req.readableDidRead || req.readableEnded;
  let chunks: AsyncIterator<Buffer> | undefined;
  let received = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (consumed) throw adapterRefusal('body_consumed');
        if (Number(req.headers['content-length']) > max) throw tooLarge();
        chunks ??= req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        const next = await chunks.next().catch(() => {
          throw adapterRefusal('bad_request', { message: 'the request body could not be read: the client aborted or sent malformed chunks' });
        });
        if (next.done === true) return controller.close();
        received += next.value.byteLength;
        if (received > max) throw tooLarge();
        controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
    },
    // Nothing is read until someone reads: a request the core does not handle reaches the app untouched.
    { highWaterMark: 0 },
  );
}

/** `req` described to the core's toolkit: a class, so a protected request costs one small object, not a set of closures. */
class NodeRaw implements RawRequest {
  readonly method: string;
  readonly target: string;
  readonly encrypted: boolean;
  readonly remoteAddress: string | undefined;

  constructor(private readonly req: IncomingMessage, private readonly options: BridgeOptions) {
    this.method = req.method ?? 'GET';
    this.target = req.url ?? '/';
    this.encrypted = (req.socket as { encrypted?: boolean } | null)?.encrypted === true;
    this.remoteAddress = req.socket?.remoteAddress;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  headerEntries(): Iterable<readonly [string, string | readonly string[]]> {
    return Object.entries(this.req.headers).filter((e): e is [string, string | string[]] => e[1] !== undefined);
  }

  body(): ReadableStream<Uint8Array> | null {
    return lazyBody(this.req, this.options);
  }
}

/**
 * `req` as a Web `Request` (for `auth.handle`): absolute URL, every header, the body as a lazy,
 * size-capped stream. Throws a 400 `ERR_AUTH_REQUEST_INVALID` JoseError when it cannot be formed.
 *
 * @example `const response = await auth.handle(toWebRequest(req, { trustProxy: true }));`
 */
export function toWebRequest(req: IncomingMessage, options: BridgeOptions = {}): Request {
  return toWebRequestFrom(new NodeRaw(req, options), options);
}

/**
 * `req` as a light request head (for `auth.authenticate`/`auth.require`): the same answers as
 * {@link toWebRequest} without copying headers or building a `Request` unless the body is needed.
 *
 * @example `const result = await auth.authenticate(toRequestHead(req));`
 */
export function toRequestHead(req: IncomingMessage, options: BridgeOptions = {}): AuthRequest {
  return toRequestHeadFrom(new NodeRaw(req, options), options);
}

/**
 * Adds `headers` to a `ServerResponse` not yet sent: each `Set-Cookie` appended as its own line (via
 * `getSetCookie()`, never joined into one), any other header replacing the previous value.
 *
 * @example `applyHeaders(res, result.headers); // the cookies of a transparent refresh`
 */
export function applyHeaders(res: ServerResponse, headers: Headers): void {
  for (const [name, value] of headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = headers.getSetCookie();
  if (cookies.length === 0) return;
  const previous = res.getHeader('set-cookie');
  const list = previous === undefined ? [] : Array.isArray(previous) ? previous : [String(previous)];
  res.setHeader('set-cookie', [...list, ...cookies]);
}

/** Resolves on `drain` or `close`, removing both listeners. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => void (res.off('drain', done), res.off('close', done), resolve());
    res.on('drain', done).on('close', done);
  });
}

/**
 * Writes a Web `Response` to `res`: status, headers ({@link applyHeaders}), the body streamed with
 * back-pressure (none for HEAD). Resolves when the response has been handed to Node.
 *
 * @example `await sendWebResponse(res, result.response);`
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  if (response.statusText !== '') res.statusMessage = response.statusText;
  applyHeaders(res, response.headers);
  if (response.body === null || res.req?.method === 'HEAD') {
    await response.body?.cancel();
    return void res.end();
  }
  const reader = response.body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (res.destroyed) return void (await reader.cancel());
      if (!res.write(chunk.value)) await drained(res);
    }
  } finally {
    reader.releaseLock();
  }
  res.end();
}
