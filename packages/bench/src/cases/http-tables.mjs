/**
 * The tables of the HTTP case and their servers. Each server is named by its variant (the handler
 * in ../http/) and runs with the table's token algorithm.
 */
import { REDIS_PEERS, REDIS_VARIANT } from './http-redis.mjs';

const NONE = { name: 'no auth', variant: 'none', group: 'baseline' };
const HS_FLOOR = { name: 'node:crypto floor + Map', variant: 'floor', group: 'floor', primary: true };
const TESSERA = { name: 'Tessera (@tessera/node)', variant: 'tessera', group: 'ours', primary: true };

/**
 * The tables: `alg` of the token, the `ceiling` (no auth) whose CPU is subtracted for the auth
 * cost, and the `floor` whose auth cost Tessera's is held against (`key`s are `alg:variant`).
 */
export const HTTP_TABLES = [
  {
    table: 'http', alg: 'HS256', ceiling: 'HS256:none', floor: 'HS256:floor',
    id: 'HTTP: GET /protected with an HS256 bearer token (node:http)',
    variants: [
      NONE, HS_FLOOR, TESSERA,
      { name: 'Tessera core only (createVerifier in the handler) + Map', variant: 'tessera-core', group: 'ours' },
      { name: 'jsonwebtoken + Map', variant: 'jsonwebtoken', group: 'peer' },
      { name: 'fast-jwt + Map', variant: 'fast-jwt', group: 'peer' },
      { name: 'jose + Map', variant: 'jose', group: 'peer' },
    ],
  },
  {
    table: 'es256', alg: 'ES256', ceiling: 'HS256:none', floor: 'ES256:floor',
    id: 'HTTP: the same route with an ES256 bearer token (node:http)',
    variants: [
      { ...HS_FLOOR, name: 'node:crypto floor + Map (ES256)' },
      { ...TESSERA, name: 'Tessera (@tessera/node, ES256)' },
      { name: 'jsonwebtoken + Map (ES256)', variant: 'jsonwebtoken', group: 'peer' },
      { name: 'fast-jwt + Map (ES256)', variant: 'fast-jwt', group: 'peer' },
    ],
  },
  {
    table: 'express', alg: 'HS256', ceiling: 'HS256:express-none', floor: 'HS256:express-floor',
    id: 'HTTP on Express 5: the same route and HS256 token behind each middleware',
    variants: [
      { name: 'Express, no auth', variant: 'express-none', group: 'baseline' },
      { name: 'node:crypto floor + Map (Express middleware)', variant: 'express-floor', group: 'floor', primary: true },
      { name: 'Tessera (@tessera/node createMiddleware on Express)', variant: 'express-tessera', group: 'ours', primary: true },
      { name: 'express-jwt + Map isRevoked', variant: 'express-jwt', group: 'peer' },
    ],
  },
  {
    table: 'koa', alg: 'HS256', ceiling: 'HS256:koa-none', floor: 'HS256:koa-floor',
    id: 'HTTP on Koa 3: the same route and HS256 token behind each middleware',
    variants: [
      { name: 'Koa, no auth', variant: 'koa-none', group: 'baseline' },
      { name: 'node:crypto floor + Map (Koa middleware)', variant: 'koa-floor', group: 'floor', primary: true },
      { name: 'Tessera (@tessera/koa)', variant: 'koa-tessera', group: 'ours', primary: true },
      { name: 'koa-jwt + Map isRevoked', variant: 'koa-jwt', group: 'peer' },
    ],
  },
  {
    table: 'redis', alg: 'HS256', ceiling: 'HS256:none', floor: 'HS256:floor-redis',
    id: 'HTTP: the Redis store (one MGET per request) against the peers doing the same Redis work',
    variants: [REDIS_VARIANT, ...REDIS_PEERS],
  },
];

