-- Marks an outbox entry whose upload may have landed: it is never sent again blindly, reconciliation settles it or
-- resends it (D6). Its score becomes +inf, so no clock wakes it meanwhile.
-- KEYS[1] job hash, KEYS[2] outbox zset; ARGV[1] job id, ARGV[2] the ambiguous mark
local state = redis.call('HGET', KEYS[1], F.STATE)
if state ~= S.OUTBOX then
  return refused(state)
end
if redis.call('HGET', KEYS[1], F.UPLOAD) == ARGV[2] then
  return already(state)
end
redis.call('HSET', KEYS[1], F.UPLOAD, ARGV[2])
redis.call('HDEL', KEYS[1], F.UPLOAD_AFTER)
redis.call('ZADD', KEYS[2], 'XX', '+inf', ARGV[1])
return ok(state, 0)
