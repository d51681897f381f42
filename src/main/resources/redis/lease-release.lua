-- Gives the show's writer lease up, if it is still held by this token, so another node need not wait for it to expire.
-- KEYS[1] lease key; ARGV[1] token. Returns 1 when released.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
