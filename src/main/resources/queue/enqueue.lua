-- polled -> ready. Idempotent: a job already known (in any state) is left alone.
-- KEYS[1] job hash, KEYS[2] ready list
-- ARGV[1] job id, ARGV[2] payload, ARGV[3] constraints, ARGV[4] deadline (epoch ms), ARGV[5] now (epoch ms),
-- ARGV[6] slot need (cpu | inference | gpu[:<min VRAM GiB>])
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 'ALREADY'
end
redis.call('HSET', KEYS[1], 'state', 'ready', 'payload', ARGV[2], 'constraints', ARGV[3],
  'deadline', ARGV[4], 'polled_at', ARGV[5], 'attempts', '0', 'slot', ARGV[6])
redis.call('RPUSH', KEYS[2], ARGV[1])
return 'OK'
