-- delayed -> ready for the given jobs whose next attempt is due; they were read just before, so each is checked again.
-- KEYS[1] delayed zset, KEYS[2] ready list, KEYS[1 + i] the hash of job ARGV[i] (i >= 2); ARGV[1] now (epoch ms)
-- Answers the ids promoted.
local promoted = {}
for i = 2, #ARGV do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) <= tonumber(ARGV[1]) and redis.call('HGET', KEYS[i + 1], F.STATE) == S.DELAYED then
    redis.call('ZREM', KEYS[1], ARGV[i])
    redis.call('HSET', KEYS[i + 1], F.STATE, S.READY)
    redis.call('RPUSH', KEYS[2], ARGV[i])
    promoted[#promoted + 1] = ARGV[i]
  end
end
return ok(S.READY, 0, unpack(promoted))
