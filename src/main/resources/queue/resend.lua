-- Reconciliation saw the job still RUNNING at the coordinator: its upload did not land, so it is sent again now (D6).
-- KEYS[1] job hash, KEYS[2] outbox zset; ARGV[1] job id, ARGV[2] score (the next look, epoch ms)
local state = redis.call('HGET', KEYS[1], F.STATE)
if state ~= S.OUTBOX then
  return refused(state)
end
redis.call('HDEL', KEYS[1], F.UPLOAD, F.UPLOAD_AFTER)
redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[1])
return ok(state, 0)
