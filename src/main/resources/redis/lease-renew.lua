-- Extends the show's writer lease if, and only if, it is still held by this token.
-- KEYS[1] lease key; ARGV[1] token; ARGV[2] lease in milliseconds. Returns 1 when extended, 0 when lost.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
