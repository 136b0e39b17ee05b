/**
 * Lua run by Redis, one call per reserve and one per settle, so each is atomic across every gateway
 * process sharing the server. Numbers stay integers: Lua doubles hold them exactly below 2^53, which
 * the callers guarantee (they pass only safe integers).
 */

/**
 * KEYS: one counter per window. ARGV: for each key in order, its max, the amount to take, and the
 * epoch ms at which the key should expire.
 * Reads and checks every counter before incrementing any, so a reservation is all-or-nothing.
 * Replies { 1, used after increment... } or { 0, used as found... }.
 */
export const RESERVE_LUA = `
local used = {}
local fits = 1
for i = 1, #KEYS do
  local current = tonumber(redis.call('GET', KEYS[i]) or '0')
  used[i] = current
  if current + tonumber(ARGV[3 * i - 1]) > tonumber(ARGV[3 * i - 2]) then fits = 0 end
end
if fits == 1 then
  for i = 1, #KEYS do
    used[i] = redis.call('INCRBY', KEYS[i], ARGV[3 * i - 1])
    redis.call('PEXPIREAT', KEYS[i], ARGV[3 * i])
  end
end
local reply = { fits }
for i = 1, #KEYS do reply[i + 1] = used[i] end
return reply
`;

/**
 * KEYS[1]: the reservation's settled marker; KEYS[2..]: its counters. ARGV[1]: when the marker expires
 * (epoch ms); ARGV[i]: the signed adjustment for KEYS[i].
 * The marker makes a repeated settle a no-op. Only counters that still exist are adjusted: a key that
 * has expired belongs to a window that is over, and recreating it would hand out phantom usage.
 * Replies 1 when applied, 0 when already settled.
 */
export const SETTLE_LUA = `
if not redis.call('SET', KEYS[1], '1', 'NX') then return 0 end
redis.call('PEXPIREAT', KEYS[1], ARGV[1])
for i = 2, #KEYS do
  if ARGV[i] ~= '0' and redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('INCRBY', KEYS[i], ARGV[i])
  end
end
return 1
`;
