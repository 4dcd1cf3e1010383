/**
 * One server of the HTTP case, in its own process on 127.0.0.1 (argv: the variant; env: BENCH_ALG
 * and the key material, see http/material.mjs). The variants: plain node:http
 * (http/node-handlers.mjs), Express 5 (http/express.mjs) and Koa 3 (http/koa.mjs). Prints
 * `{"port":N}` once listening; `GET /__cpu` answers the process's CPU time so far.
 */
import { createServer } from 'node:http';
import { expressHandler } from './http/express.mjs';
import { koaListener } from './http/koa.mjs';
import { keyMaterial } from './http/material.mjs';
import { nodeHandler } from './http/node-handlers.mjs';

const variant = process.argv[2];

/** Run at SIGTERM, before the process exits. */
const atExit = [];

async function handlerFor(name) {
  const k = keyMaterial();
  const handler = (await nodeHandler(name, k, atExit)) ?? (await expressHandler(name, k)) ?? (await koaListener(name, k));
  if (handler === undefined) throw new Error(`unknown server variant ${name}`);
  return handler;
}

async function cleanUp() {
  for (const step of atExit.splice(0)) {
    try {
      await step();
    } catch (err) {
      process.stderr.write(`clean-up at exit failed: ${err.message}\n`);
    }
  }
}

let handler;
try {
  handler = await handlerFor(variant);
} catch (err) {
  // First, one line for the bench to report (e.g. ERR_AUTH_UNAVAILABLE naming the Redis it tried).
  process.stderr.write(`${err.code ?? err.name}: ${err.message}\n`);
  await cleanUp();
  process.exit(1);
}
// The load generator reads the server's CPU time around each run: CPU µs per request is robust to
// other processes on the machine, req/s is not.
const server = createServer((req, res) => {
  if (req.url === '/__cpu') {
    const c = process.cpuUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ cpuUs: c.user + c.system }));
  }
  return handler(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => cleanUp().then(() => process.exit(0))));
