/**
 * The server's clock against this machine's, from the `Date` header of a response (RFC 9110
 * §6.6.1, one-second resolution): a skew past the library's default clock tolerance (5s) makes
 * fresh tokens "not yet valid" or "issued in the future" on one side.
 */
import { formatDuration } from '../lib/time.js';
import type { ProbeResult } from './probe.js';
import type { DoctorFinding } from './types.js';

const TOLERANCE_S = 5;

/**
 * The clock finding for a response.
 *
 * @example
 * ```ts
 * clockFinding(await probe(jwksUrl)); // { check: 'clock', status: 'ok', message: 'server clock within 1s of this one' }
 * ```
 */
export function clockFinding(r: ProbeResult): DoctorFinding {
  const date = typeof r.headers.date === 'string' ? Date.parse(r.headers.date) : Number.NaN;
  if (Number.isNaN(date)) return { check: 'clock', status: 'skipped', message: 'the response has no Date header, so the server clock cannot be compared' };
  // The server read its clock somewhere in [date, date + 1s) while the request was in flight.
  const local = (r.sentAt + r.receivedAt) / 2;
  const skew = (date + 500 - local) / 1000;
  const slack = 0.5 + (r.receivedAt - r.sentAt) / 2000;
  const beyond = Math.abs(skew) - slack;
  if (beyond <= TOLERANCE_S) return { check: 'clock', status: 'ok', message: `server clock within ${formatDuration(Math.max(1, Math.abs(skew)))} of this one` };
  return {
    check: 'clock', status: 'problem',
    message: `the server clock is about ${formatDuration(Math.abs(skew))} ${skew > 0 ? 'ahead of' : 'behind'} this machine's, beyond the default clock tolerance of ${TOLERANCE_S}s`,
    hint: "tokens it issues look issued in the future (or already expired) elsewhere: sync every server's clock with NTP (chrony, systemd-timesyncd, your cloud's time service); check this machine's clock too",
  };
}
