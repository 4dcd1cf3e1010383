/**
 * `createAuth`: wires the validated configuration to the endpoints, `authenticate` and `require`.
 */
import type { AuthContext } from './context.js';
import { createContext } from './context.js';
import { resolveConfig } from './config.js';
import { authenticateRequest } from './authenticate.js';
import { publicJwks } from './jose.js';
import { authorizeClaims, requireRights } from './require.js';
import { revokeUserSessions } from './revocation.js';
import { handleRequest, isEndpoint } from './routes.js';
import type { AccessClaims, Auth, AuthConfig, AuthenticateOptions, AuthRequest, Requirement } from './types.js';

/**
 * Creates the auth layer: sign-in, short-lived access tokens, rotating refresh tokens, logout that
 * really logs out, on Web-standard `Request`/`Response`. The configuration is validated here; a
 * mistake throws `ERR_JOSE_INVALID_OPTION` at start-up. Defaults: cookie transport, access tokens
 * 10 minutes, refresh tokens 14 days (sessions at most 30 days), 5 s clock tolerance, 10 s refresh
 * reuse grace, in-memory store, endpoints under `/auth`. See docs/server.md.
 *
 * @example
 * ```ts
 * import { createAuth } from '@tessera/jwt-core/server';
 *
 * const auth = createAuth({
 *   keys: ring,                                   // createKeyRing({ signing: key })
 *   issuer: 'https://app.example.com', audience: 'app', origin: 'https://app.example.com',
 *   authenticate: async ({ username, password }) => users.check(username, password), // user | null
 *   loadUser: async (sub) => users.findActive(sub),                                    // user | null
 *   claims: (user) => ({ sub: user.id, roles: user.roles }),
 * });
 *
 * // In any Web-standard server:
 * const response = await auth.handle(request);          // the /auth/* endpoints, or null
 * if (response) return response;
 * const result = await auth.require(request, { roles: ['admin'] });
 * if (!result.ok) return result.response;               // 401 / 403 / 503, ready to send
 * // ... serve the route for result.claims.sub, adding result.headers (Set-Cookie after a refresh)
 * ```
 */
export function createAuth<User>(config: AuthConfig<User>): Auth {
  const cfg = resolveConfig(config);
  const ctx: AuthContext<User> = createContext(cfg, config.now === undefined);
  return Object.freeze({
    transport: cfg.transport,
    basePath: cfg.basePath,
    handle: (request: Request) => handleRequest(ctx, request),
    handles: (target: string) => isEndpoint(ctx, target),
    authenticate: (request: Request | AuthRequest, options?: AuthenticateOptions) => authenticateRequest(ctx, request, options?.refresh !== false),
    require: (request: Request | AuthRequest, requirement?: Parameters<Auth['require']>[1]) => requireRights(ctx, request, requirement),
    authorize: (claims: AccessClaims, requirement?: Requirement) => authorizeClaims(ctx, claims, requirement),
    revokeUser: (sub: string) => revokeUserSessions(cfg, sub, ctx.now()),
    jwks: () => publicJwks(cfg.verifyKeys),
  });
}
