-- Publishes one outbox event to each of its rooms, atomically per event: the room's next offset, its history entry
-- and the PUBLISH to the gateways happen together, so history and live delivery always agree.
-- KEYS: for each room, in order: epoch key, offset key, history stream key.
-- ARGV: [1] epoch to use for rooms without history, [2] history size, [3] event envelope JSON, [4..] room names.
local candidate_epoch = ARGV[1]
local history_size = tonumber(ARGV[2])
local event = ARGV[3]
local room_count = #ARGV - 3
for i = 1, room_count do
  local room = ARGV[3 + i]
  local epoch_key, offset_key, history_key = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local epoch = redis.call('GET', epoch_key)
  if not epoch or redis.call('EXISTS', offset_key) == 0 then
    -- A new room, or Redis lost this room's state: start a new epoch so resuming clients know to refetch.
    epoch = candidate_epoch
    redis.call('SET', epoch_key, epoch)
    redis.call('SET', offset_key, 0)
    redis.call('DEL', history_key)
  end
  local offset = redis.call('INCR', offset_key)
  local frame = '{"type":"event","room":"' .. room .. '","epoch":"' .. epoch .. '","offset":' .. offset
      .. ',"event":' .. event .. '}'
  redis.call('XADD', history_key, 'MAXLEN', '~', history_size, offset .. '-0', 'f', frame)
  redis.call('PUBLISH', 'chat:room:' .. room, frame)
end
return room_count
