// app/admin/page.tsx: the full check and the role `admin`, made here whatever the proxy did.
import { requireAuth } from '../../lib/auth';

export default async function Admin() {
  const claims = await requireAuth({ roles: ['admin'] });
  return (
    <>
      <h1>Admin</h1>
      <section>
        Welcome to the admin area, <b data-testid="name">{String(claims.name)}</b>. Your roles: {(claims.roles ?? []).join(', ')}.
      </section>
    </>
  );
}
