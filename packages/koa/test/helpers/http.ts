/** A Koa app on a real server on 127.0.0.1 (port 0), closed with every connection dropped. */
import { createServer } from 'node:http';
import type Koa from 'koa';

export interface Running {
  url: string;
  close(): Promise<void>;
}

export async function listen(app: Koa<any, any>): Promise<Running> {
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
