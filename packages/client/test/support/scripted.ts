/**
 * A scripted `fetch`: the test says how the "server" answers each request, and every request is
 * recorded. The answers are the auth layer's own shapes (RFC 6750 401s with its JSON body).
 */

export interface Seen {
  method: string;
  path: string;
  authorization: string | null;
  body: string;
}

type Answer = (req: Request, seen: Seen) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function refusal(status: number, error: string, message = error, hint = 'a hint'): Response {
  const challenge = error === 'ERR_TOKEN_MISSING' ? 'Bearer' : `Bearer error="invalid_token", error_description="${message}"`;
  return json(status, { error, message, hint }, status === 401 ? { 'www-authenticate': challenge } : {});
}

/** A JWT-shaped token whose payload is `claims` (unsigned: the client never verifies). */
export function fakeToken(claims: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'ES256', typ: 'JWT' })}.${part(claims)}.c2ln`;
}

/** A bearer login/refresh answer for `n`, the access token living `ttl` seconds. */
export function bearerSession(n: number, ttl = 600): Response {
  const exp = Math.floor(Date.now() / 1000) + ttl;
  const claims = { sub: 'u1', n, exp };
  return json(200, { access_token: fakeToken(claims), token_type: 'Bearer', expires_in: ttl, refresh_token: `rt-${n}`, refresh_expires_in: 3600, claims });
}

export function scripted(answer: Answer): { fetch: typeof fetch; seen: Seen[]; count(path: string): number } {
  const seen: Seen[] = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    const s: Seen = { method: req.method, path: new URL(req.url).pathname, authorization: req.headers.get('authorization'), body: await req.clone().text() };
    seen.push(s);
    // Answer on a later turn, as a network would: concurrent calls overlap.
    await new Promise((r) => setTimeout(r, 5));
    return answer(req, s);
  };
  return { fetch: impl as typeof fetch, seen, count: (path) => seen.filter((s) => s.path === path).length };
}
