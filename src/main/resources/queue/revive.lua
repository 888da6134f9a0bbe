-- dead -> ready or outbox, for an operator (D10). A job whose report is stored goes back to the outbox, optionally with
-- a replaced report (drop: a /fail); a job without one is run again.
-- KEYS[1] job hash, KEYS[2] dead list, KEYS[3] ready list, KEYS[4] outbox zset
-- ARGV[1] job id, ARGV[2] 'retry' or 'drop', ARGV[3] replacement report or '', ARGV[4] error code,
-- ARGV[5] replacement body, ARGV[6] now (epoch ms), ARGV[7] outbox score (the next look, epoch ms)
local state = redis.call('HGET', KEYS[1], F.STATE)
if state ~= S.DEAD then
  return refused(state)
end
redis.call('LREM', KEYS[2], 0, ARGV[1])
redis.call('HDEL', KEYS[1], F.UPLOAD, F.UPLOAD_AFTER, F.DEAD_AT)
redis.call('HSET', KEYS[1], F.REVIVED_AT, ARGV[6], F.REVIVED_BY, ARGV[2])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], F.REPORT, ARGV[3], F.ERROR_CODE, ARGV[4], F.OUTCOME, ARGV[5])
end
if redis.call('HEXISTS', KEYS[1], F.OUTCOME) == 1 then
  redis.call('HSET', KEYS[1], F.STATE, S.OUTBOX)
  redis.call('ZADD', KEYS[4], ARGV[7], ARGV[1])
  return ok(S.OUTBOX, 1)
end
redis.call('HSET', KEYS[1], F.STATE, S.READY)
redis.call('RPUSH', KEYS[3], ARGV[1])
return ok(S.READY, 1)
