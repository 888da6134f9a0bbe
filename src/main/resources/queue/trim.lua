-- Forgets done jobs reported before the cut-off and the oldest receipts beyond the cap, as read just before (each is
-- checked again). Dead jobs are never trimmed (D10).
-- KEYS[1] done zset, KEYS[2] receipts zset, KEYS[2 + i] the hash of job ARGV[3 + i] (i = 1 .. ARGV[3]), then the
-- hashes of the receipts that follow the jobs in ARGV
-- ARGV[1] cut-off (epoch ms), ARGV[2] receipts kept at most, ARGV[3] number of jobs n, ARGV[4 .. 3 + n] job ids,
-- then receipt ids, oldest first
-- Answers how many jobs were forgotten.
local jobs = tonumber(ARGV[3])
local forgotten = 0
for i = 1, jobs do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[3 + i])
  if score and tonumber(score) <= tonumber(ARGV[1]) then
    redis.call('DEL', KEYS[2 + i])
    redis.call('ZREM', KEYS[1], ARGV[3 + i])
    forgotten = forgotten + 1
  end
end
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[2])
for i = 4 + jobs, #ARGV do
  if excess > 0 and redis.call('ZSCORE', KEYS[2], ARGV[i]) then
    redis.call('DEL', KEYS[i - 1])
    redis.call('ZREM', KEYS[2], ARGV[i])
    excess = excess - 1
  end
end
return ok(nil, 0, tostring(forgotten))
