-- What the queue's clock finds due at ARGV[1]: delayed jobs whose next attempt has come (read only: promote.lua moves
-- them, with their hashes as keys), and outbox entries whose next upload has come, which get the score ARGV[3] (their
-- next look, should this upload not settle either) and are answered to be woken. Also answers when the next of each
-- is due, so the clock sleeps until then.
-- KEYS[1] delayed zset, KEYS[2] outbox zset
-- ARGV[1] now (epoch ms), ARGV[2] batch size, ARGV[3] the next look of a woken entry (epoch ms), ARGV[4] the exclusive
-- bound just above now ('(' and now)
-- Answers {next delayed beyond now or '', next outbox or '', number of delayed ids d, d delayed ids, outbox ids}.
local delayed = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local outbox = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(outbox) do
  redis.call('ZADD', KEYS[2], 'XX', ARGV[3], id)
end
local next_delayed = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[4], '+inf', 'WITHSCORES', 'LIMIT', 0, 1)[2]
local next_outbox = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2]
local answer = {next_delayed or '', next_outbox or '', #delayed}
for _, id in ipairs(delayed) do
  answer[#answer + 1] = id
end
for _, id in ipairs(outbox) do
  answer[#answer + 1] = id
end
return answer
