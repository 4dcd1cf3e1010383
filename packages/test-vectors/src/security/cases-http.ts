/**
 * The HTTP layer (`@tessera/jwt-core/server` and the adapters built on it): every failure path
 * denies, protection does not hang on a middleware that a header can skip, refresh rotation is
 * atomic under concurrency, and identity never comes from the request body.
 */
import { accepted, all, NOW, refused } from './attempt.js';
import { hmacKey, signValid, verifyOptions } from './keys.js';
import type { SecurityApi, SecurityAuth, SecurityCase, SecurityServerApi } from './types.js';

const ORIGIN = 'https://app.example.com';
const USERS = [
  { id: 'u-alice', name: 'alice', password: 'correct horse', roles: ['admin'] },
  { id: 'u-bob', name: 'bob', password: 'battery staple', roles: [] as string[] },
];
type User = (typeof USERS)[number];

/** A store whose methods throw while `broken` is true. */
function flakyStore(server: SecurityServerApi, now: () => Date): { store: object; setBroken(b: boolean): void } {
  const inner = server.createMemoryStore({ now }) as Record<string, (...a: unknown[]) => Promise<unknown>>;
  let broken = false;
  const store: Record<string, unknown> = {};
  for (const name of Object.keys(inner)) {
    store[name] = async (...args: unknown[]) => {
      if (broken) throw new Error('store unavailable');
      return inner[name]!(...args);
    };
  }
  return { store, setBroken: (b) => { broken = b; } };
}

function makeAuth(api: SecurityApi, overrides: Record<string, unknown> = {}): SecurityAuth {
  const now = () => new Date(NOW * 1000);
  return api.server!.createAuth({
    keys: api.importSecret(crypto.getRandomValues(new Uint8Array(32)), { alg: 'HS256', kid: 'k1' }),
    issuer: ORIGIN, audience: 'app', origin: ORIGIN, transport: 'bearer', now,
    // Explicit: on an Edge runtime createAuth refuses the implicit in-memory default.
    store: api.server!.createMemoryStore({ now }),
    authenticate: ({ username, password }: { username: string; password: string }) => USERS.find((u) => u.name === username && u.password === password) ?? null,
    loadUser: (sub: string) => USERS.find((u) => u.id === sub) ?? null,
    claims: (u: User) => ({ sub: u.id, name: u.name, roles: u.roles }),
    logger: { warn: () => undefined },
    ...overrides,
  });
}

function post(path: string, json: unknown, headers: Record<string, string> = {}): Request {
  return new Request(new URL(path, ORIGIN), { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers }, body: JSON.stringify(json) });
}

async function login(auth: SecurityAuth, name: string, password: string, extra: Record<string, unknown> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await auth.handle(post('/auth/login', { username: name, password, ...extra }));
  if (res === null) return { status: 0, body: {} };
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

async function subOf(auth: SecurityAuth, request: Request): Promise<string | number> {
  const r = await auth.authenticate(request);
  return r.ok ? String((r.claims as { sub?: unknown }).sub) : r.response.status;
}

export const httpCases: SecurityCase[] = [
  {
    id: 'GHSA-8fpg-xm3f-6cx3',
    aliases: [],
    area: 'http',
    title: 'middleware failing open on an internal error',
    summary: 'An authentication middleware treated an exception inside its own checks (a failing dependency, a key lookup error) as "no decision" and let the request through.',
    protection: 'Every failure path denies: a rejecting key resolver or revocation hook rejects verification; a throwing store gives 503 (ERR_AUTH_UNAVAILABLE), never access.',
    references: ['https://github.com/advisories/GHSA-8fpg-xm3f-6cx3'],
    vectors: [],
    checks: [
      {
        name: 'a key resolver that throws or rejects, and a revoked hook that throws, deny',
        expect: { behaviour: 'verification rejects; the token is never accepted' },
        async run(api, ctx) {
          const key = hmacKey(api);
          const token = await signValid(api, ctx, key, 'HS256');
          const attempts: [string, () => Promise<unknown>][] = [
            ['resolver throws', () => api.verifyJwt(token, () => { throw new Error('key service down'); }, verifyOptions(ctx, ['HS256']))],
            ['resolver rejects', () => api.verifyJwt(token, async () => { throw new Error('key service down'); }, verifyOptions(ctx, ['HS256']))],
            ['createVerifier, resolver rejects', () => api.createVerifier({ keys: async () => { throw new Error('down'); }, ...verifyOptions(ctx, ['HS256']) })(token)],
            ['revoked hook throws', () => api.createVerifier({ keys: key, ...verifyOptions(ctx, ['HS256']), revoked: () => { throw new Error('redis down'); } })(token)],
            ['revoked hook returns a non-boolean', () => api.createVerifier({ keys: key, ...verifyOptions(ctx, ['HS256']), revoked: () => undefined })(token)],
          ];
          for (const [what, attempt] of attempts) {
            try {
              await attempt();
              return `${what}: the token was accepted`;
            } catch {
              // Denied, as it must be.
            }
          }
          return accepted('the same token with a working resolver (control)', () => api.verifyJwt(token, () => key, verifyOptions(ctx, ['HS256'])));
        },
      },
      {
        name: 'createAuth with a store that throws: authenticate gives 503, login gives 503, never access',
        expect: { behaviour: '503 ERR_AUTH_UNAVAILABLE, ok: false' },
        server: true,
        async run(api) {
          const { store, setBroken } = flakyStore(api.server!, () => new Date(NOW * 1000));
          const auth = makeAuth(api, { store });
          const session = await login(auth, 'alice', 'correct horse');
          if (session.status !== 200) return `login (control) gave ${session.status}`;
          const request = () => new Request(new URL('/api/me', ORIGIN), { headers: { authorization: `Bearer ${String(session.body.access_token)}` } });
          const control = await auth.authenticate(request());
          if (!control.ok) return 'a valid access token was refused with a working store (control)';
          setBroken(true);
          const r = await auth.authenticate(request());
          if (r.ok) return 'authenticate granted access while the store was throwing';
          if (r.response.status !== 503 || r.error.code !== 'ERR_AUTH_UNAVAILABLE') return `authenticate gave ${r.response.status} ${r.error.code}, expected 503 ERR_AUTH_UNAVAILABLE`;
          const again = await login(auth, 'alice', 'correct horse');
          return again.status === 503 ? null : `login with a throwing store gave ${again.status}`;
        },
      },
    ],
  },
  {
    id: 'CVE-2025-29927',
    aliases: [],
    area: 'http',
    title: 'a request header skips Next.js middleware',
    summary: 'Next.js trusted the internal x-middleware-subrequest header from clients and skipped middleware for requests carrying it, so apps whose only authorization check lived in middleware were open.',
    protection: 'auth.authenticate/require run where the data is served (route handlers, server code) and ignore x-middleware-subrequest; the Next adapter (when it lands) must call them in route handlers, not only in middleware.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2025-29927'],
    vectors: [],
    checks: [
      {
        name: 'authenticate with x-middleware-subrequest still requires a valid token',
        expect: { behaviour: '401 without a valid token; the header changes nothing' },
        server: true,
        async run(api) {
          const auth = makeAuth(api);
          const session = await login(auth, 'bob', 'battery staple');
          const skip = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware', 'x-middleware-prefetch': '1' };
          const req = (headers: Record<string, string>) => new Request(new URL('/api/admin', ORIGIN), { headers });
          const results: [string, string | number, string | number][] = [
            ['no token', await subOf(auth, req(skip)), 401],
            ['a garbage token', await subOf(auth, req({ ...skip, authorization: 'Bearer x.y.z' })), 401],
            ['a valid token (control)', await subOf(auth, req({ ...skip, authorization: `Bearer ${String(session.body.access_token)}` })), 'u-bob'],
          ];
          for (const [what, got, want] of results) if (got !== want) return `${what}: got ${got}, expected ${want}`;
          return null;
        },
      },
    ],
  },
  {
    id: 'GHSA-392p-2q2v-4372',
    aliases: [],
    area: 'http',
    title: 'refresh-token rotation race',
    summary: 'Refresh rotation read and then wrote the token state in separate steps, so concurrent requests with one refresh token each minted a valid child, multiplying sessions from one stolen token.',
    protection: 'The store rotates atomically: without a grace window exactly one of N concurrent refreshes succeeds and the reuse revokes the family; within the grace window at most refreshReuseGraceUses extra children are minted.',
    references: ['https://github.com/advisories/GHSA-392p-2q2v-4372'],
    vectors: [],
    checks: [
      {
        name: 'refreshReuseGrace 0: of 6 concurrent refreshes of one token exactly one succeeds, and its child is revoked',
        expect: { behaviour: 'one 200, five 401; the family is revoked' },
        server: true,
        async run(api) {
          const auth = makeAuth(api, { refreshReuseGrace: 0 });
          const session = await login(auth, 'alice', 'correct horse');
          const refresh = (token: unknown) => auth.handle(post('/auth/refresh', { refresh_token: token }));
          const results = await Promise.all(Array.from({ length: 6 }, () => refresh(session.body.refresh_token)));
          const ok = results.filter((r) => r?.status === 200);
          if (ok.length !== 1) return `${ok.length} of 6 concurrent refreshes succeeded, expected exactly 1`;
          const child = (await ok[0]!.json()) as { refresh_token?: unknown };
          const after = await refresh(child.refresh_token);
          return after?.status === 401 ? null : `the winner's child still refreshes (${String(after?.status)}): reuse did not revoke the family`;
        },
      },
      {
        name: 'refreshReuseGraceUses 2: 8 concurrent refreshes mint at most 3 new refresh tokens',
        expect: { behaviour: 'at most 1 + refreshReuseGraceUses children' },
        server: true,
        async run(api) {
          const auth = makeAuth(api, { refreshReuseGraceUses: 2 });
          const session = await login(auth, 'alice', 'correct horse');
          const results = await Promise.all(Array.from({ length: 8 }, () => auth.handle(post('/auth/refresh', { refresh_token: session.body.refresh_token }))));
          const ok = results.filter((r) => r?.status === 200);
          // One process may hand one rotation to all of them; what must stay bounded is the minting.
          const minted = new Set(await Promise.all(ok.map(async (r) => ((await r!.json()) as { refresh_token?: string }).refresh_token)));
          if (ok.length === 0) return 'none of 8 concurrent refreshes succeeded, expected at least 1';
          return minted.size >= 1 && minted.size <= 3 ? null : `8 concurrent refreshes minted ${minted.size} new refresh tokens, expected 1 to 3`;
        },
      },
    ],
  },
  {
    id: 'CVE-2025-61928',
    aliases: [],
    area: 'http',
    title: 'identity taken from the request body',
    summary: 'An authentication library trusted a user id supplied in the request body on some routes, so an unauthenticated caller could act as any user by naming them.',
    protection: 'Identity comes only from the verified token (sub) or from the application\'s authenticate callback; body fields such as sub, userId or id are never read as identity.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2025-61928'],
    vectors: [],
    checks: [
      {
        name: "sub/userId/id in a login or API request body never change who is authenticated",
        expect: { behaviour: "bob stays bob; no token is 401 whatever the body says" },
        server: true,
        async run(api) {
          const auth = makeAuth(api);
          const impersonate = { sub: 'u-alice', userId: 'u-alice', id: 'u-alice', user: { id: 'u-alice' }, claims: { sub: 'u-alice', roles: ['admin'] } };
          const bob = await login(auth, 'bob', 'battery staple', impersonate);
          if (bob.status !== 200) return `bob's login gave ${bob.status}`;
          const token = String(bob.body.access_token);
          return all(
            async () => {
              const got = await subOf(auth, post('/api/me', impersonate, { authorization: `Bearer ${token}` }));
              return got === 'u-bob' ? null : `bob's token with a body naming alice authenticated as ${got}`;
            },
            async () => {
              const got = await subOf(auth, post('/api/me', impersonate));
              return got === 401 ? null : `no token, body naming alice: got ${got}, expected 401`;
            },
            async () => {
              const nobody = await login(auth, 'mallory', 'x', impersonate);
              return nobody.status === 401 ? null : `a failed login with a body naming alice gave ${nobody.status}`;
            },
            () => refused('verifyJwt never reads identity outside the token', 'ERR_JWS_INVALID', () => api.verifyJwt(JSON.stringify(impersonate), hmacKey(api), { algorithms: ['HS256'] })),
          );
        },
      },
    ],
  },
];
