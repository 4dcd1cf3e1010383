/**
 * A minimal Redis client for the benchmark's own bookkeeping (RESP2 over node:net): reading
 * `INFO`, waiting for a fresh `redis-server`, deleting a run's keys. The store under test brings its
 * own client (node-redis, bundled with @tessera/redis); this one only talks to Redis around it, so the
 * bench needs no Redis client of its own and its calls are few and known (they are subtracted from
 * the command counts).
 */
import { connect } from 'node:net';

/** Parse one RESP2 reply at `i`: [value, next index], or undefined if `buf` does not hold it all yet. */
function parse(buf, i) {
  const eol = buf.indexOf('\r\n', i);
  if (eol < 0) return undefined;
  const type = buf[i];
  const line = buf.toString('utf8', i + 1, eol);
  if (type === 0x2b) return [line, eol + 2]; // +simple
  if (type === 0x2d) return [new Error(line), eol + 2]; // -error
  if (type === 0x3a) return [Number(line), eol + 2]; // :integer
  if (type === 0x24) { // $bulk
    const n = Number(line);
    if (n < 0) return [null, eol + 2];
    if (buf.length < eol + 2 + n + 2) return undefined;
    return [buf.toString('utf8', eol + 2, eol + 2 + n), eol + 2 + n + 2];
  }
  if (type === 0x2a) { // *array
    const n = Number(line);
    if (n < 0) return [null, eol + 2];
    const items = [];
    let at = eol + 2;
    for (let k = 0; k < n; k++) {
      const r = parse(buf, at);
      if (r === undefined) return undefined;
      [items[k], at] = r;
    }
    return [items, at];
  }
  throw new Error(`resp: unexpected reply type ${String.fromCharCode(type)}`);
}

const encode = (args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join('')}`;

/**
 * Open a connection to `url` (redis://[user:password@]host:port[/db]); resolves to
 * `{ send(...args) -> reply, close() }`. Connection errors reject within `timeoutMs`.
 */
export function openRedis(url, { timeoutMs = 2000 } = {}) {
  const u = new URL(url);
  if (u.protocol !== 'redis:') return Promise.reject(new Error(`bench Redis client: only redis:// URLs (got ${u.protocol})`));
  const address = `${u.hostname}:${u.port || 6379}`;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port || 6379), u.hostname);
    let buf = Buffer.alloc(0);
    const waiting = [];
    const fail = (err) => { for (const w of waiting.splice(0)) w.reject(err); };
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`Redis at ${address} did not accept a connection within ${timeoutMs} ms`)); }, timeoutMs);
    socket.on('error', (err) => { clearTimeout(timer); reject(new Error(`Redis at ${address} is not reachable: ${err.code ?? err.message}`)); fail(err); });
    socket.on('close', () => fail(new Error(`Redis at ${address} closed the connection`)));
    socket.on('data', (chunk) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      for (;;) {
        const r = waiting.length === 0 ? undefined : parse(buf, 0);
        if (r === undefined) return;
        buf = buf.subarray(r[1]);
        const w = waiting.shift();
        if (r[0] instanceof Error) w.reject(r[0]);
        else w.resolve(r[0]);
      }
    });
    const send = (...args) => new Promise((res, rej) => { waiting.push({ resolve: res, reject: rej }); socket.write(encode(args)); });
    const close = () => new Promise((res) => { socket.once('close', res); socket.end(); });
    socket.on('connect', async () => {
      clearTimeout(timer);
      try {
        if (u.password !== '') await send('AUTH', ...(u.username === '' ? [] : [decodeURIComponent(u.username)]), decodeURIComponent(u.password));
        const db = u.pathname.slice(1);
        if (db !== '') await send('SELECT', db);
        resolve({ send, close, address });
      } catch (err) {
        socket.destroy();
        reject(new Error(`Redis at ${address} refused the connection set-up: ${err.message}`));
      }
    });
  });
}

/**
 * `INFO all` parsed: `calls` (cmdstat_<name> -> calls, for every command Redis has counted) and
 * `cpuUs` (used_cpu_user + used_cpu_sys of the Redis process, in µs). One command.
 */
export async function readStats(redis) {
  const text = await redis.send('INFO', 'all');
  const calls = {};
  let cpuUs = 0;
  for (const line of text.split('\r\n')) {
    const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (m !== null) calls[m[1]] = Number(m[2]);
    const c = /^used_cpu_(user|sys):([\d.]+)$/.exec(line);
    if (c !== null) cpuUs += Number(c[2]) * 1e6;
  }
  return { calls, cpuUs };
}

/**
 * The commands Redis counted between two `readStats` (name -> calls), less the bench's own: the
 * one `INFO` of the first reading (a command is counted after it runs, so each reading counts the
 * one before it, never itself).
 */
export function commandsBetween(before, after) {
  const delta = {};
  for (const [name, calls] of Object.entries(after.calls)) {
    const d = calls - (before.calls[name] ?? 0) - (name === 'info' ? 1 : 0);
    if (d !== 0) delta[name] = d;
  }
  return delta;
}

/** Delete every key matching the glob `pattern` (SCAN + UNLINK); returns how many. */
export async function deleteKeys(redis, pattern) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.send('SCAN', cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) deleted += await redis.send('UNLINK', ...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
