-- Publishes one outbox event to each of its rooms, atomically per event: the room's next offset, its history entry
-- and the PUBLISH to the gateways happen together, so history and live delivery always agree.
-- KEYS: for each room, in order: epoch key, offset key, history stream key.
-- ARGV: [1] epoch to use for rooms without history, [2] history size, [3] event envelope JSON,
--       [4..8] the event frame's literal parts around room, epoch, offset and event (EventFrameTemplate),
--       [9..] room names (kind:uuid, which need no escaping in JSON).
local candidate_epoch = ARGV[1]
local history_size = tonumber(ARGV[2])
local event = ARGV[3]
local before_room, before_epoch, before_offset, before_event, after_event = ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local first_room = 9
for i = first_room, #ARGV do
  local room = ARGV[i]
  local k = 3 * (i - first_room)
  local epoch_key, offset_key, history_key = KEYS[k + 1], KEYS[k + 2], KEYS[k + 3]
  local epoch = redis.call('GET', epoch_key)
  if not epoch or redis.call('EXISTS', offset_key) == 0 then
    -- A new room, or Redis lost this room's state: start a new epoch so resuming clients know to refetch.
    epoch = candidate_epoch
    redis.call('SET', epoch_key, epoch)
    redis.call('SET', offset_key, 0)
    redis.call('DEL', history_key)
  end
  local offset = redis.call('INCR', offset_key)
  local frame = before_room .. room .. before_epoch .. epoch .. before_offset .. offset .. before_event .. event
      .. after_event
  redis.call('XADD', history_key, 'MAXLEN', '~', history_size, offset .. '-0', 'f', frame)
  redis.call('PUBLISH', 'chat:room:' .. room, frame)
end
return #ARGV - first_room + 1
