-- running -> outbox: the outcome is committed before any upload.
-- KEYS[1] job hash, KEYS[2] running zset, KEYS[3] outbox list
-- ARGV[1] job id, ARGV[2] report (RESULT|FAIL), ARGV[3] error code or '', ARGV[4] request body, ARGV[5] now (epoch ms),
-- ARGV[6] optional upload flag ('ambiguous': an outcome committed again after Redis lost it, reconciled before sending)
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'outbox' or state == 'done' or state == 'dead' then
  return 'ALREADY'
end
if state ~= 'running' then
  return 'STATE:' .. (state or 'missing')
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], 'state', 'outbox', 'report', ARGV[2], 'error_code', ARGV[3], 'outcome', ARGV[4],
  'finished_at', ARGV[5])
redis.call('HDEL', KEYS[1], 'owner_pid', 'owner')
if ARGV[6] and ARGV[6] ~= '' then
  redis.call('HSET', KEYS[1], 'upload', ARGV[6])
end
redis.call('RPUSH', KEYS[3], ARGV[1])
return 'OK'
