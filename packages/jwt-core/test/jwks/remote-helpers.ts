/**
 * A real JWKS endpoint for the remote key set tests: node:http on 127.0.0.1, an ephemeral port,
 * a handler the test can swap mid-run (rotation, outage, garbage, slowness), and request counts.
 * Keys are generated with node:crypto here so these tests do not depend on the core's generators.
 */
import { generateKeyObjects } from '../helpers/keygen.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Jwk } from '../../src/lib/types.js';
export { rejection } from '../helpers/errors.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface JwksServer {
  /** Base URL, e.g. http://127.0.0.1:54321 */
  readonly origin: string;
  /** The JWKS URL (path /jwks.json). */
  readonly url: string;
  /** Requests received per path. */
  count(path?: string): number;
  /** Serve this JWKS (status 200) with these extra headers from now on. */
  serve(keys: Jwk[], headers?: Record<string, string>): void;
  /** Replace the handler for /jwks.json (and every other path unless `path` is given). */
  handle(handler: Handler, path?: string): void;
  close(): Promise<void>;
}

export async function startJwksServer(): Promise<JwksServer> {
  const counts = new Map<string, number>();
  const handlers = new Map<string, Handler>();
  let fallback: Handler = (_req, res) => { res.statusCode = 404; res.end(); };
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    open.add(res);
    res.on('close', () => open.delete(res));
    (handlers.get(path) ?? fallback)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/jwks.json`,
    count: (path = '/jwks.json') => counts.get(path) ?? 0,
    serve(keys, headers = {}) {
      handlers.set('/jwks.json', jsonHandler({ keys }, headers));
    },
    handle(handler, path) {
      if (path === undefined) fallback = handler;
      else handlers.set(path, handler);
      if (path === undefined) handlers.delete('/jwks.json');
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function jsonHandler(body: unknown, headers: Record<string, string> = {}): Handler {
  const text = JSON.stringify(body);
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(text);
  };
}

/** A public EC P-256 JWK with a kid (alg ES256, use sig), and its private JWK. */
export function ecKey(kid: string, extra: Partial<Jwk> = {}): { publicJwk: Jwk; privateJwk: Jwk } {
  const { privateKey } = generateKeyObjects('ec', { namedCurve: 'P-256' });
  const priv = privateKey.export({ format: 'jwk' }) as Jwk;
  const pub: Jwk = { kty: 'EC', crv: priv.crv, x: priv.x, y: priv.y };
  return {
    publicJwk: { ...pub, kid, alg: 'ES256', use: 'sig', ...extra },
    privateJwk: { ...priv, kid, alg: 'ES256', use: 'sig', ...extra },
  };
}

/** A public RSA JWK of `bits` bits. */
export function rsaKey(kid: string, bits = 2048, extra: Partial<Jwk> = {}): Jwk {
  const { publicKey } = generateKeyObjects('rsa', { modulusLength: bits });
  return { ...(publicKey.export({ format: 'jwk' }) as Jwk), kid, alg: 'RS256', use: 'sig', ...extra };
}

/** A fake clock in milliseconds. */
export function fakeClock(start = Date.UTC(2026, 10, 22, 9, 0, 0)): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

export const SIG = { use: 'sig', maxKeysTried: 3 } as const;

