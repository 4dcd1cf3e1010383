/** A signed-in browser, as far as the tests need one: its cookies, and tokens the test re-signs. */
import { decodeJwt, importSecret, signJwt } from '@tessera/jwt-core';

/** The `name=value` pairs of Set-Cookie lines applied to a jar (deleted when Max-Age=0 or empty). */
export function take(jar: Map<string, string>, res: Response): Map<string, string> {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return jar;
}

export function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
}

/** Signs in with the login form's JSON twin; the jar holds tessera-at and tessera-rt. */
export async function signIn(url: string, username = 'ada'): Promise<Map<string, string>> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password: `pw-${username}` }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return take(new Map(), res);
}

/**
 * The same access token, signed again by the test (which knows the app's secret) with its expiry
 * an hour ago: an expired token, without waiting for one.
 */
export async function expired(token: string, secret: string): Promise<string> {
  const { iss, aud, iat: _iat, exp: _exp, ...rest } = decodeJwt(token).payload;
  const issuedAt = new Date(Date.now() - 70 * 60 * 1000); // ten-minute tokens: expired an hour ago
  return signJwt(rest, importSecret(secret, { alg: 'HS256', kid: 'k1' }), {
    alg: 'HS256', currentDate: issuedAt, expiresIn: '10m', issuer: String(iss), audience: aud as string,
  });
}

export function jtiOf(token: string): string {
  return String(decodeJwt(token).payload.jti);
}
