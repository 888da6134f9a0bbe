-- outbox -> done, with the receipt kept (capped, oldest evicted).
-- KEYS[1] job hash, KEYS[2] outbox list, KEYS[3] done zset, KEYS[4] receipts zset, KEYS[5] receipt hash
-- ARGV[1] job id, ARGV[2] reason, ARGV[3] now (epoch ms), ARGV[4] receipt json or '', ARGV[5] receipt id,
-- ARGV[6] verified (true|false|unchecked), ARGV[7] receipt cap, ARGV[8] key prefix
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'done' then
  return 'ALREADY'
end
if state ~= 'outbox' then
  return 'STATE:' .. (state or 'missing')
end
redis.call('LREM', KEYS[2], 1, ARGV[1])
redis.call('HSET', KEYS[1], 'state', 'done', 'reported_at', ARGV[3], 'report_reason', ARGV[2])
redis.call('HDEL', KEYS[1], 'upload')
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[5], 'job_id', ARGV[1], 'receipt', ARGV[4], 'verified', ARGV[6], 'received_at', ARGV[3])
  redis.call('ZADD', KEYS[4], ARGV[3], ARGV[5])
  local excess = redis.call('ZCARD', KEYS[4]) - tonumber(ARGV[7])
  if excess > 0 then
    for _, old in ipairs(redis.call('ZRANGE', KEYS[4], 0, excess - 1)) do
      redis.call('DEL', ARGV[8] .. 'receipt:' .. old)
    end
    redis.call('ZREMRANGEBYRANK', KEYS[4], 0, excess - 1)
  end
end
return 'OK'
