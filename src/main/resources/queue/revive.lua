-- dead -> ready or outbox, for an operator (D10). A job whose report is stored goes back to the outbox, optionally with
-- a replaced report (drop: a /fail); a job without one is run again. Anything not dead answers STATE.
-- KEYS[1] job hash, KEYS[2] dead list, KEYS[3] ready list, KEYS[4] outbox list
-- ARGV[1] job id, ARGV[2] 'retry' or 'drop', ARGV[3] replacement report or '', ARGV[4] error code,
-- ARGV[5] replacement body, ARGV[6] now (epoch ms)
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'dead' then
  return 'STATE:' .. (state or 'missing')
end
redis.call('LREM', KEYS[2], 0, ARGV[1])
redis.call('HDEL', KEYS[1], 'upload', 'dead_at')
redis.call('HSET', KEYS[1], 'revived_at', ARGV[6], 'revived_by', ARGV[2])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'report', ARGV[3], 'error_code', ARGV[4], 'outcome', ARGV[5])
end
if redis.call('HEXISTS', KEYS[1], 'outcome') == 1 then
  redis.call('HSET', KEYS[1], 'state', 'outbox')
  redis.call('RPUSH', KEYS[4], ARGV[1])
  return 'OUTBOX'
end
redis.call('HSET', KEYS[1], 'state', 'ready')
redis.call('RPUSH', KEYS[3], ARGV[1])
return 'READY'
