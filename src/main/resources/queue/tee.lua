-- Keeps a receipt's tee_status in the job's hash and counts it in the lasting totals (D42, D45), once per job: a status
-- already kept is neither replaced nor counted again, and a job whose hash is gone is left alone.
-- KEYS[1] job hash, KEYS[2] totals hash
-- ARGV[1] the status as the receipt says it, ARGV[2] its bounded label
if redis.call('EXISTS', KEYS[1]) == 0 then
  return refused(nil)
end
local state = redis.call('HGET', KEYS[1], F.STATE)
if redis.call('HSETNX', KEYS[1], F.TEE_STATUS, ARGV[1]) == 0 then
  return already(state)
end
redis.call('HINCRBY', KEYS[2], total(T.TEE, ARGV[2]), 1)
return ok(state, 0)
