-- running -> outbox: the outcome is committed before any upload. The entry's score is when it is next tried: the
-- uploader is woken at once, so the score is a later look, which only a lost wake-up or an unsettled upload reaches;
-- an outcome committed again after Redis lost it is marked ambiguous with score +inf: reconciliation decides (D6).
-- KEYS[1] job hash, KEYS[2] running zset, KEYS[3] outbox zset
-- ARGV[1] job id, ARGV[2] report (RESULT|FAIL), ARGV[3] error code or '', ARGV[4] request body, ARGV[5] now (epoch ms),
-- ARGV[6] score (epoch ms or +inf), ARGV[7] upload flag ('' or the ambiguous mark), ARGV[8] a result's unit type or '',
-- ARGV[9] its billed ms, ARGV[10] its price in millionths by the coordinator's rule (counted when reported, D45)
local state = redis.call('HGET', KEYS[1], F.STATE)
if state == S.OUTBOX or state == S.DONE or state == S.DEAD then
  return already(state)
end
if state ~= S.RUNNING then
  return refused(state)
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], F.STATE, S.OUTBOX, F.REPORT, ARGV[2], F.ERROR_CODE, ARGV[3], F.OUTCOME, ARGV[4],
  F.FINISHED_AT, ARGV[5])
redis.call('HDEL', KEYS[1], F.OWNER_PID, F.OWNER)
if ARGV[7] ~= '' then
  redis.call('HSET', KEYS[1], F.UPLOAD, ARGV[7])
end
if ARGV[8] ~= '' then
  redis.call('HSET', KEYS[1], F.UNIT_TYPE, ARGV[8], F.BILLED_MS, ARGV[9], F.PRICE_MICRO, ARGV[10])
end
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1])
return ok(S.OUTBOX, 0)
