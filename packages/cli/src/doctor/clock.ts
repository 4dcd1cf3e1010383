/**
 * The server's clock against this machine's: from the diagnostic endpoint's `timeMs` when it
 * answers (the auth layer's own clock, the one tokens are checked against, to the millisecond),
 * else from the `Date` header of a response (RFC 9110 §6.6.1, one-second resolution). Either way
 * the server read its clock while the request was in flight, so the local reference is the middle
 * of the round trip and half of it is the uncertainty. A skew past the library's default clock
 * tolerance (5s) makes fresh tokens "not yet valid" or "issued in the future" on one side.
 */
import { formatDuration } from '../lib/time.js';
import type { Asked } from './diagnostics.js';
import type { ProbeResult } from './probe.js';
import type { DoctorFinding } from './types.js';

const TOLERANCE_S = 5;

interface Reading { skew: number; slack: number; source: string }

/** Seconds as "340ms" below one second, else as formatDuration does. */
function span(seconds: number): string {
  const abs = Math.abs(seconds);
  return abs < 1 ? `${Math.round(abs * 1000)}ms` : formatDuration(abs);
}

function fromEndpoint(asked: Asked | undefined): Reading | undefined {
  const t = asked?.seen?.timeMs;
  if (typeof t !== 'number' || !Number.isFinite(t)) return undefined;
  const r = asked!.probe;
  return { skew: (t - (r.sentAt + r.receivedAt) / 2) / 1000, slack: (r.receivedAt - r.sentAt) / 2000, source: 'the diagnostic endpoint' };
}

function fromDate(r: ProbeResult): Reading | undefined {
  const date = typeof r.headers.date === 'string' ? Date.parse(r.headers.date) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  // The server read its clock somewhere in [date, date + 1s).
  return { skew: (date + 500 - (r.sentAt + r.receivedAt) / 2) / 1000, slack: 0.5 + (r.receivedAt - r.sentAt) / 2000, source: 'the Date header, 1s resolution' };
}

/**
 * The clock finding: from the endpoint's answer when there is one, else from `r`'s Date header.
 *
 * @example
 * ```ts
 * clockFinding(await probe(jwksUrl), asked); // { check: 'clock', status: 'ok', message: 'server clock within 12ms of this one (±3ms, from the diagnostic endpoint)' }
 * ```
 */
export function clockFinding(r: ProbeResult, asked?: Asked): DoctorFinding {
  const reading = fromEndpoint(asked) ?? fromDate(r);
  if (reading === undefined) return { check: 'clock', status: 'skipped', message: 'the response has no Date header and the diagnostic endpoint is off, so the server clock cannot be compared' };
  const { skew, slack, source } = reading;
  if (Math.abs(skew) - slack <= TOLERANCE_S) {
    return { check: 'clock', status: 'ok', message: `server clock within ${span(Math.abs(skew))} of this one (±${span(slack)}, from ${source})` };
  }
  return {
    check: 'clock', status: 'problem',
    message: `the server clock is about ${span(skew)} ${skew > 0 ? 'ahead of' : 'behind'} this machine's (±${span(slack)}, from ${source}), beyond the default clock tolerance of ${TOLERANCE_S}s`,
    hint: "tokens it issues look issued in the future (or already expired) elsewhere: sync every server's clock with NTP (chrony, systemd-timesyncd, your cloud's time service); check this machine's clock too",
  };
}
