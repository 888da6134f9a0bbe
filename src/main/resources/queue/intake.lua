-- polled -> running in one step, for a polled job that already holds a slot: one round trip where enqueue then claim
-- take two. A job already known is left alone (ALREADY), except this process's own intake repeated after its answer
-- was lost, which answers OK again (held change 0: the count is read again after a lost answer).
-- KEYS[1] job hash, KEYS[2] running zset
-- ARGV[1] job id, ARGV[2] payload, ARGV[3] constraints, ARGV[4] deadline (epoch ms), ARGV[5] now (epoch ms),
-- ARGV[6] slot need, ARGV[7] job type, ARGV[8] owner pid, ARGV[9] owner (this process's instance token)
if redis.call('EXISTS', KEYS[1]) == 1 then
  local state = redis.call('HGET', KEYS[1], F.STATE)
  if state == S.RUNNING and redis.call('HGET', KEYS[1], F.OWNER) == ARGV[9]
      and redis.call('HGET', KEYS[1], F.ATTEMPTS) == '1' and redis.call('HGET', KEYS[1], F.DEADLINE) == ARGV[4] then
    return ok(S.RUNNING, 0)
  end
  return already(state)
end
redis.call('HSET', KEYS[1], F.STATE, S.RUNNING, F.PAYLOAD, ARGV[2], F.CONSTRAINTS, ARGV[3], F.DEADLINE, ARGV[4],
  F.POLLED_AT, ARGV[5], F.ATTEMPTS, '1', F.SLOT, ARGV[6], F.TYPE, ARGV[7], F.OWNER_PID, ARGV[8], F.OWNER, ARGV[9],
  F.STARTED_AT, ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
return ok(S.RUNNING, 1)
