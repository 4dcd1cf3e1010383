/**
 * Builds the three fixture apps once per test run, one after the other (a build uses both cores).
 * `TESSERA_NEXT_SKIP_BUILD=1` reuses the last builds while working on the tests.
 */
import { build, prepare, type Variant } from './helpers/apps.js';

export default function setup(): void {
  if (process.env.TESSERA_NEXT_SKIP_BUILD === '1') return;
  for (const variant of ['edge', 'node', 'conformance'] as Variant[]) {
    prepare(variant);
    build(variant);
  }
}
