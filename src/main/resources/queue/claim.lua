-- ready -> running. Only a job in state ready can be claimed; anything else answers ALREADY with the state.
-- KEYS[1] job hash, KEYS[2] ready list, KEYS[3] running zset
-- ARGV[1] job id, ARGV[2] owner pid, ARGV[3] now (epoch ms), ARGV[4] owner (this process's instance token)
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'ready' then
  return {'ALREADY', state or 'missing'}
end
redis.call('LREM', KEYS[2], 1, ARGV[1])
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
local job = redis.call('HMGET', KEYS[1], 'payload', 'constraints', 'deadline')
redis.call('HSET', KEYS[1], 'state', 'running', 'owner_pid', ARGV[2], 'owner', ARGV[4], 'started_at', ARGV[3])
redis.call('ZADD', KEYS[3], job[3], ARGV[1])
return {'OK', job[1], job[2], job[3], tostring(attempts)}
