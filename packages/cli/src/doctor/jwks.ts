/**
 * The published JWKS: that it is served, how it may be cached (rotation timing depends on it),
 * and whether every instance behind the address serves the same keys.
 */
import type { ProbeResult } from './probe.js';
import type { DoctorFinding } from './types.js';

/** The kids of a JWKS response, or undefined when it is not one. */
export function kidsOf(r: ProbeResult): string[] | undefined {
  if (r.status !== 200) return undefined;
  try {
    const doc = JSON.parse(r.body) as { keys?: unknown };
    if (!Array.isArray(doc.keys)) return undefined;
    return doc.keys.map((k) => (typeof (k as { kid?: unknown }).kid === 'string' ? (k as { kid: string }).kid : '(no kid)')).sort();
  } catch {
    return undefined;
  }
}

/**
 * The JWKS and its cache headers.
 *
 * @example
 * ```ts
 * const [served, cache] = jwksFindings(await probe(jwksUrl), jwksUrl);
 * ```
 */
export function jwksFindings(r: ProbeResult, url: URL): DoctorFinding[] {
  const kids = kidsOf(r);
  if (kids === undefined) {
    return [{
      check: 'jwks', status: 'problem',
      message: `${url.pathname} answered ${r.status ?? r.error} without a JWKS document`,
      hint: 'other services cannot verify the tokens without it: serve the key ring at jwksPath (the auth layer does at /.well-known/jwks.json), or pass --jwks-path if it lives elsewhere',
    }];
  }
  const served: DoctorFinding = kids.length === 0
    ? { check: 'jwks', status: 'warning', message: `${url.pathname} publishes no keys`, hint: 'an HMAC-signed deployment publishes nothing: services that verify its tokens need the secret itself; sign with ES256 or EdDSA to let them verify with the public JWKS' }
    : { check: 'jwks', status: 'ok', message: `${url.pathname} publishes ${kids.length} key${kids.length === 1 ? '' : 's'}: ${kids.join(', ')}` };
  return [served, cacheFinding(r.headers['cache-control'])];
}

function cacheFinding(header: string | undefined): DoctorFinding {
  if (header === undefined) {
    return { check: 'jwks-cache', status: 'warning', message: 'the JWKS has no Cache-Control', hint: "verifiers then cache it for their own default, so when a new key reaches them is a guess: serve it with the core's jwksResponse (public, max-age=300, stale-while-revalidate, stale-if-error)" };
  }
  const maxAge = /(?:^|,)\s*max-age=(\d+)/i.exec(header)?.[1];
  if (/no-store|no-cache/i.test(header) || maxAge === '0') {
    return { check: 'jwks-cache', status: 'warning', message: `the JWKS is served with Cache-Control: ${header}`, hint: 'every verifier refetches it constantly, and an outage of this endpoint fails every verification: allow caching (max-age=300 with stale-if-error)' };
  }
  if (maxAge !== undefined && Number(maxAge) > 86_400) {
    return { check: 'jwks-cache', status: 'warning', message: `the JWKS may be cached for ${maxAge}s (Cache-Control: ${header})`, hint: 'a key added for rotation reaches verifiers only after that long: keep max-age at minutes (300) and wait it out before promoting a new key' };
  }
  return { check: 'jwks-cache', status: 'ok', message: `the JWKS is served with Cache-Control: ${header}` };
}

/**
 * Whether repeated requests (each on a new connection) see the same keys.
 *
 * @example
 * ```ts
 * instanceKeysFinding(results); // problem when two instances serve different key sets
 * ```
 */
export function instanceKeysFinding(results: readonly ProbeResult[]): DoctorFinding {
  const sets = new Map<string, number>();
  for (const r of results) {
    const kids = kidsOf(r);
    const key = kids === undefined ? `(no JWKS: ${r.status ?? r.error})` : kids.join(', ') || '(no keys)';
    sets.set(key, (sets.get(key) ?? 0) + 1);
  }
  if (sets.size <= 1) return { check: 'instance-keys', status: 'ok', message: `${results.length} requests on new connections saw the same keys` };
  const seen = [...sets].map(([kids, n]) => `[${kids}] ${n}×`).join('; ');
  return {
    check: 'instance-keys', status: 'problem',
    message: `${results.length} requests on new connections saw ${sets.size} different key sets: ${seen}`,
    hint: 'the instances behind this address hold different keys, so a token signed by one is refused by another ("invalid signature" for some requests, fixed by a restart): give every instance the same key ring (TESSERA_SIGNING_KEY_FILE and TESSERA_VERIFY_KEYS, e.g. from tessera keygen), never a key generated at start-up',
  };
}
