-- delayed -> ready for every job whose next attempt is due; answers their ids.
-- KEYS[1] delayed zset, KEYS[2] ready list; ARGV[1] now (epoch ms), ARGV[2] batch size, ARGV[3] key prefix
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('HSET', ARGV[3] .. 'job:' .. id, 'state', 'ready')
  redis.call('RPUSH', KEYS[2], id)
end
return due
