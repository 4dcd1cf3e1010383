/** The exported types fit Koa's own: `ctx.state` typed with KoaAuthState, middlewares accepted by app.use and @koa/router. */
import Koa from 'koa';
import Router from '@koa/router';
import { expect, expectTypeOf, it } from 'vitest';
import type { AccessClaims } from '@tessera/jwt-core/server';
import { authenticate, authRoutes, requireAuth, type KoaAuthState } from '../../src/index.js';
import { setup } from '../helpers/setup.js';

it('types ctx.state.user as the verified claims and plugs into app.use and the router', () => {
  const { auth } = setup();
  const app = new Koa<KoaAuthState>();
  app.use(authRoutes(auth)).use(authenticate(auth, { passthrough: true }));
  const router = new Router<KoaAuthState>();
  router.get('/me', requireAuth(auth), (ctx) => {
    expectTypeOf(ctx.state.user).toEqualTypeOf<AccessClaims | undefined>();
    ctx.body = { sub: ctx.state.user?.sub };
  });
  app.use(router.routes());
  expect(app.middleware.length).toBe(3);
});
