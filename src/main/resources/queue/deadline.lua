-- Sets a held job's deadline to the coordinator's expires_at (D8); a running job's score follows.
-- KEYS[1] job hash, KEYS[2] running zset; ARGV[1] job id, ARGV[2] deadline (epoch ms)
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'ready' and state ~= 'delayed' and state ~= 'running' and state ~= 'outbox' then
  return 'STATE:' .. (state or 'missing')
end
redis.call('HSET', KEYS[1], 'deadline', ARGV[2])
if state == 'running' then
  redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[1])
end
return 'OK'
