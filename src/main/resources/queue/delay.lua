-- running -> delayed: a transient runner error waits for its next attempt.
-- KEYS[1] job hash, KEYS[2] running zset, KEYS[3] delayed zset
-- ARGV[1] job id, ARGV[2] next attempt (epoch ms), ARGV[3] last error
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'delayed' then
  return 'ALREADY'
end
if state ~= 'running' then
  return 'STATE:' .. (state or 'missing')
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], 'state', 'delayed', 'last_error', ARGV[3], 'next_attempt', ARGV[2])
redis.call('HDEL', KEYS[1], 'owner_pid', 'owner')
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return 'OK'
