// proxy.ts of the conformance build: no auth here (the suite checks the route handlers alone).
// It removes x-middleware-prefetch, as @tessera/next's middleware does: Next.js answers a request
// carrying that header with an empty 200 before any route handler runs. (Without any proxy file,
// Next.js 16.5's Turbopack build also picked packages/next/src/middleware.ts up as the app's.)
import { NextResponse, type NextRequest } from 'next/server';

export default function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.delete('x-middleware-prefetch');
  return NextResponse.next({ request: { headers } });
}
