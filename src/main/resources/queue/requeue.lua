-- running -> ready for a job a stopped process left behind (crash recovery, D8). Only a job still owned by that
-- process moves.
-- KEYS[1] job hash, KEYS[2] running zset, KEYS[3] ready list
-- ARGV[1] job id, ARGV[2] the stale owner token, ARGV[3] last error
local state = redis.call('HGET', KEYS[1], F.STATE)
if state ~= S.RUNNING then
  return refused(state)
end
if (redis.call('HGET', KEYS[1], F.OWNER) or '') ~= ARGV[2] then
  return not_owner(state)
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], F.STATE, S.READY, F.LAST_ERROR, ARGV[3])
redis.call('HDEL', KEYS[1], F.OWNER_PID, F.OWNER)
redis.call('RPUSH', KEYS[3], ARGV[1])
return ok(S.READY, 0)
