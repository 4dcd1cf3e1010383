/**
 * The revocation work every authenticating server of the HTTP case does per request, written once
 * so that each peer does exactly what Tessera's stores do:
 *
 * - in memory: the memory store's `checkAccess` and the judgement on its answer, three lookups in
 *   one `Map` (`jti:<jti>`, `fam:<sid>`, `epoch:<sub>`), each entry dropped when expired, and the
 *   session refused when it began (`auth_time`) at or before the user's epoch. The Map is empty in
 *   the benchmark, as Tessera's store is.
 * - in Redis: the Redis store's `checkAccess`, one `MGET` of the same three keys through a
 *   node-redis client, judged the same way.
 */

/** `(claims) => boolean` (true: revoked), synchronous, over `revocations`. */
export function revokedInMap(revocations = new Map()) {
  const live = (key, t) => {
    const e = revocations.get(key);
    if (e !== undefined && e.expiresAt <= t) {
      revocations.delete(key);
      return undefined;
    }
    return e;
  };
  return (claims) => {
    const t = Math.floor(Date.now() / 1000);
    const epoch = live(`epoch:${claims.sub}`, t);
    const revoked = live(`jti:${claims.jti}`, t) !== undefined;
    const familyRevoked = live(`fam:${claims.sid}`, t) !== undefined;
    return revoked || familyRevoked || (epoch !== undefined && claims.auth_time <= epoch.value);
  };
}

/** The same check as koa-jwt's and express-jwt's asynchronous `isRevoked(ctxOrReq, claims)`. */
export function mapIsRevoked(revocations = new Map()) {
  const check = revokedInMap(revocations);
  return async (_ctx, claims) => check(claims);
}

/**
 * `(claims) => Promise<boolean>`: one MGET of the token's jti, its session and its user's epoch
 * (`<prefix>{u:<sub>}...`, one hash slot per user as the Redis store keeps them) on `client`.
 */
export function revokedInRedis(client, prefix) {
  return async (claims) => {
    const user = `${prefix}{u:${claims.sub}}`;
    const [jti, family, epoch] = await client.mGet([`${user}jti:${claims.jti}`, `${user}fam:${claims.sid}`, `${user}epoch`]);
    return jti !== null || family !== null || (epoch !== null && claims.auth_time <= Number(epoch.split(' ')[0]));
  };
}
