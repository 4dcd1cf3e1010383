/**
 * A Lua script as the store sends it: its source and the SHA-1 that EVALSHA names it by (Redis
 * caches scripts by the SHA-1 of their source). Shared Lua helpers are prepended to each script.
 */
import { createHash } from 'node:crypto';

export interface Script {
  readonly source: string;
  readonly sha: string;
}

/**
 * Helpers every script may use. Times are NumericDate seconds passed in ARGV from the store's
 * clock (never Redis TIME, so an injected clock works); an entry is live while `now < expiry`.
 * `num` writes numbers without an exponent; `keep_until` is the atomic max of a revocation.
 */
const PRELUDE = `
local function num(n) return string.format('%.17g', n) end
local function keep_until(key, until_, now)
  local current = tonumber(redis.call('GET', key) or '0')
  if current <= now then current = 0 end
  local keep = math.max(current, until_)
  if keep <= now then return 0 end
  redis.call('SET', key, num(keep), 'EX', math.ceil(keep - now))
  return 1
end
`;

/** A script from its body (the prelude is prepended). */
export function script(body: string): Script {
  const source = `${PRELUDE}\n${body.trim()}\n`;
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}
