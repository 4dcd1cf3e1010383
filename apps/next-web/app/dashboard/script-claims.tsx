'use client';
// In TRANSPORT=split, what page scripts can read: the access token's header.payload (its claims) in
// a readable cookie. Its signature stays in an HttpOnly cookie, so a script cannot take a usable token.
import { useEffect, useState } from 'react';

function readableClaims(): { cookies: string[]; claims: Record<string, unknown> | null } {
  const cookies = document.cookie.split(';').map((c) => c.trim()).filter((c) => c !== '');
  const access = cookies.find((c) => /^(__Host-)?tessera-at=/.test(c));
  if (access === undefined) return { cookies: cookies.map((c) => c.split('=')[0]!), claims: null };
  const payload = access.slice(access.indexOf('=') + 1).split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return { cookies: cookies.map((c) => c.split('=')[0]!), claims: JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (ch) => ch.charCodeAt(0)))) as Record<string, unknown> };
}

export function ScriptClaims() {
  const [seen, setSeen] = useState<ReturnType<typeof readableClaims> | undefined>(undefined);
  useEffect(() => setSeen(readableClaims()), []);
  if (seen === undefined) return <p className="note">Reading document.cookie…</p>;
  return (
    <>
      <p>Cookies this page's script can read: <code data-testid="script-cookies">{seen.cookies.join(', ') || 'none'}</code></p>
      {seen.claims === null
        ? <p className="note">No readable claims cookie.</p>
        : <p>Claims read by script: <code data-testid="script-claims">{JSON.stringify({ sub: seen.claims.sub, name: seen.claims.name, exp: seen.claims.exp })}</code></p>}
    </>
  );
}
