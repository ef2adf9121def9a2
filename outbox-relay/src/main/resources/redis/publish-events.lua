-- Publishes outbox events, in order, to their rooms, atomically per call: each room's next offsets, its history entries
-- and the PUBLISHes to the gateways happen together, so history and live delivery always agree. Many events go in one
-- call, and a room's state is read and written once per call, not once per event.
-- KEYS: for each distinct room of the call, in the order of ARGV's room names: epoch key, offset key, history stream
--       key, published-ids sorted set key.
-- ARGV: [1] epoch to use for rooms without history, [2] history size, [3] history age in ms, [4] idle room expiry in
--       ms, [5] how many published outbox ids a room remembers, [6..10] the event frame's literal parts around room,
--       epoch, offset and event (EventFrameTemplate), [11] the number of rooms R, [12..11+R] room names (kind:uuid,
--       which need no escaping in JSON), then for each event: its outbox id, its envelope JSON, its number of rooms
--       and that many room numbers (1..R).
-- Returns the number of (event, room) pairs published now (fewer when rooms had some of the events already).
local candidate_epoch = ARGV[1]
local history_size = tonumber(ARGV[2])
local history_age_ms = tonumber(ARGV[3])
local idle_ms = tonumber(ARGV[4])
local remembered = tonumber(ARGV[5])
local before_room, before_epoch, before_offset, before_event, after_event = ARGV[6], ARGV[7], ARGV[8], ARGV[9],
    ARGV[10]
local room_count = tonumber(ARGV[11])
local time = redis.call('TIME')
local now_ms = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local rooms = {}
local first_event = 12 + room_count

-- Each event's rooms, as room numbers: ARGV holds, per event, its outbox id, envelope, room count and room numbers.
local function each_event_room(visit)
  local i = first_event
  while i <= #ARGV do
    local outbox_id, event, event_rooms = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
    for j = i + 3, i + 2 + event_rooms do
      visit(tonumber(ARGV[j]), outbox_id, event)
    end
    i = i + 3 + event_rooms
  end
end

-- First, each room's state, read once: epoch, offset, and which of this call's events it has already (events come in
-- outbox id order, so a room's first and last event bound what to look up).
each_event_room(function(r, outbox_id)
  local room = rooms[r]
  if room then
    room.last_id = outbox_id
    return
  end
  local k = 4 * (r - 1)
  room = { name = ARGV[11 + r], epoch_key = KEYS[k + 1], offset_key = KEYS[k + 2], history_key = KEYS[k + 3],
           published_key = KEYS[k + 4], first_id = outbox_id, last_id = outbox_id, ids = {} }
  rooms[r] = room
end)
for _, room in pairs(rooms) do
  local epoch = redis.call('GET', room.epoch_key)
  local offset = redis.call('GET', room.offset_key)
  if not epoch or not offset then
    -- A new room, or Redis lost (or expired) this room's state: a new epoch tells resuming clients to refetch.
    epoch = candidate_epoch
    offset = 0
    redis.call('SET', room.epoch_key, epoch)
    redis.call('SET', room.offset_key, 0)
    redis.call('DEL', room.history_key)
  end
  room.epoch = epoch
  room.first_offset = tonumber(offset)
  room.offset = room.first_offset
  -- A relay that died after Redis took a batch but before its rows were deleted publishes the batch again: an event
  -- this room already has gets no second offset. The room remembers exactly which outbox ids it published (the latest
  -- few thousand: more than a relay can publish before deleting their rows), not the highest one, since transactions
  -- commit out of id order and a lower id committed late must still be published.
  room.had = {}
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', room.published_key, room.first_id, room.last_id)) do
    room.had[id] = true
  end
end

-- Then each event, in order, to each of its rooms that does not have it.
local published = 0
each_event_room(function(r, outbox_id, event)
  local room = rooms[r]
  if room.had[outbox_id] then
    return
  end
  room.had[outbox_id] = true
  room.offset = room.offset + 1
  local frame = before_room .. room.name .. before_epoch .. room.epoch .. before_offset .. room.offset .. before_event
      .. event .. after_event
  redis.call('XADD', room.history_key, 'MAXLEN', '~', history_size, room.offset .. '-0', 'f', frame, 't', now_ms)
  redis.call('PUBLISH', 'chat:room:' .. room.name, frame)
  room.ids[#room.ids + 1] = outbox_id
  room.ids[#room.ids + 1] = outbox_id
  published = published + 1
end)

for _, room in pairs(rooms) do
  local added = room.offset - room.first_offset
  if added > 0 then
    -- INCRBY, not SET, keeps the key's expiry.
    redis.call('INCRBY', room.offset_key, added)
    redis.call('ZADD', room.published_key, unpack(room.ids))
    local crossings = math.floor(room.offset / 16) - math.floor(room.first_offset / 16)
    if crossings > 0 then
      -- At every 16th offset, up to 32 entries older than the history's age go, oldest first: the room's history is
      -- bounded by count and by age (give or take 16 events), and a resume that needs a trimmed entry is told to
      -- refetch. The published ids are cut to the latest the room remembers.
      for _ = 1, 32 * crossings do
        local oldest = redis.call('XRANGE', room.history_key, '-', '+', 'COUNT', 1)
        if #oldest == 0 or tonumber(oldest[1][2][4] or 0) >= now_ms - history_age_ms then
          break
        end
        redis.call('XDEL', room.history_key, oldest[1][1])
      end
      redis.call('ZREMRANGEBYRANK', room.published_key, 0, -(remembered + 1))
    end
    -- The room's keys live as long as it is active and go together when it is idle: their expiry is renewed once
    -- half of it has passed.
    if redis.call('PTTL', room.offset_key) < idle_ms / 2 then
      redis.call('PEXPIRE', room.epoch_key, idle_ms)
      redis.call('PEXPIRE', room.offset_key, idle_ms)
      redis.call('PEXPIRE', room.history_key, idle_ms)
      redis.call('PEXPIRE', room.published_key, idle_ms)
    end
  end
end
return published
