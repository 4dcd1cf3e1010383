/**
 * Turning a fetched JWKS document into keys. An identity provider's set often holds keys this
 * verifier cannot or must not use (encryption keys, new key types, certificates for other
 * protocols); those are skipped one by one, with the reason kept for error messages, instead of
 * failing the whole set (RFC 7517 §5: "implementations SHOULD ignore JWKs ... they do not
 * understand"). Keys that would be dangerous to use are skipped too: a secret (`oct`) key or a
 * private key in a published set is known to everyone who fetched it.
 */
import { joseError } from '../lib/errors.js';
import { importJwk } from '../jwk/import.js';
import type { Key } from '../jwk/key.js';
import type { Jwk } from '../lib/types.js';

/** A key of the document that was not imported, and why. */
export interface IgnoredKey {
  readonly kid: string | undefined;
  readonly reason: string;
}

export interface ImportedKeys {
  readonly keys: Key[];
  readonly ignored: IgnoredKey[];
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

/** Import the usable keys of `document`; `where` names the endpoint in messages. */
export function importRemoteKeys(document: Record<string, unknown>, where: string, maxKeys: number): ImportedKeys {
  const list = document.keys;
  if (!Array.isArray(list)) {
    throw joseError('ERR_JWKS_INVALID', `the JWKS from ${where} has no "keys" array (RFC 7517 §5)`, {
      reason: 'content', hint: 'check that the URL is the JWKS endpoint (jwks_uri), not the OpenID configuration or another document',
    });
  }
  if (list.length > maxKeys) {
    throw joseError('ERR_JWKS_INVALID', `the JWKS from ${where} holds ${list.length} keys; at most ${maxKeys} are accepted`, {
      reason: 'too_many_keys', limit: `maxKeys=${maxKeys}`,
      hint: 'a provider publishes a handful of keys; raise maxKeys only if this one really publishes more',
    });
  }
  const keys: Key[] = [];
  const ignored: IgnoredKey[] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    const kid = typeof (entry as Jwk | null)?.kid === 'string' ? (entry as Jwk).kid : undefined;
    const refusal = refuse(entry);
    if (refusal !== undefined) { ignored.push({ kid, reason: refusal }); continue; }
    if (kid !== undefined && seen.has(kid)) { ignored.push({ kid, reason: 'duplicate kid' }); continue; }
    try {
      const key = importJwk(entry as Jwk);
      keys.push(key);
      if (kid !== undefined) seen.add(kid);
    } catch (err) {
      ignored.push({ kid, reason: err instanceof Error ? shorten(err.message) : 'not importable' });
    }
  }
  return { keys, ignored };
}

/** Why a JWK must not be imported from a published set, or undefined when it may be. */
function refuse(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'not a JSON object';
  const jwk = entry as Jwk;
  if (typeof jwk.kty !== 'string') return 'no "kty" member';
  if (jwk.kty === 'oct') return 'a secret (oct) key; a published JWKS must never hold secrets';
  if (PRIVATE_MEMBERS.some((m) => m in jwk)) return 'it carries private key members; a key published with its private part is compromised';
  return undefined;
}

function shorten(message: string): string {
  return message.length > 120 ? `${message.slice(0, 117)}...` : message;
}
