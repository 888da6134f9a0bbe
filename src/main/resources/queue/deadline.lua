-- Sets a held job's deadline to the coordinator's expires_at (D8); a running job's score follows.
-- KEYS[1] job hash, KEYS[2] running zset; ARGV[1] job id, ARGV[2] deadline (epoch ms)
local state = redis.call('HGET', KEYS[1], F.STATE)
if state ~= S.READY and state ~= S.DELAYED and state ~= S.RUNNING and state ~= S.OUTBOX then
  return refused(state)
end
redis.call('HSET', KEYS[1], F.DEADLINE, ARGV[2])
if state == S.RUNNING then
  redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[1])
end
return ok(state, 0)
