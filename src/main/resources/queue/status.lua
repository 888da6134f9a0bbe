-- The miner's status in one round trip: the Redis server's run id (it changes when Redis restarts), when the first
-- delayed job and the first outbox entry are due, and the length of every state.
-- KEYS[1] delayed zset, KEYS[2] outbox zset, KEYS[2 + i] the key of state i (JobState order)
-- ARGV[i] the structure of KEYS[2 + i]: 'zset' or 'list'
-- Answers {run id, first delayed score or '', first outbox score or '', the length of each state}.
local run_id = string.match(redis.call('INFO', 'server'), 'run_id:(%w+)') or ''
local answer = {run_id, redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2] or '',
  redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2] or ''}
for i = 3, #KEYS do
  if ARGV[i - 2] == 'zset' then
    answer[#answer + 1] = redis.call('ZCARD', KEYS[i])
  else
    answer[#answer + 1] = redis.call('LLEN', KEYS[i])
  end
end
return answer
