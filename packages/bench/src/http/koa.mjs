/**
 * The Koa 3 apps of the HTTP case, one per variant, all the same app: `GET /protected` answers 200
 * with `{"sub":...}` (Koa's JSON body), anything else 404; the variants differ only in the guard
 * in front of the route.
 *
 * - `koa-none`: no guard (the ceiling).
 * - `koa-floor`: the hand-written floor (material.mjs) as Koa middleware.
 * - `koa-tessera`: `authenticate` of @tessera/koa over the same `createAuth` as the node variant
 *   (bearer, memory store): signature, claims, then the store's `checkAccess`.
 * - `koa-jwt`: koa-jwt 4 (jsonwebtoken with the key as a KeyObject, the algorithm allow-list,
 *   issuer, audience) with an `isRevoked` that does the revocation work of Tessera's memory store
 *   (./revocation.mjs).
 */
import { createRequire } from 'node:module';
import { AUDIENCE, ISSUER } from '../fixtures.mjs';
import { bearer, floorVerifier, tesseraAuth } from './material.mjs';
import { mapIsRevoked, revokedInMap } from './revocation.mjs';

const require = createRequire(import.meta.url);

/**
 * The request listener of one Koa variant.
 * @param {'koa-none' | 'koa-tessera' | 'koa-jwt'} name
 * @param {object} k the key material (material.mjs)
 */
export async function koaListener(name, k) {
  const { default: Koa } = await import('koa');
  let guard;
  switch (name) {
    case 'koa-none':
      guard = (ctx, next) => {
        ctx.state.user = { sub: 'anonymous' };
        return next();
      };
      break;
    case 'koa-floor': {
      const verify = floorVerifier(k, revokedInMap());
      guard = (ctx, next) => {
        try {
          ctx.state.user = verify(bearer(ctx.req));
        } catch {
          ctx.status = 401;
          ctx.body = { error: 'unauthorized' };
          return undefined;
        }
        return next();
      };
      break;
    }
    case 'koa-tessera': {
      const { authenticate } = await import(process.env.BENCH_KOA_URL);
      guard = authenticate(await tesseraAuth(k), { onError: () => {} });
      break;
    }
    case 'koa-jwt':
      guard = require('koa-jwt')({ secret: k.publicKey, algorithms: [k.alg], issuer: ISSUER, audience: AUDIENCE, isRevoked: mapIsRevoked() });
      break;
    default:
      return undefined;
  }
  const app = new Koa();
  app.silent = true; // a refusal is not an error worth logging here
  app.use((ctx, next) => (ctx.path === '/protected' ? guard(ctx, next) : undefined)); // otherwise Koa's 404
  app.use((ctx) => {
    ctx.body = { sub: ctx.state.user.sub };
  });
  return app.callback();
}
