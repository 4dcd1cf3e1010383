// app/auth/[...tessera]/route.ts: login, refresh, logout, logout-all and session.
export { GET, POST } from '../../../lib/auth';
