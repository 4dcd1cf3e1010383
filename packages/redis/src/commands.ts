/**
 * How every call reaches Redis: one command under a deadline, and scripts by their SHA-1.
 *
 * A call that does not finish within `commandTimeout`, or that the client refuses (disconnected,
 * no offline queue), fails with `ERR_AUTH_UNAVAILABLE` naming the server; the auth layer turns it
 * into a 503 with Retry-After and never grants access. Scripts run with EVALSHA and fall back to
 * EVAL on NOSCRIPT (a restarted server or a `SCRIPT FLUSH` empties the script cache; EVAL also
 * caches the script again): https://redis.io/docs/latest/develop/interactive/programmability/eval-intro/#script-cache
 */
import { JoseError } from '@tessera/jwt-core';
import type { Send } from './client.js';
import type { Script } from './scripts/script.js';

/** Runs commands for one store. */
export interface Commands {
  /** One command; `key` routes it on a cluster. */
  call(operation: string, key: string, readonly: boolean, args: string[]): Promise<unknown>;
  /** One script over `keys` (all in one hash slot) with `args`. */
  script(operation: string, script: Script, keys: string[], args: string[]): Promise<unknown>;
}

// Credentials of a URL (`redis://user:secret@host`) inside a client's error message are cut out.
const CREDENTIALS = /\/\/[^@/\s]*@/g;

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const text = err.message.replace(CREDENTIALS, '//').slice(0, 200);
  return text === '' ? err.name : `${err.name}: ${text}`;
}

function isNoScript(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('NOSCRIPT');
}

/** The commands of one store: `server` names it in messages (`Redis at 127.0.0.1:6379`). */
export function createCommands(send: Send, server: string, timeout: number): Commands {
  const hint = `check that ${server} is running and reachable from this host; the auth layer answers 503 with Retry-After until it is back, and resumes by itself`;

  const unavailable = (operation: string, cause: unknown): JoseError =>
    new JoseError('ERR_AUTH_UNAVAILABLE', `${server} failed the auth store's ${operation}: ${describeError(cause)}`, { hint, reason: 'internal', cause });

  /** `work` under the deadline; the command may still run on the server after it (reported as a failure). */
  const deadline = <T>(operation: string, work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      // When the process was busy past the deadline, the timer runs before the poll phase reads the
      // reply that may be waiting on the socket: give that one turn (setImmediate runs after I/O)
      // before calling Redis unresponsive, so a saturated process does not refuse answers it has.
      const timer = setTimeout(() => setImmediate(() => {
        reject(new JoseError('ERR_AUTH_UNAVAILABLE', `${server} did not answer the auth store's ${operation} within ${timeout} ms (commandTimeout)`, { hint, reason: 'internal' }));
      }), timeout);
      timer.unref?.();
      work().then(
        (value) => { clearTimeout(timer); resolve(value); },
        (err: unknown) => { clearTimeout(timer); reject(err instanceof JoseError ? err : unavailable(operation, err)); },
      );
    });

  return {
    call: (operation, key, readonly, args) => deadline(operation, () => send(key, readonly, args)),
    script: (operation, script, keys, args) => {
      const tail = [String(keys.length), ...keys, ...args];
      return deadline(operation, async () => {
        try {
          return await send(keys[0]!, false, ['EVALSHA', script.sha, ...tail]);
        } catch (err) {
          if (!isNoScript(err)) throw err;
          return send(keys[0]!, false, ['EVAL', script.source, ...tail]);
        }
      });
    },
  };
}
