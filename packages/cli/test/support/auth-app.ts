/**
 * An app instance for the proxy tests: the core's auth layer (createAuth) on node:http, serving
 * its routes (the JWKS among them) and 404 elsewhere. Each instance gets the key ring it is given,
 * so two instances can hold different keys, as after a deploy that generated them at start-up.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyRing } from '@tessera/jwt-core';
import { createAuth, createMemoryStore } from '@tessera/jwt-core/server';

export interface App {
  port: number;
  close(): Promise<void>;
}

/**
 * Start one instance holding `keys`.
 *
 * @example
 * ```ts
 * const app = await startApp(createKeyRing({ signing: privateKey }));
 * ```
 */
export async function startApp(keys: KeyRing): Promise<App> {
  const auth = createAuth({
    keys, issuer: 'https://api.example.com', audience: 'api', transport: 'bearer', store: createMemoryStore(),
    authenticate: () => null, loadUser: () => null, claims: () => ({ sub: 'nobody' }),
  });
  const server: Server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    void auth.handle(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers })).then(async (response) => {
      if (response === null) { res.writeHead(404).end(); return; }
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
    }, () => { res.writeHead(500).end(); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
