// app/dashboard/page.tsx: a server component; requireAuth() makes the full check itself.
import { requireAuth } from '../../lib/auth';

export default async function Dashboard() {
  const claims = await requireAuth();
  return <main>signed in as <b id="sub">{claims.sub}</b>, token <code id="jti">{claims.jti}</code></main>;
}
