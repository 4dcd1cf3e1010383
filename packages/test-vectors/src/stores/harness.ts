/**
 * What every store case shares: a clock that moves only when told, a fresh store per case with
 * cleanup, names unique to the case, and checks that throw an Error naming what differed.
 */
import type { AuthStoreLike, StoreClock, StoreHarness, StoreRefreshRecord } from './types.js';

/** The instant every case starts at: 2026-11-22T10:00:00Z, NumericDate seconds. */
export const T0 = 1_795_341_600;

/** A clock that starts at {@link T0} and moves only by {@link ManualClock.advance}. */
export class ManualClock implements StoreClock {
  seconds = T0;
  now(): Date {
    return new Date(this.seconds * 1000);
  }
  advance(seconds: number): void {
    this.seconds += seconds;
  }
}

/** What a case body gets: its store, its clock, and `name(x)` for keys no other case uses. */
export interface CaseContext {
  store: AuthStoreLike;
  clock: ManualClock;
  name(suffix: string): string;
}

function randomPrefix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `sc-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Runs `body` against a fresh store on a fresh clock, then the harness's cleanup, pass or fail. */
export async function withStore(harness: StoreHarness, body: (ctx: CaseContext) => Promise<void>): Promise<void> {
  const clock = new ManualClock();
  const prefix = randomPrefix();
  try {
    const store = await harness.createStore(clock);
    await body({ store, clock, name: (suffix) => `${prefix}-${suffix}` });
  } finally {
    await harness.cleanup?.();
  }
}

/** The user of the cases' records, sessions and tokens (a store may shard by it). */
export const USER = 'user-1';

/** A refresh record of `family`, issued at {@link T0}, expiring `ttl` seconds later. */
export function record(hash: string, family: string, ttl = 3600, sub = USER): StoreRefreshRecord {
  return { hash, family, sub, signedInAt: T0, issuedAt: T0, expiresAt: T0 + ttl, familyExpiresAt: T0 + 86_400 };
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value, (_k, v: unknown) => (v === undefined ? '(undefined)' : v));
}

/**
 * Deep equality of plain data (records, outcomes, answers); member order does not matter, and a
 * member that is undefined, or a `graceUses` of 0, counts as absent (a store may write either).
 */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const present = (o: Record<string, unknown>): string[] => Object.keys(o).filter((k) => o[k] !== undefined && !(k === 'graceUses' && o[k] === 0));
  const ka = present(a as Record<string, unknown>);
  const kb = present(b as Record<string, unknown>);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Throws `${what}: expected X, got Y` unless `actual` equals `expected` (deeply, plain data). */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (!same(actual, expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Throws `${what}` with the details unless `ok`. */
export function expectThat(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}
