-- ready | delayed | running -> done without a report: the client cancelled the job (it vanished from the listing, D6).
-- KEYS[1] job hash, KEYS[2] ready, KEYS[3] delayed, KEYS[4] running, KEYS[5] done; ARGV[1] job id, ARGV[2] now (ms)
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'ready' then
  redis.call('LREM', KEYS[2], 0, ARGV[1])
elseif state == 'delayed' then
  redis.call('ZREM', KEYS[3], ARGV[1])
elseif state == 'running' then
  redis.call('ZREM', KEYS[4], ARGV[1])
else
  return 'STATE:' .. (state or 'missing')
end
redis.call('HSET', KEYS[1], 'state', 'done', 'reported_at', ARGV[2], 'report_reason', 'cancelled')
redis.call('HDEL', KEYS[1], 'owner_pid', 'owner')
redis.call('ZADD', KEYS[5], ARGV[2], ARGV[1])
return 'OK'
