/**
 * One HTTP request as the doctor needs it: a new connection each time (so a load balancer picks an
 * instance per request), any header size, a timeout, and the failure kept as data (a dropped
 * connection is an answer when probing header limits). node:http/https, no fetch: fetch pools
 * connections and forbids some headers.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ProbeResult {
  status?: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The network error code (ECONNRESET, ECONNREFUSED, ETIMEDOUT...) when there was no response. */
  error?: string;
  /** Local time when the request was sent and when the response head arrived (ms). */
  sentAt: number;
  receivedAt: number;
}

/** Largest body kept, in bytes: JWKS documents are small. */
const MAX_BODY = 262_144;

/**
 * Send one request and never throw.
 *
 * @example
 * ```ts
 * const r = await probe(new URL('/.well-known/jwks.json', origin), { method: 'GET' });
 * ```
 */
export function probe(url: URL, options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number; ca?: string } = {}): Promise<ProbeResult> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const sentAt = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: Omit<ProbeResult, 'sentAt'>) => { if (!done) { done = true; resolve({ ...r, sentAt }); } };
    const req = send(url, { method: options.method ?? 'GET', headers: { 'user-agent': 'tessera-doctor', ...options.headers }, agent: false, timeout: options.timeoutMs ?? 5000, ...(options.ca === undefined ? {} : { ca: options.ca }) }, (res) => {
      const receivedAt = Date.now();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => { size += c.length; if (size <= MAX_BODY) chunks.push(c); });
      res.on('end', () => finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt }));
      res.on('error', () => finish({ status: res.statusCode, headers: res.headers, body: '', receivedAt }));
    });
    req.on('timeout', () => { req.destroy(); finish({ headers: {}, body: '', error: 'ETIMEDOUT', receivedAt: Date.now() }); });
    req.on('error', (err: NodeJS.ErrnoException) => finish({ headers: {}, body: '', error: err.code ?? err.message, receivedAt: Date.now() }));
    req.end(options.body);
  });
}

/** A probe with the deployment's settings (a CA for a private certificate) bound in. */
export type Send = (url: URL, options?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<ProbeResult>;
