-- polled -> ready. Idempotent: a job already known (in any state) is left alone.
-- KEYS[1] job hash, KEYS[2] ready list
-- ARGV[1] job id, ARGV[2] payload, ARGV[3] constraints, ARGV[4] deadline (epoch ms), ARGV[5] now (epoch ms),
-- ARGV[6] slot need (cpu | inference | gpu[:<min VRAM GiB>]), ARGV[7] job type (its label, for the lasting totals)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return already(redis.call('HGET', KEYS[1], F.STATE))
end
redis.call('HSET', KEYS[1], F.STATE, S.READY, F.PAYLOAD, ARGV[2], F.CONSTRAINTS, ARGV[3], F.DEADLINE, ARGV[4],
  F.POLLED_AT, ARGV[5], F.ATTEMPTS, '0', F.SLOT, ARGV[6], F.TYPE, ARGV[7])
redis.call('RPUSH', KEYS[2], ARGV[1])
return ok(S.READY, 1)
