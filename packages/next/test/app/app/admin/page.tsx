import { requireAuth } from '../../lib/auth';

export default async function Admin() {
  const claims = await requireAuth({ roles: ['admin'] });
  return <main>admin <b id="sub">{claims.sub}</b></main>;
}
