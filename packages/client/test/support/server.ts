/**
 * A small API on 127.0.0.1 for the client's tests: the core's auth layer with its defaults (the
 * refresh cookie scoped to /auth, so refreshing is the client's job), access tokens that live 2 s (1 to 2 s: NumericDate is whole seconds)
 * and no clock tolerance, so tokens expire within the test. It counts requests per path on the
 * server side, and serves a page that loads the built client (dist/) for the browser test.
 */
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import { fileURLToPath } from 'node:url';
import { generateKeyPair } from '@tessera/jwt-core';
import { createAuth } from '@tessera/jwt-core/server';
import { createMiddleware, createNodeHandler } from '@tessera/node';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const USERS = [
  { id: 'u-ada', username: 'ada', password: 'correct horse battery staple', roles: ['user'] },
  { id: 'u-grace', username: 'grace', password: 'hopper-1906-cobol', roles: ['user', 'admin'] },
];

export const PAGE = `<!doctype html><meta charset="utf-8"><title>client test</title>
<script type="module">
import { createAuthClient } from '/client/index.js';
window.sessionEnds = [];
window.client = createAuthClient({ baseUrl: location.origin, transport: 'cookie', refreshMargin: 0, onSessionEnd: (end) => window.sessionEnds.push(end) });
window.ready = true;
</script>`;

export interface TestServer {
  url: string;
  count(path: string): number;
  close(): Promise<void>;
}

/** `files`: more paths to serve (path → [content type, body]), e.g. a README example as a page. */
export async function startServer(transport: 'cookie' | 'bearer' | 'split', files: ReadonlyMap<string, [string, string]> = new Map()): Promise<TestServer> {
  const counts = new Map<string, number>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const auth = createAuth({
    keys: (await generateKeyPair('ES256')).privateKey,
    issuer: url, audience: 'client-test', origin: url, transport,
    accessTokenTtl: '2s', clockTolerance: '0s',
    authenticate: ({ username, password }) => USERS.find((u) => u.username === username && u.password === password) ?? null,
    loadUser: (sub) => USERS.find((u) => u.id === sub) ?? null,
    claims: (user) => ({ sub: user.id, roles: user.roles }),
    logger: { warn: () => undefined },
  });
  const requireUser = createMiddleware(auth);
  const send = (res: http.ServerResponse, type: string, body: string | Buffer): void => void res.setHeader('content-type', type).end(body);
  const app = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.url === '/api/me') return requireUser(req, res, () => send(res, 'application/json', JSON.stringify({ claims: { sub: (req as { auth?: { sub: string } }).auth!.sub } })));
    if (req.url === '/') return send(res, 'text/html', PAGE);
    const extra = files.get(req.url ?? '');
    if (extra !== undefined) return send(res, extra[0], extra[1]);
    const file = /^\/client\/([a-z-]+\.js)$/.exec(req.url ?? '')?.[1];
    if (file !== undefined) return send(res, 'text/javascript', await readFile(`${DIST}${file}`));
    res.statusCode = 404;
    res.end();
  };
  const handler = createNodeHandler(auth, { fallback: app });
  server.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', url).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    void handler(req, res);
  });
  return {
    url,
    count: (path) => counts.get(path) ?? 0,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
