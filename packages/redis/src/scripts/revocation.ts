/**
 * The revocation scripts: a revocation (a family or an access token) and the user epoch, each an
 * atomic max, so two instances writing at once never shorten or lower what the other wrote.
 */
import { script } from './script.js';

/**
 * KEYS: the revocation. ARGV: now, until. The value is the NumericDate it holds until; the key
 * expires then. The later of the stored and the given `until` is kept; an `until` already past
 * writes nothing.
 */
export const REVOKE = script(`
return keep_until(KEYS[1], tonumber(ARGV[2]), tonumber(ARGV[1]))
`);

/**
 * KEYS: the user's epoch. ARGV: now, epoch, ttlSeconds. The value is "<epoch> <expiresAt>"
 * (one GET or MGET reads both); neither the epoch nor its expiry ever moves down.
 */
export const RAISE_EPOCH = script(`
local now = tonumber(ARGV[1])
local epoch, expires = tonumber(ARGV[2]), now + math.ceil(tonumber(ARGV[3]))
local current = redis.call('GET', KEYS[1])
if current then
  local e, x = string.match(current, '^(%S+) (%S+)$')
  if tonumber(x) > now then
    epoch = math.max(epoch, tonumber(e))
    expires = math.max(expires, tonumber(x))
  end
end
if expires <= now then return 0 end
redis.call('SET', KEYS[1], num(epoch) .. ' ' .. num(expires), 'EX', math.ceil(expires - now))
return 1
`);
