/**
 * Listening, the way every example app does it: on `host:port` (port 0 picks a free one), with the
 * public origin known only once the server listens, so the app is built then. The app itself (its
 * framework, its routes, its `createAuth`) is the caller's `createApp`.
 */
import { createServer } from 'node:http';
import { guardRequest } from './request-guard.mjs';

/**
 * How long a client may take to send a request, head and body (at most 64 KiB here): 10 s, checked
 * every second. Node's defaults (60 s for the head, 300 s for the request, checked every 30 s) let
 * a client that trickles bytes hold a connection for minutes. A request that outlasts the bound is
 * answered 408 and its connection closed.
 */
export const SERVER_TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 10_000, connectionsCheckingInterval: 1_000 };

/** Why listening failed, naming the variable to change. */
function listenError(error, host, port) {
  if (error?.code === 'EADDRINUSE') return new Error(`PORT ${port} is already in use on ${host}: set PORT to a free port (0 picks one)`, { cause: error });
  if (error?.code === 'EACCES') return new Error(`PORT ${port} needs privileges on ${host}: set PORT above 1023`, { cause: error });
  return new Error(`HOST ${host} cannot be listened on (${error?.code ?? error?.message}): set HOST to an address of this machine`, { cause: error });
}

/**
 * Starts `createApp({ origin, ...options })` (which resolves to `{ auth, handler, sessions, ... }`,
 * `handler` a Node request listener, `sessions` the store from openStore, closed by `close()`) on `host:port` and resolves once it serves. `origin` is the public origin
 * and issuer (default `http://host:port`); requests arriving before the app is built wait for it.
 */
export async function serve(createApp, { port = 3000, host = '127.0.0.1', origin, ...options } = {}) {
  let ready;
  const app = new Promise((resolve, reject) => (ready = { resolve, reject }));
  app.catch(() => undefined); // a start-up failure is reported by the await below
  const server = createServer(SERVER_TIMEOUTS, (req, res) => {
    if (!guardRequest(req, res)) void app.then((a) => a.handler(req, res));
  });
  await new Promise((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, host, port)));
    server.listen(port, host, resolve);
  });
  // The URL to reach it from this machine: a wildcard host (every interface) is reached on loopback.
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const url = `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${server.address().port}`;
  try {
    ready.resolve(await createApp({ origin: origin ?? url, ...options }));
  } catch (error) {
    ready.reject(error);
    server.closeAllConnections();
    server.close();
    throw error;
  }
  // The server stops first, then the app's store (`sessions`, when it has one) is closed.
  const close = async () => {
    await new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
    await (await app).sessions?.close();
  };
  return { ...(await app), server, url, origin: origin ?? url, close };
}
