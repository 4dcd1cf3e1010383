// lib/json.ts: a JSON answer like every other answer of the example apps: pretty-printed, not cached.

/** `body` as the example apps answer it (apps/README.md: every answer is JSON with Cache-Control: no-store). */
export function json(body: unknown, init: { status?: number } = {}): Response {
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}
