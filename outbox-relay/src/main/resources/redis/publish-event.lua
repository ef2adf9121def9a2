-- Publishes one outbox event to each of its rooms, atomically per event: the room's next offset, its history entry
-- and the PUBLISH to the gateways happen together, so history and live delivery always agree.
-- KEYS: for each room, in order: epoch key, offset key, history stream key, published-ids sorted set key.
-- ARGV: [1] epoch to use for rooms without history, [2] history size, [3] history age in ms, [4] idle room expiry in
--       ms, [5] how many published outbox ids a room remembers, [6] the event's outbox id, [7] event envelope JSON,
--       [8..12] the event frame's literal parts around room, epoch, offset and event (EventFrameTemplate),
--       [13..] room names (kind:uuid, which need no escaping in JSON).
-- Returns the number of rooms the event was published to now (0 when every room had it already).
local candidate_epoch = ARGV[1]
local history_size = tonumber(ARGV[2])
local history_age_ms = tonumber(ARGV[3])
local idle_ms = tonumber(ARGV[4])
local remembered = tonumber(ARGV[5])
local outbox_id = ARGV[6]
local event = ARGV[7]
local before_room, before_epoch, before_offset, before_event, after_event = ARGV[8], ARGV[9], ARGV[10], ARGV[11],
    ARGV[12]
local first_room = 13
local time = redis.call('TIME')
local now_ms = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local published = 0
for i = first_room, #ARGV do
  local room = ARGV[i]
  local k = 4 * (i - first_room)
  local epoch_key, offset_key, history_key, published_key = KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], KEYS[k + 4]
  -- A relay that died after Redis took a batch but before the rows were marked publishes the batch again:
  -- an event this room already has gets no second offset. The room remembers exactly which outbox ids it published
  -- (the latest few thousand: more than a relay can publish without marking them), not the highest one, since
  -- transactions commit out of id order and a lower id committed late must still be published.
  if not redis.call('ZSCORE', published_key, outbox_id) then
    local epoch = redis.call('GET', epoch_key)
    if not epoch or redis.call('EXISTS', offset_key) == 0 then
      -- A new room, or Redis lost (or expired) this room's state: a new epoch tells resuming clients to refetch.
      epoch = candidate_epoch
      redis.call('SET', epoch_key, epoch)
      redis.call('SET', offset_key, 0)
      redis.call('DEL', history_key)
    end
    local offset = redis.call('INCR', offset_key)
    local frame = before_room .. room .. before_epoch .. epoch .. before_offset .. offset .. before_event .. event
        .. after_event
    redis.call('XADD', history_key, 'MAXLEN', '~', history_size, offset .. '-0', 'f', frame, 't', now_ms)
    if offset % 16 == 0 then
      -- Every 16th event, entries older than the history's age go, oldest first: the room's history is bounded by
      -- count and by age (give or take 16 events), and a resume that needs a trimmed entry is told to refetch.
      for _ = 1, 32 do
        local oldest = redis.call('XRANGE', history_key, '-', '+', 'COUNT', 1)
        if #oldest == 0 or tonumber(oldest[1][2][4] or 0) >= now_ms - history_age_ms then
          break
        end
        redis.call('XDEL', history_key, oldest[1][1])
      end
      redis.call('ZREMRANGEBYRANK', published_key, 0, -(remembered + 1))
    end
    redis.call('ZADD', published_key, outbox_id, outbox_id)
    redis.call('PUBLISH', 'chat:room:' .. room, frame)
    published = published + 1
    -- The room's keys live as long as it is active and go together when it is idle: their expiry is renewed once
    -- half of it has passed, which costs one PTTL per event rather than four PEXPIREs.
    local ttl = redis.call('PTTL', offset_key)
    if ttl < idle_ms / 2 then
      redis.call('PEXPIRE', epoch_key, idle_ms)
      redis.call('PEXPIRE', offset_key, idle_ms)
      redis.call('PEXPIRE', history_key, idle_ms)
      redis.call('PEXPIRE', published_key, idle_ms)
    end
  end
end
return published
