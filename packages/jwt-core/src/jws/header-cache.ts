/**
 * A small cache of checked protected headers for the pre-bound verifier. Tokens from one issuer
 * repeat the same header segment, so decoding, parsing and checking it (steps 2 and 3) is done
 * once per distinct segment. Safety (CVE-2026-35039, cache-key collisions): entries are keyed by
 * the exact segment text, so a hit is the same bytes that were checked; a header is stored only
 * once a token carrying it has verified (forged tokens cannot fill or churn the cache); each
 * verifier has its own cache (its allow-list and `crit` options made the decision); size and
 * entry length are capped. Cached headers are deeply frozen: callers share them.
 */
import type { AlgorithmInfo, JwsAlgorithm } from '../lib/algorithms.js';
import type { Key } from '../jwk/key.js';
import type { JoseHeader } from '../lib/types.js';

/** A header that passed steps 2 and 3. */
export interface CheckedHeader {
  readonly header: Readonly<JoseHeader>;
  readonly alg: JwsAlgorithm;
  readonly info: AlgorithmInfo;
  /**
   * The candidate keys, when the verifier holds one fixed key: selection is then a function of
   * the header alone, so it is done once per cached header. Never set for key sets or resolvers,
   * whose answer can change (rotation, tenants).
   */
  fixedKeys?: readonly Key[];
}

/** Entries kept; a service rarely sees more distinct headers than it has signing keys. */
const MAX_ENTRIES = 32;
/** Longer header segments are checked every time rather than stored. */
const MAX_SEGMENT_LENGTH = 1024;

export class HeaderCache {
  readonly #entries = new Map<string, CheckedHeader>();
  // Most services see one header over and over: compare with the last hit before hashing.
  #lastSegment = '';
  #lastEntry: CheckedHeader | undefined;

  get(segment: string): CheckedHeader | undefined {
    if (segment === this.#lastSegment) return this.#lastEntry;
    const entry = this.#entries.get(segment);
    if (entry !== undefined) {
      this.#lastSegment = segment;
      this.#lastEntry = entry;
    }
    return entry;
  }

  set(segment: string, entry: CheckedHeader): void {
    if (segment.length > MAX_SEGMENT_LENGTH) return;
    if (this.#entries.size >= MAX_ENTRIES) {
      // Map iterates in insertion order: drop the oldest entry.
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(segment, entry);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Freeze `value` and everything inside it (header values are JSON: objects, arrays, primitives). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
