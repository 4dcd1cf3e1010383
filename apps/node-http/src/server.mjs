#!/usr/bin/env node
/**
 * `npm start`: runs the example API on 127.0.0.1:PORT (default 3000) and prints curl commands for
 * every flow. TRANSPORT=bearer switches from cookies (browsers) to Authorization headers (API clients).
 */
import { startServer } from './app.mjs';
import { DEMO_USERS } from './users.mjs';

const port = Number(process.env.PORT ?? 3000);
const transport = process.env.TRANSPORT ?? 'cookie';
const app = await startServer({ port, transport });
const [ada, grace] = DEMO_USERS;
const login = (user) => `'{"username":"${user.username}","password":"${user.password}"}'`;

const cookieFlow = `
  B=${app.url}; O="Origin: ${app.url}"    # cookie mode: POSTs must name an allowed Origin (CSRF)
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
Tessera example API listening on ${app.url}  (transport: ${app.auth.transport})

Users: ${ada.username} / ${ada.password}   (role: user)
       ${grace.username} / ${grace.password}   (roles: user, admin)

Try it:${app.auth.transport === 'bearer' ? bearerFlow : cookieFlow}

Public keys: curl -s ${app.url}/.well-known/jwks.json      Stop with Ctrl+C.
`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
