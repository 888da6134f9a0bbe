-- ready -> running. Only a job in state ready can be claimed: a running one answers ALREADY, any other REFUSED.
-- KEYS[1] job hash, KEYS[2] ready list, KEYS[3] running zset
-- ARGV[1] job id, ARGV[2] owner pid, ARGV[3] now (epoch ms), ARGV[4] owner (this process's instance token)
-- Answers the payload, the constraints, the deadline (epoch ms) and the attempt number.
local state = redis.call('HGET', KEYS[1], F.STATE)
if state == S.RUNNING then
  return already(state)
end
if state ~= S.READY then
  return refused(state)
end
redis.call('LREM', KEYS[2], 1, ARGV[1])
local attempts = redis.call('HINCRBY', KEYS[1], F.ATTEMPTS, 1)
local job = redis.call('HMGET', KEYS[1], F.PAYLOAD, F.CONSTRAINTS, F.DEADLINE)
redis.call('HSET', KEYS[1], F.STATE, S.RUNNING, F.OWNER_PID, ARGV[2], F.OWNER, ARGV[4], F.STARTED_AT, ARGV[3])
redis.call('ZADD', KEYS[3], job[3], ARGV[1])
return ok(S.RUNNING, 0, job[1], job[2] or '{}', job[3], tostring(attempts))
