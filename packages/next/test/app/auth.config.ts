// auth.config.ts: what the Edge middleware and the Node side share (no store, no user callbacks).
import { importSecret } from '@tessera/jwt-core';

export const authConfig = {
  keys: importSecret(process.env.TESSERA_SECRET!, { alg: 'HS256', kid: 'k1' }),
  issuer: process.env.TESSERA_ORIGIN!,
  audience: 'next-app',
  origin: process.env.TESSERA_ORIGIN!,            // the public origin: CSRF, and where the Edge refreshes
  refreshUrl: process.env.TESSERA_REFRESH_URL,     // or the Node side's own address for that refresh
  accessTokenTtl: process.env.TESSERA_ACCESS_TTL ?? '10m',
  cookies: { refreshPath: '/' },                  // the refresh cookie must reach the middleware
};
