// app/dashboard/page.tsx: a server component. requireAuth() makes the full check (signature,
// claims, revocation through the store) on the cookies of this request, which already hold the
// tokens the proxy refreshed in it when the access token had expired.
import { example, requireAuth } from '../../lib/auth';
import { LiveSession } from './live-session';

const time = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

export default async function Dashboard() {
  const claims = await requireAuth();
  const { transport, accessTokenTtl, refreshes, now: clock } = example();
  const now = Math.floor(clock().getTime() / 1000);
  const left = claims.exp - now;
  const spent = Math.min(100, Math.max(0, ((now - claims.iat) / (claims.exp - claims.iat)) * 100));
  return (
    <>
      <h1>Signed in as <span data-testid="name">{String(claims.name)}</span></h1>
      <section>
        <h2>Token timeline</h2>
        <table>
          <tbody>
            <tr><th>signed in</th><td data-testid="auth-time">{time(Number(claims.auth_time))}</td></tr>
            <tr><th>issued</th><td data-testid="iat" data-value={claims.iat}>{time(claims.iat)}</td></tr>
            <tr><th>now</th><td data-testid="now" data-value={now}>{time(now)}</td></tr>
            <tr><th>expires</th><td data-testid="exp" data-value={claims.exp}>{time(claims.exp)} ({left > 0 ? `in ${left} s` : `${-left} s ago`}; lifetime {accessTokenTtl})</td></tr>
            <tr><th>refreshes</th><td data-testid="refreshes">{refreshes(claims.sid)}</td></tr>
          </tbody>
        </table>
        <div className="bar" aria-hidden="true"><div style={{ width: `${spent}%` }} /></div>
        <p className="note">
          An expired access token is refreshed by the proxy in the request that finds it expired, and this page renders with the new one:
          reload after {accessTokenTtl} to see <i>issued</i> move and <i>refreshes</i> grow.
        </p>
      </section>
      <section>
        <h2>Claims</h2>
        <p>Token <code data-testid="jti">{claims.jti}</code> of session <code data-testid="sid">{claims.sid}</code>, transport <code data-testid="transport">{transport}</code>.</p>
        <pre data-testid="claims">{JSON.stringify(claims, null, 2)}</pre>
      </section>
      {transport !== 'bearer' && <LiveSession transport={transport} />}
      <section>
        <h2>Sign out</h2>
        <form method="post" action="/auth/logout" className="inline"><button type="submit">Sign out</button></form>
        <form method="post" action="/auth/logout-all" className="inline"><button type="submit" className="secondary">Sign out everywhere</button></form>
      </section>
    </>
  );
}
