-- outbox -> done, with the receipt kept (the ten-minute trim forgets the oldest beyond the cap), counted in the lasting
-- totals in the same step (D45): the job by type, outcome and code; a result the coordinator took, its bill; the receipt.
-- KEYS[1] job hash, KEYS[2] outbox zset, KEYS[3] done zset, KEYS[4] receipts zset, KEYS[5] receipt hash,
-- KEYS[6] totals hash, KEYS[7] this hour's bucket hash
-- ARGV[1] job id, ARGV[2] reason, ARGV[3] now (epoch ms), ARGV[4] receipt json or '', ARGV[5] receipt id,
-- ARGV[6] verified (true|false|unchecked), ARGV[7] outcome counted instead of the report's ('' when the coordinator
-- took the report), ARGV[8] the receipt's price in millionths or '', ARGV[9] bucket lifetime (ms)
local state = redis.call('HGET', KEYS[1], F.STATE)
if state == S.DONE then
  return already(state)
end
if state ~= S.OUTBOX then
  return refused(state)
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], F.STATE, S.DONE, F.REPORTED_AT, ARGV[3], F.REPORT_REASON, ARGV[2])
redis.call('HDEL', KEYS[1], F.UPLOAD, F.UPLOAD_AFTER)
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[5], R.JOB_ID, ARGV[1], R.RECEIPT, ARGV[4], R.VERIFIED, ARGV[6], R.RECEIVED_AT, ARGV[3])
  redis.call('ZADD', KEYS[4], ARGV[3], ARGV[5])
  redis.call('HSET', KEYS[1], F.RECEIPT_ID, ARGV[5])
  redis.call('HINCRBY', KEYS[6], total(T.RECEIPTS, ARGV[6]), 1)
end
if ARGV[7] ~= '' then
  count_job(KEYS[6], KEYS[7], ARGV[9], KEYS[1], ARGV[7], '')
  return ok(S.DONE, -1)
end
local report = redis.call('HGET', KEYS[1], F.REPORT)
count_job(KEYS[6], KEYS[7], ARGV[9], KEYS[1], string.lower(report), redis.call('HGET', KEYS[1], F.ERROR_CODE))
if report == 'RESULT' then
  count_bill(KEYS[6], KEYS[7], KEYS[1], ARGV[8])
end
return ok(S.DONE, -1)
