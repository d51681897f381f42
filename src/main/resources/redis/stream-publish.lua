-- Adds durable events to the show's stream with their seq as entry id (0-<seq>), in order, bounded to about
-- ARGV[1] entries. An event the stream already holds (its id is not above the last one) is skipped, so
-- publishing again after a failure or a takeover never duplicates or reorders anything.
-- KEYS[1] stream key; ARGV[1] max length; then ARGV[2], ARGV[3] ... pairs of seq and EventCodec JSON.
local last = 0
local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if #newest > 0 then
  last = tonumber(string.match(newest[1][1], '-(%d+)$'))
end
local added = 0
for i = 2, #ARGV, 2 do
  local seq = tonumber(ARGV[i])
  if seq > last then
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '0-' .. ARGV[i], 'e', ARGV[i + 1])
    last = seq
    added = added + 1
  end
end
return added
