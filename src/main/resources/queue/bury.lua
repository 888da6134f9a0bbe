-- outbox -> dead: a report the coordinator refuses and the agent cannot mend waits for an operator (D10).
-- KEYS[1] job hash, KEYS[2] outbox list, KEYS[3] dead list; ARGV[1] job id, ARGV[2] reason, ARGV[3] now (epoch ms)
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'dead' then
  return 'ALREADY'
end
if state ~= 'outbox' then
  return 'STATE:' .. (state or 'missing')
end
redis.call('LREM', KEYS[2], 1, ARGV[1])
redis.call('HSET', KEYS[1], 'state', 'dead', 'last_error', ARGV[2], 'dead_at', ARGV[3])
redis.call('RPUSH', KEYS[3], ARGV[1])
return 'OK'
