-- outbox -> dead: a report the coordinator refuses and the agent cannot mend waits for an operator (D10).
-- KEYS[1] job hash, KEYS[2] outbox zset, KEYS[3] dead list; ARGV[1] job id, ARGV[2] reason, ARGV[3] now (epoch ms)
local state = redis.call('HGET', KEYS[1], F.STATE)
if state == S.DEAD then
  return already(state)
end
if state ~= S.OUTBOX then
  return refused(state)
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], F.STATE, S.DEAD, F.LAST_ERROR, ARGV[2], F.DEAD_AT, ARGV[3])
redis.call('HDEL', KEYS[1], F.UPLOAD_AFTER)
redis.call('RPUSH', KEYS[3], ARGV[1])
return ok(S.DEAD, -1)
