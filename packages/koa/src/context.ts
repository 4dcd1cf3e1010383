/**
 * One Koa request as the node bridge and the core's toolkit see it, and the core's answers written
 * back to Koa. Translation only: every decision is `adapterStep`'s.
 */
import type { IncomingMessage } from 'node:http';
import type { ParameterizedContext } from 'koa';
import type { AdapterStepOptions } from '@tessera/jwt-core/server';
import { applyHeaders, type BridgeOptions } from '@tessera/node/bridge';

/** A Koa context, whatever the application's state and context types. */
export type AnyContext = ParameterizedContext<any, any, any>;

/** Options every middleware of this package takes. */
export interface KoaAuthOptions {
  /**
   * Receives internal errors (a store that throws, ...) before the 503. Default: Koa's own error
   * channel, `ctx.app.emit('error', error, ctx)`, so `app.on('error')` sees them as it sees the app's.
   */
  onError?: (error: unknown, ctx: AnyContext) => void;
  /** The largest request body the core may read, in bytes (default 64 KiB): larger gets 413. */
  maxBodySize?: number;
  /**
   * The body a body parser already consumed. Default: `ctx.request.rawBody`, which `@koa/bodyparser`
   * (and koa-bodyparser) keep. Without it, only an endpoint that reads a consumed body refuses (500).
   */
  rawBody?: (ctx: AnyContext) => string | Uint8Array | undefined;
}

const keptBody = (ctx: AnyContext): string | Uint8Array | undefined => {
  const raw = (ctx.request as { rawBody?: unknown }).rawBody;
  return typeof raw === 'string' || raw instanceof Uint8Array ? raw : undefined;
};

/**
 * Both the bridge's and the toolkit's options for one request, in one small object: trust-proxy is
 * Koa's own `app.proxy` (read per request, so it can never disagree with `ctx.protocol`/`ctx.ip`).
 */
export class KoaRequest implements BridgeOptions, AdapterStepOptions {
  readonly trustProxy: boolean;
  readonly maxBodySize: number | undefined;
  readonly onError: (error: unknown) => void;

  constructor(readonly ctx: AnyContext, private readonly options: KoaAuthOptions, readonly passthrough = false, readonly endpoint = false) {
    this.trustProxy = ctx.app.proxy === true;
    this.maxBodySize = options.maxBodySize;
    this.onError = (error) => (options.onError ? options.onError(error, ctx) : ctx.app.emit('error', error, ctx));
  }

  rawBody(): string | Uint8Array | undefined {
    return (this.options.rawBody ?? keptBody)(this.ctx);
  }

  get req(): IncomingMessage {
    return this.ctx.req;
  }
}

/**
 * Answers with a Web `Response`: status, headers (each `Set-Cookie` its own line: Koa's own copy of
 * a `Response` body's headers joins them into one, which browsers misread) and the body as a stream.
 */
export function respond(ctx: AnyContext, response: Response): void {
  ctx.status = response.status;
  applyHeaders(ctx.res, response.headers);
  // `null` would make Koa turn the status into 204; an empty string keeps it.
  ctx.body = response.body ?? '';
}

/**
 * Keeps the auth headers (the cookies of a transparent refresh) on an error thrown downstream: Koa's
 * default error handler removes every header before answering, and a client that never receives its
 * rotated refresh token is signed out once the reuse grace is over. The error is rethrown unchanged
 * otherwise; `err.headers` is the header channel Koa's error handler reads (http-errors' convention).
 */
export function keepHeadersOnError(error: unknown, headers: Headers): void {
  if (typeof error !== 'object' || error === null || ![...headers.keys()].length) return;
  const target = error as { headers?: Record<string, unknown> };
  const own = target.headers && typeof target.headers === 'object' ? target.headers : {};
  const merged: Record<string, unknown> = { ...own };
  for (const [name, value] of headers) if (name !== 'set-cookie') merged[name] = value;
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) {
    const previous = Object.entries(own).filter(([name]) => name.toLowerCase() === 'set-cookie').flatMap(([, v]) => (Array.isArray(v) ? v : [String(v)]));
    for (const name of Object.keys(merged)) if (name.toLowerCase() === 'set-cookie') delete merged[name];
    merged['set-cookie'] = [...previous, ...cookies];
  }
  try {
    target.headers = merged;
  } catch {
    // A frozen error: nothing can be carried; Koa still answers it.
  }
}
