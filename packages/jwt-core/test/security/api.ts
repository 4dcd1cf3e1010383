/**
 * The core as the security suite's `SecurityApi`: the public functions of `@tessera/jwt-core`
 * and its auth layer, from the sources. Also the fake-clock hook the cache cases need.
 */
import { vi } from 'vitest';
import * as core from '../../src/index.js';
import { createAuth, createMemoryStore } from '../../src/server/index.js';
import type { SecurityApi } from '../../../test-vectors/src/security/index.js';

export const api: SecurityApi = { ...core, server: { createAuth, createMemoryStore } };

/** Only Date is faked: timers and microtasks keep running, so awaited work completes. */
export function setNow(ms: number | undefined): void {
  if (ms === undefined) {
    vi.useRealTimers();
    return;
  }
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
}
