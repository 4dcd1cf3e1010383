/**
 * Reading claims the client may read: the payload of a JWT (for its expiry) and, in the split
 * transport, the script-readable cookie holding the access token's `header.payload`. Reading is
 * not verifying: the server verifies every token; the client only learns what to show and when
 * to refresh.
 */

function base64urlJson(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The payload of a compact JWS (`header.payload[.signature]`), or undefined when unreadable. */
export function payloadOf(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  return parts.length >= 2 ? base64urlJson(parts[1]!) : undefined;
}

/** The access token's expiry in ms since the epoch, from its `exp`, or undefined. */
export function expiryOf(claims: Record<string, unknown> | undefined): number | undefined {
  return typeof claims?.exp === 'number' ? claims.exp * 1000 : undefined;
}

/**
 * The split transport's readable cookie (`[__Host-|__Secure-]name`, or its chunks `name.0`,
 * `name.1`… when the server split a large token) from a `document.cookie` string.
 */
export function readableCookie(cookieString: string, name: string): string | undefined {
  const jar = new Map<string, string>();
  for (const pair of cookieString.split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  for (const full of [`__Host-${name}`, `__Secure-${name}`, name]) {
    const whole = jar.get(full);
    if (whole !== undefined && whole !== '') return whole;
    const chunks: string[] = [];
    for (let i = 0; jar.has(`${full}.${i}`); i++) chunks.push(jar.get(`${full}.${i}`)!);
    if (chunks.length > 0) return chunks.join('');
  }
  return undefined;
}

/** `document.cookie` where there is a document (a browser page), else undefined. */
export function documentCookie(): string | undefined {
  try {
    const value = (globalThis as { document?: { cookie?: unknown } }).document?.cookie;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
