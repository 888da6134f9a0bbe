-- Replaces the outcome waiting in the outbox (a result the coordinator refused becomes a failure, D7).
-- KEYS[1] job hash; ARGV[1] report (RESULT|FAIL), ARGV[2] error code or '', ARGV[3] request body
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'outbox' then
  return 'STATE:' .. (state or 'missing')
end
redis.call('HSET', KEYS[1], 'report', ARGV[1], 'error_code', ARGV[2], 'outcome', ARGV[3])
redis.call('HDEL', KEYS[1], 'upload')
return 'OK'
