-- running -> ready for a job a stopped process left behind (crash recovery, D8). Only a job still owned by that
-- process moves; anything else answers its state.
-- KEYS[1] job hash, KEYS[2] running zset, KEYS[3] ready list; ARGV[1] job id, ARGV[2] the stale owner token
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'running' then
  return 'STATE:' .. (state or 'missing')
end
if (redis.call('HGET', KEYS[1], 'owner') or '') ~= ARGV[2] then
  return 'OWNER'
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], 'state', 'ready', 'last_error', 'E_INTERRUPTED: agent stopped while it ran')
redis.call('HDEL', KEYS[1], 'owner_pid', 'owner')
redis.call('RPUSH', KEYS[3], ARGV[1])
return 'OK'
