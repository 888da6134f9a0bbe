-- Forgets done jobs reported before the cut-off, a batch at a time. Dead jobs are never trimmed (D10).
-- KEYS[1] done zset; ARGV[1] cut-off (epoch ms), ARGV[2] batch size, ARGV[3] key prefix
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(old) do
  redis.call('DEL', ARGV[3] .. 'job:' .. id)
  redis.call('ZREM', KEYS[1], id)
end
return #old
