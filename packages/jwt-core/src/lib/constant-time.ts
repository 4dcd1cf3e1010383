/**
 * Constant-time comparison for MACs and tags: the time taken does not depend on where the inputs
 * differ (CVE-2025-65945-style early-exit comparisons leak the position of the first bad byte).
 * Lengths are public (checked before any comparison), so a length mismatch returns at once.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** The same for two ASCII strings of public length (e.g. base64url MACs). */
export function timingSafeEqualString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
