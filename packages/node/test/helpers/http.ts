/**
 * Real-HTTP helpers: servers listen on 127.0.0.1 on an ephemeral port; the client is node:http, so a
 * test controls every header (Host, X-Forwarded-*, repeated headers) exactly as sent on the wire.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type RequestListener, type ServerOptions } from 'node:http';
import { connect } from 'node:net';

export interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(listener: RequestListener, options: ServerOptions = {}): Promise<Running> {
  const server = createServer(options, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface Reply {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface Send {
  method?: string;
  headers?: Record<string, string | string[]>;
  body?: string;
}

export function send(url: string, init: Send = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: res.headers,
          body,
          json: <T>() => JSON.parse(body) as T,
        });
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Writes a raw HTTP/1.1 request (for request lines node:http would not produce) and returns the raw reply. */
export function sendRaw(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
