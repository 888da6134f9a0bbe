-- Replaces the outcome waiting in the outbox (a result the coordinator refused becomes a failure, D7).
-- KEYS[1] job hash; ARGV[1] report (RESULT|FAIL), ARGV[2] error code or '', ARGV[3] request body
local state = redis.call('HGET', KEYS[1], F.STATE)
if state ~= S.OUTBOX then
  return refused(state)
end
redis.call('HSET', KEYS[1], F.REPORT, ARGV[1], F.ERROR_CODE, ARGV[2], F.OUTCOME, ARGV[3])
redis.call('HDEL', KEYS[1], F.UPLOAD)
return ok(S.OUTBOX, 0)
