/**
 * A Redis Cluster of three masters on free ports, started for a test and stopped after it:
 * `redis-server --cluster-enabled yes` per node, then `redis-cli --cluster create … --cluster-yes`
 * (https://redis.io/docs/latest/operate/oss_and_stack/management/scaling/), then wait for
 * `cluster_state:ok` on every node.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { eventually } from './eventually.js';
import { freePort, RedisServer } from './redis-server.js';
import { newClient } from './shared-redis.js';

const run = promisify(execFile);

export class RedisCluster {
  private constructor(readonly nodes: RedisServer[]) {}

  /** Starts three nodes, creates the cluster, and waits until it serves every slot. */
  static async start(): Promise<RedisCluster> {
    const nodes: RedisServer[] = [];
    const cluster = new RedisCluster(nodes);
    try {
      for (let i = 0; i < 3; i++) {
        // The bus port is chosen too: the default (port + 10000) may be taken or beyond 65535.
        nodes.push(await RedisServer.start(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(await freePort())]));
      }
      const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
      await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
      for (const node of nodes) {
        await eventually(async () => {
          const client = newClient(node.url);
          try {
            await client.connect();
            const info = String(await client.sendCommand(['CLUSTER', 'INFO']));
            if (!info.includes('cluster_state:ok')) throw new Error(`node ${node.port}: ${info.split('\n')[0]}`);
          } finally {
            client.destroy();
          }
        }, 20_000);
      }
      return cluster;
    } catch (err) {
      await cluster.stop();
      throw err;
    }
  }

  get rootNodes(): { url: string }[] {
    return this.nodes.map((n) => ({ url: n.url }));
  }

  /** Stops every node and removes their directories. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
  }
}
