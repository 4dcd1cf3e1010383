/**
 * The `diagnostics` option: the diagnostic endpoint `tessera doctor` asks what the server sees. Off
 * by default; `true` turns it on outside production only; in production it needs a shared secret
 * (`{ secret }`, 32 characters or more) that every diagnostic request must carry in the
 * `X-Tessera-Diagnostics` header. It never answers with a token, a cookie value or a key.
 */
import { invalidOption } from '../errors.js';
import { isProduction, processEnv } from '../lib/environment.js';

/** The endpoint's settings after validation; undefined when it is off. */
export interface DiagnosticsConfig {
  /** The shared secret requests must send, or undefined (development only). */
  secret: string | undefined;
}

const MIN_SECRET = 32;

/** Validate `value` (the `diagnostics` option) for this environment. */
export function resolveDiagnostics(value: unknown): DiagnosticsConfig | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) {
    if (isProduction(undefined, processEnv())) {
      throw invalidOption('diagnostics: true is refused with NODE_ENV=production: the diagnostic endpoint describes the requests it gets, and production needs a shared secret for it',
        'pass diagnostics: { secret: process.env.TESSERA_DIAGNOSTICS_SECRET } (32 characters or more) and give the same secret to tessera doctor --diagnostics-secret env:NAME; or leave diagnostics off');
    }
    return { secret: undefined };
  }
  const secret = (value as { secret?: unknown } | null)?.secret;
  if (typeof value !== 'object' || value === null || typeof secret !== 'string' || secret.length < MIN_SECRET) {
    throw invalidOption(`diagnostics must be true (development only) or { secret } with a secret of at least ${MIN_SECRET} characters`,
      'generate one: openssl rand -base64 33, and pass diagnostics: { secret: process.env.TESSERA_DIAGNOSTICS_SECRET }');
  }
  return { secret };
}
