-- An outbox left by an agent from before the queue's one clock is a LIST: it becomes the sorted set this agent uses,
-- every entry due now, in one step. Idempotent: a sorted set, or no outbox at all, is left as it is.
-- KEYS[1] outbox; ARGV[1] now (epoch ms)
if redis.call('TYPE', KEYS[1]).ok ~= 'list' then
  return already('')
end
local ids = redis.call('LRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[1], id)
end
return ok('', 0, #ids)
