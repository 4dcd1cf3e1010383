/**
 * The largest request header that gets through to the server, probed upward (1 KB, 2 KB, ... up
 * to a maximum) until a 431, 400, 413 or 494 or a dropped connection. Proxies often stop at 8 KB
 * per header line, below what a session cookie set or a large token can need.
 */
import { probe, type ProbeResult, type Send } from './probe.js';
import type { DoctorFinding } from './types.js';

/** Below this, requests with a chunked session cookie or a large token are refused on the way. */
const NEEDED = 8192;
const REFUSED = new Set([400, 413, 431, 494]);
const NAME = 'x-tessera-doctor-pad';

/** A header line (`name: value`) of exactly `bytes` bytes. */
function pad(bytes: number): Record<string, string> {
  return { [NAME]: 'a'.repeat(Math.max(1, bytes - NAME.length - 2)) };
}

function refusedBy(r: ProbeResult): string | undefined {
  if (r.error !== undefined) return `the connection failed (${r.error})`;
  return r.status !== undefined && REFUSED.has(r.status) ? `status ${r.status}` : undefined;
}

/**
 * Probe `url` with growing headers.
 *
 * @example
 * ```ts
 * await headerSizeFinding(jwksUrl, 65536); // { check: 'header-size', status: 'problem', message: 'a 8192-byte header is refused (status 400); 4096 bytes get through' ... }
 * ```
 */
export async function headerSizeFinding(url: URL, max: number, send: Send = probe): Promise<DoctorFinding> {
  let passed = 0;
  for (let size = 1024; size <= max; size *= 2) {
    const why = refusedBy(await send(url, { headers: pad(size) }));
    if (why === undefined) { passed = size; continue; }
    const message = `a request header of ${size} bytes is refused (${why}); ${passed === 0 ? 'not even 1024 bytes get' : `${passed} bytes get`} through`;
    if (passed >= NEEDED) return { check: 'header-size', status: 'ok', message };
    return {
      check: 'header-size', status: 'problem', message,
      hint: `a session cookie set (the auth layer chunks cookies up to maxChunks × chunkSize) or a large token needs ${NEEDED} bytes or more, and is refused before the app sees it: raise the limit on every hop (nginx: large_client_header_buffers 4 16k; Node: --max-http-header-size), and keep claims small`,
    };
  }
  return { check: 'header-size', status: 'ok', message: `request headers of ${passed} bytes get through (the largest probed; --max-header raises it)` };
}
