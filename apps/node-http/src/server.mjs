#!/usr/bin/env node
/**
 * `npm start`: runs the example API with the settings every example app reads (apps/README.md):
 * PORT (3000), HOST (127.0.0.1), TRANSPORT (cookie | bearer | split), TESSERA_ORIGIN (the public
 * origin and issuer; default http://HOST:PORT), TESSERA_ACCESS_TTL (10m) and the signing key
 * variables of loadKeyRing (TESSERA_SIGNING_KEY or TESSERA_SIGNING_KEY_FILE, ...). It prints curl
 * commands for every flow. A value it cannot use stops it with a message naming the variable (exit 1).
 */
import { startServer } from './app.mjs';
import { readConfig } from './config.mjs';
import { DEMO_USERS } from './users.mjs';

let app;
try {
  const { port, host, transport, origin, accessTokenTtl } = readConfig(process.env);
  app = await startServer({ port, host, transport, origin, accessTokenTtl });
} catch (error) {
  // ConfigError (config.mjs), a JoseError from loadKeyRing or createAuth, or a listen error: each names its variable.
  console.error(`Tessera example API cannot start: ${error instanceof Error ? error.message : String(error)}`);
  if (error?.hint) console.error(`  hint: ${error.hint}`);
  process.exit(1);
}
const [ada, grace] = DEMO_USERS;
const login = (user) => `'{"username":"${user.username}","password":"${user.password}"}'`;

const cookieFlow = `
  B=${app.url}; O="Origin: ${app.origin}"    # cookie modes: POSTs must name an allowed Origin (CSRF)
  curl -s $B/
  curl -s -c jar -H "$O" -H 'content-type: application/json' -d ${login(ada)} $B/auth/login
  curl -s -b jar $B/api/me
  curl -s -b jar $B/api/admin                          # 403: ada is not an admin
  curl -s -b jar -c jar -H "$O" -X POST $B/auth/refresh  # rotates both cookies
  curl -s -b jar -c jar -H "$O" -X POST $B/auth/logout
  curl -s -b jar $B/api/me                             # 401: signed out
  curl -s -X POST -H 'content-type: application/json' -d ${login(ada)} $B/auth/login   # 403: no Origin`;

const bearerFlow = `
  B=${app.url}
  curl -s -H 'content-type: application/json' -d ${login(ada)} $B/auth/login   # {"access_token", "refresh_token", ...}
  AT=<access_token>; RT=<refresh_token>
  curl -s -H "Authorization: Bearer $AT" $B/api/me
  curl -s -H "Authorization: Bearer $AT" $B/api/admin                      # 403: ada is not an admin
  curl -s -H 'content-type: application/json' -d "{\\"refresh_token\\":\\"$RT\\"}" $B/auth/refresh
  curl -s -H "Authorization: Bearer $AT" -X POST $B/auth/logout
  curl -s -H "Authorization: Bearer $AT" $B/api/me                         # 401: revoked`;

console.log(`
Tessera example API listening on ${app.url}  (transport: ${app.auth.transport}, origin and issuer: ${app.origin})

Users: ${ada.username} / ${ada.password}   (role: user)
       ${grace.username} / ${grace.password}   (roles: user, admin)

Try it:${app.auth.transport === 'bearer' ? bearerFlow : cookieFlow}

Public keys: curl -s ${app.url}/.well-known/jwks.json      Stop with Ctrl+C.
`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
