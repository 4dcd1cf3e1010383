/**
 * `npm start` of every example app: reads the settings every app reads (apps/README.md: PORT, HOST,
 * TRANSPORT, TESSERA_ORIGIN, TESSERA_ACCESS_TTL, TESSERA_REFRESH_GRACE, REDIS_URL,
 * TESSERA_REDIS_PREFIX, TESSERA_TRUSTED_*, and the signing key variables of loadKeyRing), starts the app, prints curl
 * commands for every flow, and stops on SIGINT/SIGTERM. A value it cannot use, or a Redis it
 * cannot reach, stops it with a message naming the variable (exit 1).
 */
import { readConfig } from './config.mjs';
import { DEMO_USERS } from './users.mjs';

const login = (user) => `'{"username":"${user.username}","password":"${user.password}"}'`;

function instructions(app) {
  const [ada] = DEMO_USERS;
  if (app.auth.transport === 'bearer') {
    return `
  B=${app.url}
  curl -s -H 'content-type: application/json' -d ${login(ada)} $B/auth/login   # {"access_token", "refresh_token", ...}
  AT=<access_token>; RT=<refresh_token>
  curl -s -H "Authorization: Bearer $AT" $B/api/me
  curl -s -H "Authorization: Bearer $AT" $B/api/admin                      # 403: ada is not an admin
  curl -s -H 'content-type: application/json' -d "{\\"refresh_token\\":\\"$RT\\"}" $B/auth/refresh
  curl -s -H "Authorization: Bearer $AT" -X POST $B/auth/logout
  curl -s -H "Authorization: Bearer $AT" $B/api/me                         # 401: revoked`;
  }
  return `
  B=${app.url}; O="Origin: ${app.origin}"    # cookie modes: POSTs must name an allowed Origin (CSRF)
  curl -s $B/
  curl -s -c jar -H "$O" -H 'content-type: application/json' -d ${login(ada)} $B/auth/login
  curl -s -b jar $B/api/me
  curl -s -b jar $B/api/admin                          # 403: ada is not an admin
  curl -s -b jar -c jar -H "$O" -X POST $B/auth/refresh  # rotates both cookies
  curl -s -b jar -c jar -H "$O" -X POST $B/auth/logout
  curl -s -b jar $B/api/me                             # 401: signed out
  curl -s -X POST -H 'content-type: application/json' -d ${login(ada)} $B/auth/login   # 403: no Origin`;
}

/**
 * Runs `startServer` (the app's, taking `{ port, host, transport, origin, accessTokenTtl,
 * refreshReuseGrace, redisUrl, redisPrefix, trustedIssuer }`) as `npm start`; SIGINT/SIGTERM close the server
 * and then its store.
 */
export async function serverMain(startServer) {
  let app;
  try {
    const { port, host, transport, origin, accessTokenTtl, refreshReuseGrace, redisUrl, redisPrefix, trustedIssuer } = readConfig(process.env);
    app = await startServer({ port, host, transport, origin, accessTokenTtl, refreshReuseGrace, redisUrl, redisPrefix, trustedIssuer });
  } catch (error) {
    // ConfigError (config.mjs), a JoseError from loadKeyRing or createAuth, Redis unreachable at
    // REDIS_URL (store.mjs), or a listen error: each names its variable.
    console.error(`Tessera example API cannot start: ${error instanceof Error ? error.message : String(error)}`);
    if (error?.hint) console.error(`  hint: ${error.hint}`);
    process.exit(1);
  }
  const [ada, grace] = DEMO_USERS;
  console.log(`
Tessera example API listening on ${app.url}  (transport: ${app.auth.transport}, origin and issuer: ${app.origin})
Sessions: ${app.sessions.label}

Users: ${ada.username} / ${ada.password}   (role: user)
       ${grace.username} / ${grace.password}   (roles: user, admin)

Try it:${instructions(app)}

Public keys: curl -s ${app.url}/.well-known/jwks.json      Stop with Ctrl+C.
`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  }
  return app;
}
