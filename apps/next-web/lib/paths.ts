// lib/paths.ts: where a form may send the browser next.

/**
 * `next` if it is a path of this app (`/dashboard?tab=1`), else `fallback`. Never another origin:
 * `//evil.example`, `/\evil.example` and `https://…` would make the sign-in form an open redirect.
 */
export function localPath(next: string | null | undefined, fallback: string): string {
  if (typeof next !== 'string' || next.length > 2048 || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  const url = new URL(next, 'http://app.invalid');
  return url.origin === 'http://app.invalid' ? `${url.pathname}${url.search}` : fallback;
}
