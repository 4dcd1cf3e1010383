/**
 * The Express 5 apps of the HTTP case, one per variant, all the same app: `GET /protected` answers
 * 200 with `{"sub":...}` (`res.json`), anything else Express's 404; the variants differ only in the
 * middleware in front of the route.
 *
 * - `express-none`: no auth (the Express ceiling).
 * - `express-floor`: the hand-written floor (material.mjs) as Express middleware.
 * - `express-tessera`: `createMiddleware` of @tessera/node (connect-style) over `createAuth`
 *   (bearer, memory store): signature, claims, then the store's `checkAccess`.
 * - `express-jwt`: express-jwt 8 (jsonwebtoken; the key as a KeyObject, the algorithm allow-list,
 *   issuer, audience) with an `isRevoked` doing the memory store's revocation work
 *   (./revocation.mjs), and an error handler answering its refusals with 401.
 */
import { createRequire } from 'node:module';
import { AUDIENCE, ISSUER } from '../fixtures.mjs';
import { bearer, floorVerifier, tesseraAuth } from './material.mjs';
import { revokedInMap } from './revocation.mjs';

const require = createRequire(import.meta.url);

/** The request listener of Express variant `name` for key `k`. */
export async function expressHandler(name, k) {
  let guard;
  switch (name) {
    case 'express-none':
      guard = (req, _res, next) => {
        req.auth = { sub: 'anonymous' };
        next();
      };
      break;
    case 'express-floor': {
      const verify = floorVerifier(k, revokedInMap());
      guard = (req, res, next) => {
        try {
          req.auth = verify(bearer(req));
        } catch {
          return void res.status(401).json({ error: 'unauthorized' });
        }
        return next();
      };
      break;
    }
    case 'express-tessera': {
      const { createMiddleware } = await import(process.env.BENCH_NODE_URL);
      guard = createMiddleware(await tesseraAuth(k), { onError: () => {} });
      break;
    }
    case 'express-jwt': {
      const { expressjwt } = require('express-jwt');
      const revoked = revokedInMap();
      // express-jwt 8 hands isRevoked the decoded token ({ header, payload, signature }).
      guard = expressjwt({ secret: k.publicKey, algorithms: [k.alg], issuer: ISSUER, audience: AUDIENCE, isRevoked: async (_req, token) => revoked(token.payload) });
      break;
    }
    default:
      return undefined;
  }
  const express = require('express');
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.get('/protected', guard, (req, res) => {
    res.json({ sub: req.auth.sub });
  });
  // express-jwt refuses by calling next(err): its documented way to answer that is an error handler.
  app.use((err, _req, res, _next) => {
    res.status(err.status ?? 500).json({ error: 'unauthorized' });
  });
  return app;
}
