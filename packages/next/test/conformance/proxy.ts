// proxy.ts of the conformance build: it matches no path, so every request reaches the route
// handlers without any middleware (the suite checks the handlers alone). The file exists because
// Next.js 16.5's Turbopack build, given no middleware or proxy file, picked up
// packages/next/src/middleware.ts (the source of this package) as the app's middleware.
export default function proxy(): undefined {
  return undefined;
}

export const config = { matcher: ['/__tessera-conformance-no-middleware'] };
