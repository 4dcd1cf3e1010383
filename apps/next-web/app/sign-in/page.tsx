// app/sign-in/page.tsx: a plain HTML form posting to /auth/login, so it works without JavaScript;
// lib/forms.ts sends the browser on to `next` (the page it was going to) once signed in.
import { DEMO_USERS } from '@tessera/example-common/users';
import { example, getAuth } from '../../lib/auth';
import { localPath } from '../../lib/paths';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignIn({ searchParams }: { searchParams: Search }) {
  const query = await searchParams;
  const next = localPath(one(query.next), '/dashboard');
  const error = one(query.error);
  const signedOut = one(query['signed-out']);
  // Set by the dashboard's script (@tessera/client's onSessionEnd) with the server's refusal code.
  const ended = one(query.ended);
  const { transport } = example();
  const claims = await getAuth().catch(() => null);
  return (
    <>
      <h1>Sign in</h1>
      {error === 'credentials' && <section className="error" role="alert">The user name or password is wrong.</section>}
      {signedOut === '1' && <section role="status">You are signed out. This session has ended on the server.</section>}
      {signedOut === 'all' && <section role="status">You are signed out everywhere: every session of your account has ended.</section>}
      {ended !== undefined && /^ERR_[A-Z_]{1,60}$/.test(ended) && claims === null && <section role="status" data-testid="ended">Your session has ended on the server (<code>{ended}</code>): sign in again.</section>}
      {claims !== null && <section role="status">You are signed in as <b>{String(claims.name)}</b>. <a href={next}>Continue</a></section>}
      {transport === 'bearer' && (
        <section className="note">This instance runs with TRANSPORT=bearer: tokens travel in JSON bodies for API clients, and the pages, which need cookies, stay signed out. Start it with TRANSPORT=cookie or split to use them.</section>
      )}
      <section>
        <form method="post" action="/auth/login">
          <input type="hidden" name="next" value={next} />
          <label htmlFor="username">User name</label>
          <input id="username" name="username" type="text" autoComplete="username" required />
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
          <div><button type="submit">Sign in</button></div>
        </form>
      </section>
      <section className="note">
        <h2>Demo users</h2>
        <table>
          <tbody>
            {DEMO_USERS.map((u) => (
              <tr key={u.id}><td><code>{u.username}</code></td><td><code>{u.password}</code></td><td>{u.roles.join(', ')}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
