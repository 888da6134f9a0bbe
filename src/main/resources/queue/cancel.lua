-- ready | delayed | running -> done without a report: the client cancelled the job (it vanished from the listing, D6).
-- Counted in the lasting totals with the outcome word ARGV[3] (D45).
-- KEYS[1] job hash, KEYS[2] ready list, KEYS[3] delayed zset, KEYS[4] running zset, KEYS[5] done zset,
-- KEYS[6] totals hash, KEYS[7] this hour's bucket hash
-- ARGV[1] job id, ARGV[2] now (epoch ms), ARGV[3] the report reason of a cancelled job, ARGV[4] bucket lifetime (ms)
local state = redis.call('HGET', KEYS[1], F.STATE)
if state == S.READY then
  redis.call('LREM', KEYS[2], 0, ARGV[1])
elseif state == S.DELAYED then
  redis.call('ZREM', KEYS[3], ARGV[1])
elseif state == S.RUNNING then
  redis.call('ZREM', KEYS[4], ARGV[1])
elseif state == S.DONE and redis.call('HGET', KEYS[1], F.REPORT_REASON) == ARGV[3] then
  return already(state)
else
  return refused(state)
end
redis.call('HSET', KEYS[1], F.STATE, S.DONE, F.REPORTED_AT, ARGV[2], F.REPORT_REASON, ARGV[3])
redis.call('HDEL', KEYS[1], F.OWNER_PID, F.OWNER)
redis.call('ZADD', KEYS[5], ARGV[2], ARGV[1])
count_job(KEYS[6], KEYS[7], ARGV[4], KEYS[1], ARGV[3], '')
return ok(S.DONE, -1)
