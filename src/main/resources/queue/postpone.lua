-- The uploader's backoff (D7): no upload of this outbox entry before ARGV[2], when the queue's clock wakes it.
-- KEYS[1] job hash, KEYS[2] outbox zset; ARGV[1] job id, ARGV[2] next upload (epoch ms)
local state = redis.call('HGET', KEYS[1], F.STATE)
if state ~= S.OUTBOX then
  return refused(state)
end
redis.call('HSET', KEYS[1], F.UPLOAD_AFTER, ARGV[2])
redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[1])
return ok(state, 0)
