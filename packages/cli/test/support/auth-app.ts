/**
 * An app instance for the proxy tests: the core's auth layer (createAuth) on node:http, serving
 * its routes (the JWKS among them) and 404 elsewhere. Each instance gets the key ring it is given,
 * so two instances can hold different keys, as after a deploy that generated them at start-up.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyRing } from '@tessera/jwt-core';
import { createAuth, createMemoryStore, toWebRequestFrom, type AuthCookieOptions } from '@tessera/jwt-core/server';

export interface App {
  port: number;
  close(): Promise<void>;
}

export interface AppOptions {
  diagnostics?: boolean | { secret: string };
  trustProxy?: boolean;
  /** Default bearer. */
  transport?: 'bearer' | 'cookie' | 'split';
  cookies?: AuthCookieOptions;
  /** The auth layer's clock (a skewed server). */
  now?: () => Date;
}

/**
 * Start one instance holding `keys`.
 *
 * @example
 * ```ts
 * const app = await startApp(createKeyRing({ signing: privateKey }));
 * ```
 */
export async function startApp(keys: KeyRing, options: AppOptions = {}): Promise<App> {
  const { trustProxy, ...rest } = options;
  const auth = createAuth<{ id: string }>({
    keys, issuer: 'https://api.example.com', audience: 'api', transport: 'bearer', store: createMemoryStore(options.now === undefined ? {} : { now: options.now }),
    authenticate: () => null, loadUser: () => null, claims: (u) => ({ sub: u.id }),
    ...rest,
  });
  const server: Server = createServer((req, res) => {
    // The core's own translation, with its trust-proxy policy: X-Forwarded-Proto counts only when trusted.
    const request = toWebRequestFrom({
      method: req.method ?? 'GET', target: req.url ?? '/', encrypted: false, remoteAddress: req.socket.remoteAddress,
      header: (name) => { const v = req.headers[name]; return Array.isArray(v) ? v.join(', ') : v; },
      headerEntries: () => Object.entries(req.headers).filter((e): e is [string, string | string[]] => e[1] !== undefined),
      body: () => null,
    }, { trustProxy: trustProxy === true });
    void auth.handle(request).then(async (response) => {
      if (response === null) { res.writeHead(404).end(); return; }
      // Every Set-Cookie as its own header line (a plain object of the Headers would keep only the last).
      const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'set-cookie'));
      res.writeHead(response.status, { ...headers, 'set-cookie': response.headers.getSetCookie() }).end(Buffer.from(await response.arrayBuffer()));
    }, () => { res.writeHead(500).end(); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
