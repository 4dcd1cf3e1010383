/**
 * A `fetch` that behaves like a browser for one origin, for tests in Node: it keeps the cookies
 * the server sets (honouring Path and Max-Age, so an access cookie disappears when the server said
 * it would), sends them back, and adds `Origin` to POSTs as browsers do (the auth layer's CSRF
 * check wants it). It also counts the requests per path.
 */
interface Cookie {
  value: string;
  path: string;
  expiresAt: number;
}

export function browserFetch(origin: string): { fetch: typeof fetch; count(path: string): number; cookieNames(): string[] } {
  const jar = new Map<string, Cookie>();
  const counts = new Map<string, number>();
  const live = (now: number) => [...jar].filter(([, c]) => c.expiresAt > now);

  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1);
    const headers = new Headers(request.headers);
    const cookies = live(Date.now()).filter(([, c]) => url.pathname.startsWith(c.path)).map(([name, c]) => `${name}=${c.value}`);
    if (cookies.length > 0 && request.credentials !== 'omit') headers.set('cookie', cookies.join('; '));
    if (request.method !== 'GET' && request.method !== 'HEAD') headers.set('origin', origin);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const response = await fetch(url, { method: request.method, headers, body });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      let path = '/';
      let expiresAt = Number.POSITIVE_INFINITY;
      for (const attr of attrs) {
        const [k, v] = attr.trim().split('=');
        if (k!.toLowerCase() === 'path') path = v ?? '/';
        if (k!.toLowerCase() === 'max-age') expiresAt = Date.now() + Number(v) * 1000;
      }
      if (expiresAt <= Date.now()) jar.delete(name);
      else jar.set(name, { value: pair!.slice(eq + 1).trim(), path, expiresAt });
    }
    return response;
  };
  return { fetch: impl as typeof fetch, count: (path) => counts.get(path) ?? 0, cookieNames: () => live(Date.now()).map(([n]) => n) };
}
