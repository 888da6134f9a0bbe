-- The length of every state, in JobState order: ready, delayed, running, outbox, done, dead.
-- KEYS[1] ready, KEYS[2] delayed, KEYS[3] running, KEYS[4] outbox, KEYS[5] done, KEYS[6] dead
return {redis.call('LLEN', KEYS[1]), redis.call('ZCARD', KEYS[2]), redis.call('ZCARD', KEYS[3]),
  redis.call('LLEN', KEYS[4]), redis.call('ZCARD', KEYS[5]), redis.call('LLEN', KEYS[6])}
