-- Reads the lasting totals and hourly buckets (D45) in one round trip; changes nothing.
-- KEYS[1] totals hash, KEYS[2..] bucket hashes; answers one HGETALL array per key, in order.
local answers = {}
for i, key in ipairs(KEYS) do
  answers[i] = redis.call('HGETALL', key)
end
return answers
