/**
 * The refresh-token scripts: storing one record, and rotation (`AuthStore.rotateRefresh`) as one
 * indivisible step, in the order the contract states. A record is a hash (`HSET`) whose fields are
 * the record's, without `hash` (it is in the key); its key expires with the token.
 */
import { script } from './script.js';

/**
 * KEYS: the record. ARGV: now, expiresAt, then field/value pairs. Replaces the key and gives it
 * the token's remaining lifetime; a record already expired is not written (reads treat it as gone).
 */
export const INSERT = script(`
local now, expires = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('DEL', KEYS[1])
if expires <= now then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('EXPIRE', KEYS[1], math.ceil(expires - now))
return 1
`);

/**
 * KEYS: the presented token's record, the child's record, the family's revocation.
 * ARGV: now, graceSeconds, maxGraceUses, the family, the child's expiresAt, then the child's
 * field/value pairs. Returns { status, grace (0|1), the record's field/value pairs after the step }.
 *
 * 1. unknown or expired: missing; 2. family revoked: revoked (nothing written); 3. unused: mark it
 * used, store the child; 4. within the grace window and under maxGraceUses: count a grace use,
 * store the child; 5. otherwise theft is assumed: revoke the family until familyExpiresAt.
 */
export const ROTATE = script(`
local now = tonumber(ARGV[1])
local expires = redis.call('HGET', KEYS[1], 'expiresAt')
if not expires or tonumber(expires) <= now then return {'missing'} end
if redis.call('HGET', KEYS[1], 'family') ~= ARGV[4] then
  return redis.error_reply('ERR tessera: the child is not of the presented token\\'s family')
end
local function reply(status, grace)
  local out = {status, grace}
  for _, v in ipairs(redis.call('HGETALL', KEYS[1])) do out[#out + 1] = v end
  return out
end
local function store_child()
  local child_expires = tonumber(ARGV[5])
  redis.call('DEL', KEYS[2])
  if child_expires <= now then return end
  redis.call('HSET', KEYS[2], unpack(ARGV, 6))
  redis.call('EXPIRE', KEYS[2], math.ceil(child_expires - now))
end
local revoked = redis.call('GET', KEYS[3])
if revoked and tonumber(revoked) > now then return reply('revoked', 0) end
local used = redis.call('HGET', KEYS[1], 'usedAt')
if not used then
  redis.call('HSET', KEYS[1], 'usedAt', ARGV[1])
  store_child()
  return reply('rotated', 0)
end
local uses = tonumber(redis.call('HGET', KEYS[1], 'graceUses') or '0')
local grace = tonumber(ARGV[2])
if grace > 0 and now - tonumber(used) <= grace and uses < tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'graceUses', num(uses + 1))
  store_child()
  return reply('rotated', 1)
end
keep_until(KEYS[3], tonumber(redis.call('HGET', KEYS[1], 'familyExpiresAt')), now)
return reply('reused', 0)
`);
