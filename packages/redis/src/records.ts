/**
 * Refresh records to and from the fields of a Redis hash. Only the token's SHA-256 is ever stored
 * (the auth layer passes hashes, never tokens); numbers are NumericDate seconds.
 */
import type { RefreshRecord } from '@tessera/jwt-core/server';

const NUMBERS = ['signedInAt', 'issuedAt', 'expiresAt', 'familyExpiresAt', 'usedAt', 'graceUses'] as const;

/** The record's fields as `field, value` pairs for HSET (absent members are left out). */
export function toFields(record: RefreshRecord): string[] {
  const out = ['family', record.family, 'sub', record.sub];
  for (const name of NUMBERS) {
    const value = record[name];
    if (value !== undefined) out.push(name, String(value));
  }
  return out;
}

/** A record from HGETALL's reply: `field, value` pairs (RESP2) or a map (RESP3); undefined when empty. */
export function fromFields(hash: string, fields: unknown): RefreshRecord | undefined {
  const map = new Map<string, string>();
  if (Array.isArray(fields)) {
    for (let i = 0; i + 1 < fields.length; i += 2) map.set(String(fields[i]), String(fields[i + 1]));
  } else if (fields instanceof Map) {
    for (const [k, v] of fields) map.set(String(k), String(v));
  } else if (fields !== null && typeof fields === 'object') {
    for (const [k, v] of Object.entries(fields as Record<string, unknown>)) map.set(k, String(v));
  }
  const family = map.get('family');
  const sub = map.get('sub');
  if (family === undefined || sub === undefined) return undefined;
  const record: RefreshRecord = { hash, family, sub, signedInAt: 0, issuedAt: 0, expiresAt: 0, familyExpiresAt: 0 };
  for (const name of NUMBERS) {
    const value = map.get(name);
    if (value !== undefined) record[name] = Number(value);
  }
  return record;
}
