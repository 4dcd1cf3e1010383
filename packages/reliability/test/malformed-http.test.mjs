/**
 * CI version of "malformed HTTP at the adapters" (docs/reliability.md): every case of
 * src/malformed-cases.mjs on each app over raw sockets, the slow ones included (they hold their
 * connections until the server's own timeouts close them, about 10 s, while the others run). Fails
 * on any 5xx, any answer that is not a refusal, any connection the server neither answers nor
 * closes, or a server that stops answering a valid request.
 */
import { SERVER_TIMEOUTS } from '@tessera/example-common/serve';
import { describe, it } from 'vitest';
import { formatReport } from '../src/format.mjs';
import { malformedHttp } from '../src/scenarios/malformed-http.mjs';
import { APP_NAMES, assertRunnable } from './helpers.mjs';

describe('malformed HTTP: a 4xx or a closed connection, never a 5xx, and the server stays up', () => {
  // The apps run at once: most of this test is waiting for each server's own timeouts, not load.
  it.concurrent.for(APP_NAMES)('%s', async (app, { expect }) => {
    assertRunnable(app);
    const result = await malformedHttp({ app });
    console.log(formatReport('malformed-http', result));
    expect(result.failures).toEqual([]);
    const byName = Object.fromEntries(result.cases.map((c) => [c.name, c]));
    // The answers the docs name, where Node's parser or the apps give one.
    expect(byName['huge header (64 KiB)'].outcome).toMatch(/^431, closed/);
    expect(byName['two Authorization headers'].outcome).toMatch(/^400/);
    expect(byName['body over the 64 KiB limit'].outcome).toMatch(/^413/);
    expect(byName['half-closed after a complete request'].outcome).toMatch(/^200, closed/);
    // The slow ones are cut by the server's timeouts (408), not by the test giving up.
    for (const name of ['slow headers (one byte every 250 ms)', 'slow body (declared 200 bytes, a byte every 250 ms)']) {
      const [, ms] = /, (\d+) ms$/.exec(byName[name].outcome);
      expect(byName[name].outcome).toMatch(/^408, closed/);
      expect(Number(ms)).toBeLessThanOrEqual(SERVER_TIMEOUTS.requestTimeout + SERVER_TIMEOUTS.connectionsCheckingInterval + 3000);
    }
  });
});
