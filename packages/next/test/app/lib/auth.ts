// lib/auth.ts: the auth layer on the Node side, created on first use (not while `next build` runs).
import { createAuth, createMemoryStore, type Auth, type AuthStore } from '@tessera/jwt-core/server';
import { nextAuth } from '@tessera/next';
import { authConfig } from '../auth.config';

const users = [
  { id: 'u-ada', username: 'ada', password: 'pw-ada', roles: ['user'] },
  { id: 'u-root', username: 'root', password: 'pw-root', roles: ['user', 'admin'] },
];

// Next.js bundles proxy.ts and the routes separately, each with its own copy of this module: the
// memory store is kept on globalThis so that all of them share one (a farm uses Redis instead).
const shared = globalThis as { tesseraStore?: AuthStore };
let instance: Auth | undefined;
export const auth = (): Auth => (instance ??= createAuth({
  ...authConfig,
  store: (shared.tesseraStore ??= createMemoryStore()),
  authenticate: ({ username, password }) => users.find((u) => u.username === username && u.password === password) ?? null,
  loadUser: (sub) => users.find((u) => u.id === sub) ?? null,
  claims: (user) => ({ sub: user.id, roles: user.roles }),
}));

export const { GET, POST, withAuth, getAuth, requireAuth } = nextAuth(auth, { signInPage: '/sign-in' });
