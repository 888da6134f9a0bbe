-- running -> delayed: a transient failure waits for its next attempt (the queue's clock promotes it then).
-- KEYS[1] job hash, KEYS[2] running zset, KEYS[3] delayed zset
-- ARGV[1] job id, ARGV[2] next attempt (epoch ms), ARGV[3] last error
local state = redis.call('HGET', KEYS[1], F.STATE)
if state == S.DELAYED then
  return already(state)
end
if state ~= S.RUNNING then
  return refused(state)
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], F.STATE, S.DELAYED, F.LAST_ERROR, ARGV[3], F.NEXT_ATTEMPT, ARGV[2])
redis.call('HDEL', KEYS[1], F.OWNER_PID, F.OWNER)
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return ok(S.DELAYED, 0)
