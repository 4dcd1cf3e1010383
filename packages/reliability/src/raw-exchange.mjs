/**
 * One exchange over a raw TCP socket, for requests no HTTP client would send: the steps are written
 * as given (bytes, pauses, a half-close), and what comes back is reduced to what the malformed-HTTP
 * scenario judges: the status of each response, whether the server closed the connection, and how
 * long it took. Bounded by `timeoutMs`: a server that neither answers nor closes by then has hung.
 */
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A step: bytes to write, `{ pauseMs }`, `{ halfClose: true }` (end our side) or `{ reset: true }` (destroy it). */
export async function exchange(port, steps, { timeoutMs = 5000 } = {}) {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  const t0 = performance.now();
  let received = Buffer.alloc(0);
  let closed = false;
  let error;
  const ended = new Promise((resolve) => {
    socket.on('data', (chunk) => { received = Buffer.concat([received, chunk]).subarray(0, 256 * 1024); });
    socket.on('error', (e) => { error = e.code ?? e.message; });
    socket.on('close', () => { closed = true; resolve(); });
  });
  const timer = new Promise((resolve) => setTimeout(resolve, timeoutMs));
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let reset = false;
  for (const step of steps) {
    if (closed) break;
    if (Buffer.isBuffer(step) || typeof step === 'string') {
      socket.write(step);
    } else if (step.pauseMs !== undefined) {
      await Promise.race([new Promise((r) => setTimeout(r, step.pauseMs)), ended]);
    } else if (step.halfClose) {
      socket.end();
    } else if (step.reset) {
      reset = true;
      socket.resetAndDestroy();
    }
  }
  // The server's answer: it closes the connection, or answers and keeps it open (keep-alive).
  const answered = () => statuses(received).length > 0;
  while (!closed && !reset && !answered() && performance.now() - t0 < timeoutMs) {
    await Promise.race([ended, timer, new Promise((r) => setTimeout(r, 20))]);
  }
  // A response with a body may still be arriving: a short grace to see whether the server closes.
  if (!closed && !reset) await Promise.race([ended, new Promise((r) => setTimeout(r, 100))]);
  const result = { statuses: statuses(received), closed, reset, error, ms: Math.round(performance.now() - t0), hung: !closed && !reset && !answered() };
  socket.destroy();
  return result;
}

/** The status codes of the responses in `bytes` (status lines at the start or after a blank line). */
export function statuses(bytes) {
  const text = bytes.toString('latin1');
  return [...text.matchAll(/(?:^|\r\n\r\n|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
}
