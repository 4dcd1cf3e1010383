'use client';
// A page that stays open and calls the API from script: what @tessera/client is for. Its fetch sends
// the session's cookies and, when a call is refused because the access token expired, refreshes once
// (one refresh for every call in flight and every tab) and retries once. When the session has ended
// (logout everywhere on another device, a revoked session), `onSessionEnd` runs once and the page goes
// to the sign-in page, instead of every later call failing on its own.
import { createAuthClient, type AuthClient } from '@tessera/client';
import { useEffect, useRef, useState } from 'react';

type Answer = { status: number; text: string };
type Readable = { cookies: string[]; claims: Record<string, unknown> | null; expiresAt: number | undefined };

// In TRANSPORT=split, what page scripts can read: the access token's header.payload (its claims) in a
// readable cookie, which the client's session() decodes. The signature stays in an HttpOnly cookie,
// so a script cannot take a usable token.
async function readable(client: AuthClient): Promise<Readable> {
  const cookies = document.cookie.split(';').map((c) => c.trim().split('=')[0]!).filter((name) => name !== '');
  const session = await client.session();
  return { cookies, claims: session?.claims ?? null, expiresAt: session?.expiresAt };
}

export function LiveSession({ transport }: { transport: 'cookie' | 'split' }) {
  const client = useRef<AuthClient | null>(null);
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [seen, setSeen] = useState<Readable | undefined>(undefined);

  useEffect(() => {
    const made = createAuthClient({
      baseUrl: location.origin,
      transport,
      onSessionEnd: (end) => location.assign(`/sign-in?next=${encodeURIComponent(location.pathname)}&ended=${encodeURIComponent(end.code)}`),
    });
    client.current = made;
    if (transport === 'split') void readable(made).then(setSeen);
    return () => made.close();
  }, [transport]);

  async function call() {
    if (client.current === null) return;
    setBusy(true);
    try {
      const response = await client.current.fetch('/api/me');
      const body = (await response.json()) as { message?: string; error?: string; claims?: { jti?: string } };
      setAnswer({ status: response.status, text: response.ok ? `${body.message ?? ''} (token ${body.claims?.jti ?? '?'})` : `${body.error ?? ''}: ${body.message ?? ''}` });
    } catch (err) {
      setAnswer({ status: 0, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h2>From this page's script</h2>
      <p className="note">
        The button calls <code>/api/me</code> with <code>@tessera/client</code>: leave the page open past the token's lifetime and the
        call still answers 200; sign out everywhere elsewhere and the next call brings you to the sign-in page.
      </p>
      <button type="button" data-testid="call-api" disabled={busy} onClick={() => void call()}>Call /api/me</button>
      {answer !== undefined && <p data-testid="api-answer" data-status={answer.status}><code>{answer.status}</code> {answer.text}</p>}
      {transport === 'split' && seen === undefined && <p className="note">Reading document.cookie…</p>}
      {seen !== undefined && (
        <>
          <p>Cookies this page's script can read: <code data-testid="script-cookies">{seen.cookies.join(', ') || 'none'}</code></p>
          {seen.claims === null
            ? <p className="note">No readable claims cookie.</p>
            : <p>Claims read by script (<code>client.session()</code>): <code data-testid="script-claims">{JSON.stringify({ sub: seen.claims.sub, name: seen.claims.name, exp: seen.claims.exp })}</code></p>}
        </>
      )}
    </section>
  );
}
