/**
 * The example's user directory: in memory, passwords hashed with scrypt (node:crypto) and a random
 * salt per user, compared in constant time. A real app keeps the same hash strings in its database.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// OWASP's password storage cheat sheet lists N=2^15, r=8, p=3 among its equivalent scrypt settings
// (32 MiB of memory per hash). The parameters travel inside the hash string so they can be raised later.
const PARAMS = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password, salt, { N, r, p }) {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url), a self-describing password hash. */
export async function hashPassword(password) {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches `stored`; the comparison takes the same time wherever they differ. */
export async function verifyPassword(password, stored) {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The demo accounts. Their passwords are printed by the server: this is an example, not a secret. */
export const DEMO_USERS = [
  { id: 'u-ada', username: 'ada', password: 'correct horse battery staple', roles: ['user'], permissions: ['notes:read'] },
  { id: 'u-grace', username: 'grace', password: 'hopper-1906-cobol', roles: ['user', 'admin'], permissions: ['notes:read', 'users:manage'] },
];

/**
 * An in-memory user store. `locked` users fail sign-in and, because the auth layer calls `loadUser`
 * on every refresh, lose their sessions at the next refresh.
 */
export async function createUserStore(accounts = DEMO_USERS) {
  const byName = new Map();
  const byId = new Map();
  for (const { password, ...user } of accounts) {
    const record = { ...user, passwordHash: await hashPassword(password), locked: false };
    byName.set(record.username, record);
    byId.set(record.id, record);
  }
  // Unknown usernames still pay for one hash, so response time does not reveal which names exist.
  const decoy = await hashPassword(randomBytes(16).toString('hex'));
  return {
    async verify(username, password) {
      const user = typeof username === 'string' ? byName.get(username) : undefined;
      const ok = await verifyPassword(String(password ?? ''), user?.passwordHash ?? decoy);
      return ok && user && !user.locked ? user : null;
    },
    find(id) {
      const user = byId.get(id);
      return user && !user.locked ? user : null;
    },
    lock(username) {
      const user = byName.get(username);
      if (user) user.locked = true;
    },
  };
}
