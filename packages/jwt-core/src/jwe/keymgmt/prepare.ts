/** The `prepare` hook the backends use to cache native key objects on a Tessera key. */
import { prepared, type Key } from '../../jwk/key.js';
import type { Prepare } from '../backends/types.js';

export function cacheOn(key: Key): Prepare {
  return (id, make) => prepared(key, id, make);
}
