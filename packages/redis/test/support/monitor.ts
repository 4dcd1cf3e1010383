/**
 * What Redis itself saw, from a second connection in MONITOR mode
 * (https://redis.io/docs/latest/commands/monitor/): every command a client sent, one line each;
 * a command a Lua script ran is tagged `[<db> lua]` and is not a round trip, so it is left out.
 * INFO commandstats would count those script-internal commands too.
 */
import { newClient, type TestClient } from './shared-redis.js';

/** A MONITOR connection collecting the commands clients send (names, upper case). */
export class Monitor {
  readonly seen: string[] = [];
  private constructor(private readonly client: TestClient) {}

  static async start(url: string): Promise<Monitor> {
    const client = newClient(url);
    client.on('error', () => undefined);
    await client.connect();
    const monitor = new Monitor(client);
    await client.monitor((line) => {
      const m = /^\S+ \[\d+ ([^\]]+)\] "([^"]+)"/.exec(String(line));
      if (m !== null && m[1] !== 'lua') monitor.seen.push(m[2]!.toUpperCase());
    });
    return monitor;
  }

  /**
   * The commands clients sent while `work` ran. A PING through `probe` (a client of the server)
   * after it marks the end: MONITOR delivers lines in order, so once the PING is seen every
   * command before it has been.
   */
  async during(probe: { sendCommand(args: string[]): Promise<unknown> }, work: () => Promise<unknown>): Promise<string[]> {
    await this.settle(probe);
    this.seen.length = 0;
    await work();
    await this.settle(probe);
    return this.seen.slice(0, -1);
  }

  private async settle(probe: { sendCommand(args: string[]): Promise<unknown> }): Promise<void> {
    const before = this.seen.length;
    await probe.sendCommand(['PING']);
    for (let i = 0; i < 200 && !this.seen.slice(before).includes('PING'); i++) await new Promise((r) => setTimeout(r, 5));
  }

  async stop(): Promise<void> {
    this.client.destroy();
  }
}
