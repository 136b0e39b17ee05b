/**
 * Lua for the Redis circuit breaker: one call per acquire and one per recorded outcome, so the check and
 * the transition are atomic across every gateway process. It mirrors MemoryCircuitBreaker exactly; the
 * shared test suite runs both. A target's hash holds `st` (state), `oa` (opened at), `pr` / `prr` (probes
 * handed out and when their lease ends), and per window slot i: `bi` (bucket number), `ri`, `fi` (calls,
 * failures). Times are epoch ms from the caller's clock.
 */

/**
 * KEYS[1]: the target's hash. ARGV: now, coolDownMs, halfOpenProbes, probeLeaseMs, retentionMs.
 * Replies { allowed (1|0), probe (1|0), retryAt (0 when allowed) }.
 */
export const ACQUIRE_LUA = `
local st = redis.call('HGET', KEYS[1], 'st')
if not st or st == 'closed' then return { 1, 0, 0 } end
local now = tonumber(ARGV[1])
if st == 'open' then
  local at = tonumber(redis.call('HGET', KEYS[1], 'oa')) + tonumber(ARGV[2])
  if now < at then return { 0, 0, at } end
  redis.call('HSET', KEYS[1], 'st', 'half_open', 'pr', 0, 'prr', ARGV[1])
end
local probes = tonumber(redis.call('HGET', KEYS[1], 'pr') or '0')
local reset = tonumber(redis.call('HGET', KEYS[1], 'prr') or '0')
if now >= reset then
  probes = 0
  reset = now + tonumber(ARGV[4])
  redis.call('HSET', KEYS[1], 'pr', 0, 'prr', reset)
end
if probes >= tonumber(ARGV[3]) then return { 0, 0, reset } end
redis.call('HINCRBY', KEYS[1], 'pr', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return { 1, 1, 0 }
`;

/**
 * KEYS[1]: the target's hash; KEYS[2]: the index of targets by last outcome time.
 * ARGV: now, failed (1|0), probe (1|0), bucketMs, buckets, minRequests, failureRate, retentionMs, index member.
 * Replies the state after the outcome.
 */
export const RECORD_LUA = `
local now = tonumber(ARGV[1])
local failed = ARGV[2] == '1'
local buckets = tonumber(ARGV[5])
local st = redis.call('HGET', KEYS[1], 'st') or 'closed'
local function clear_window()
  for i = 0, buckets - 1 do redis.call('HDEL', KEYS[1], 'b' .. i, 'r' .. i, 'f' .. i) end
end
if st == 'closed' then
  local bucket = math.floor(now / tonumber(ARGV[4]))
  local slot = bucket % buckets
  if tonumber(redis.call('HGET', KEYS[1], 'b' .. slot) or '-1') ~= bucket then
    redis.call('HSET', KEYS[1], 'b' .. slot, bucket, 'r' .. slot, 0, 'f' .. slot, 0)
  end
  redis.call('HSET', KEYS[1], 'st', 'closed')
  redis.call('HINCRBY', KEYS[1], 'r' .. slot, 1)
  if failed then
    redis.call('HINCRBY', KEYS[1], 'f' .. slot, 1)
    local requests, failures = 0, 0
    for i = 0, buckets - 1 do
      local b = tonumber(redis.call('HGET', KEYS[1], 'b' .. i) or '-1')
      if b > bucket - buckets and b <= bucket then
        requests = requests + tonumber(redis.call('HGET', KEYS[1], 'r' .. i))
        failures = failures + tonumber(redis.call('HGET', KEYS[1], 'f' .. i))
      end
    end
    if requests >= tonumber(ARGV[6]) and failures / requests >= tonumber(ARGV[7]) then
      st = 'open'
      redis.call('HSET', KEYS[1], 'st', 'open', 'oa', ARGV[1], 'pr', 0)
    end
  end
elseif st == 'half_open' and ARGV[3] == '1' then
  if failed then
    st = 'open'
    redis.call('HSET', KEYS[1], 'st', 'open', 'oa', ARGV[1], 'pr', 0)
  else
    st = 'closed'
    redis.call('HSET', KEYS[1], 'st', 'closed', 'pr', 0)
    clear_window()
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[8])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[9])
return st
`;
