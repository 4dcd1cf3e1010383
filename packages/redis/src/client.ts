/**
 * The two kinds of node-redis client the store accepts, typed by the little it uses (so node-redis
 * 5 and 6, with any modules or scripts the application registered, fit), and how to name the server
 * a client talks to in an error message without its credentials.
 */

/** A node-redis standalone client (`createClient()`), as the store uses it. */
export interface RedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
  readonly options?: { url?: string; socket?: { host?: string; port?: number; path?: string } } | undefined;
}

/** A node-redis cluster client (`createCluster()`): commands are routed by their first key. */
export interface RedisClusterLike {
  sendCommand(firstKey: string | undefined, isReadonly: boolean | undefined, args: string[]): Promise<unknown>;
  readonly masters: unknown;
  readonly _options?: { rootNodes?: ReadonlyArray<{ url?: string; socket?: { host?: string; port?: number } }> } | undefined;
}

/** Either kind of client. */
export type AnyRedisClient = RedisClientLike | RedisClusterLike;

/** Sends one command; `key` routes it on a cluster (every key of one command shares its slot). */
export type Send = (key: string, readonly: boolean, args: string[]) => Promise<unknown>;

/** Whether the client is a cluster client (it knows its masters). */
export function isCluster(client: AnyRedisClient): client is RedisClusterLike {
  return 'masters' in client;
}

/** The command sender for a client of either kind. */
export function sender(client: AnyRedisClient): Send {
  if (isCluster(client)) return (key, readonly, args) => client.sendCommand(key, readonly, args);
  return (_key, _readonly, args) => client.sendCommand(args);
}

/** `host:port` of a Redis URL, without user name or password (they never reach a message). */
export function addressOfUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port === '' ? '6379' : u.port}`;
  } catch {
    return 'an unparsable URL';
  }
}

function addressOfNode(node: { url?: string; socket?: { host?: string; port?: number; path?: string } } | undefined): string {
  if (node?.url !== undefined) return addressOfUrl(node.url);
  if (node?.socket?.path !== undefined) return node.socket.path;
  return `${node?.socket?.host ?? '127.0.0.1'}:${node?.socket?.port ?? 6379}`;
}

/** How an error message names the server(s): `127.0.0.1:6379`, or `cluster 10.0.0.1:7000, …`. */
export function describeClient(client: AnyRedisClient): string {
  if (isCluster(client)) {
    const roots = client._options?.rootNodes ?? [];
    return `Redis Cluster (${roots.length === 0 ? 'unknown nodes' : roots.map(addressOfNode).join(', ')})`;
  }
  return `Redis at ${addressOfNode(client.options)}`;
}
