/** The shape of `tessera decode --json` (documented in the README; only ever extended). */

/** A cause and its fix, like the library's refusals. */
export interface Finding {
  /** Stable, kebab-case: `no-exp`, `long-lifetime`, `no-kid`, `symmetric-alg-for-other-services`... */
  code: string;
  message: string;
  hint: string;
}

export interface TimelineEntry {
  claim: 'iat' | 'nbf' | 'exp';
  /** The claim as it is in the token. */
  value: unknown;
  utc?: string;
  local?: string;
  /** "expires in 4m 10s", "expired 3h ago", "issued 5m ago", "valid in 2m". */
  relative?: string;
  /** Why the value is not a time (not a NumericDate). */
  problem?: string;
}

export interface Timeline {
  entries: TimelineEntry[];
  /** `exp - iat` in seconds, when both are numbers. */
  lifetimeSeconds?: number;
  lifetime?: string;
  /** As of now, by the claims alone (no clock tolerance, nothing verified). */
  status: 'valid' | 'expired' | 'not-yet-valid' | 'never-expires';
}

export interface SizeLimit {
  /** `cookie` (4096 bytes per cookie) or `header` (8 KB request header line). */
  name: 'cookie' | 'header';
  /** What was measured: the cookie `name=value`, or the `Authorization: Bearer` line. */
  as: string;
  bytes: number;
  limit: number;
  percent: number;
  status: 'ok' | 'near' | 'over';
}

export interface TokenReport {
  /** Always false: decode never verifies. */
  verified: false;
  kind: 'JWS' | 'JWE';
  header: Record<string, unknown>;
  /** The claims of a JWS whose payload is a JSON object. */
  claims?: Record<string, unknown>;
  /** A JWS payload that is not claims (or the inner token's text): its size, and its text when UTF-8. */
  payload?: { bytes: number; text?: string };
  /** A JWE: what can be said without the key. */
  encrypted?: { alg?: unknown; enc?: unknown; encryptedKeyBytes: number; ivBytes: number; ciphertextBytes: number; tagBytes: number };
  /** The inner token of a nested JWT (`cty: "JWT"` on a JWS). */
  nested?: TokenReport;
  timeline?: Timeline;
  size: { bytes: number; limits: SizeLimit[] };
  warnings: Finding[];
  /** The time the report was made, in UTC. */
  now: string;
}
