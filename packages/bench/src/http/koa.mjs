/**
 * The Koa 3 apps of the HTTP case, one per variant, all the same app: `GET /protected` answers 200
 * with `{"sub":...}` (Koa's JSON body), anything else 404; the variants differ only in the guard
 * in front of the route.
 *
 * - `koa-none`: no guard (the ceiling).
 * - `koa-tessera`: `authenticate` of @tessera/koa over the same `createAuth` as the node variant
 *   (bearer, HS256, memory store): signature, claims, then the store's `checkAccess`.
 * - `koa-jwt`: koa-jwt 4 (jsonwebtoken with the secret as a KeyObject, HS256 allow-list, issuer,
 *   audience) with an `isRevoked` that does the revocation work of Tessera's memory store: the same
 *   three lookups in one `Map` (`jti:<jti>`, `fam:<sid>`, `epoch:<sub>`), each entry dropped when
 *   expired, and the session refused when it began (`auth_time`) at or before the user's epoch.
 */
import { createRequire } from 'node:module';
import { AUDIENCE, ISSUER } from './fixtures.mjs';

const require = createRequire(import.meta.url);

/**
 * The revocation check of Tessera's memory store (`checkAccess` and the judgement on its answer),
 * as a koa-jwt `isRevoked`. The Map is empty in the benchmark, as Tessera's store is.
 */
export function mapIsRevoked(revocations = new Map()) {
  const live = (key, t) => {
    const e = revocations.get(key);
    if (e !== undefined && e.expiresAt <= t) {
      revocations.delete(key);
      return undefined;
    }
    return e;
  };
  return async (_ctx, claims) => {
    const t = Math.floor(Date.now() / 1000);
    const epoch = live(`epoch:${claims.sub}`, t);
    const revoked = live(`jti:${claims.jti}`, t) !== undefined;
    const familyRevoked = live(`fam:${claims.sid}`, t) !== undefined;
    return revoked || familyRevoked || (epoch !== undefined && claims.auth_time <= epoch.value);
  };
}

/**
 * The request listener of one Koa variant.
 * @param {'koa-none' | 'koa-tessera' | 'koa-jwt'} name
 * @param {{ keyObject: import('node:crypto').KeyObject, tesseraAuth: () => Promise<object> }} deps
 */
export async function koaListener(name, { keyObject, tesseraAuth }) {
  const { default: Koa } = await import('koa');
  let guard;
  switch (name) {
    case 'koa-none':
      guard = (ctx, next) => {
        ctx.state.user = { sub: 'anonymous' };
        return next();
      };
      break;
    case 'koa-tessera': {
      const { authenticate } = await import(process.env.BENCH_KOA_URL);
      guard = authenticate(await tesseraAuth(), { onError: () => {} });
      break;
    }
    case 'koa-jwt':
      guard = require('koa-jwt')({ secret: keyObject, algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, isRevoked: mapIsRevoked() });
      break;
    default:
      throw new Error(`unknown Koa variant ${name}`);
  }
  const app = new Koa();
  app.silent = true; // a refusal is not an error worth logging here
  app.use((ctx, next) => (ctx.path === '/protected' ? guard(ctx, next) : undefined)); // otherwise Koa's 404
  app.use((ctx) => {
    ctx.body = { sub: ctx.state.user.sub };
  });
  return app.callback();
}
