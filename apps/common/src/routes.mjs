/**
 * What every example app says about itself (apps/README.md): the routes `GET /` lists, and the
 * origins allowed to send cookie-authenticated POSTs.
 */

/** `GET /`'s `routes`: each route of the contract and what it is for. */
export const ROUTES = Object.freeze({
  'GET /': 'this page (public)',
  'GET /api/me': 'your claims (signed in)',
  'GET /api/admin': 'admins only (role "admin")',
  'POST /auth/login': 'sign in with {"username","password"} as JSON, a form or HTTP Basic',
  'POST /auth/refresh': 'rotate the refresh token, get a new access token',
  'POST /auth/logout': 'end this session',
  'POST /auth/logout-all': 'end every session of this user',
  'GET /auth/session': 'the current claims',
  'GET /.well-known/jwks.json': 'the public keys',
});

/** The origins allowed to send cookie-authenticated POSTs: the public origin, and its `localhost` twin on 127.0.0.1. */
export function allowedOriginsFor(origin) {
  const url = new URL(origin);
  if (url.hostname !== '127.0.0.1') return [origin];
  url.hostname = 'localhost'; // the same app is often opened as http://localhost:PORT in a browser
  return [origin, url.origin];
}
