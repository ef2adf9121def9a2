-- Threads shared into several channels, and the reads of channel timelines (issue 3, docs/architecture.md
-- "Threads and visibility").

-- The first few distinct authors of open replies, in order of first reply: what a timeline shows beside "N replies"
-- without reading the thread.
ALTER TABLE conversations
    ADD COLUMN participant_ids uuid[] NOT NULL DEFAULT '{}';

-- Where a shared conversation sorts in the channel it was shared into: a time-ordered id taken when it was shared,
-- in the same key space as message ids, so a timeline merges both in one ordered scan. The primary channel sorts
-- the conversation by its root message instead (no key).
-- Restricted replies (posted in a private channel the conversation was shared into) are counted per channel: only
-- that channel's members may learn of them.
ALTER TABLE conversation_channels
    ADD COLUMN timeline_key                 uuid,
    ADD COLUMN restricted_reply_count       integer     NOT NULL DEFAULT 0 CHECK (restricted_reply_count >= 0),
    ADD COLUMN restricted_last_reply_at     timestamptz,
    ADD COLUMN restricted_participant_ids   uuid[]      NOT NULL DEFAULT '{}',
    ADD CONSTRAINT conversation_channels_timeline_key_check CHECK (is_primary = (timeline_key IS NULL));

CREATE INDEX conversation_channels_timeline_idx
    ON conversation_channels (channel_id, timeline_key DESC) WHERE NOT is_primary;

-- A channel timeline lists flat messages and thread roots (neither is a reply); replies are read by conversation.
DROP INDEX messages_channel_timeline_idx;
CREATE INDEX messages_channel_top_level_idx ON messages (channel_id, id DESC) WHERE reply_to_message_id IS NULL;

-- Finding the replies to a message when it is deleted (the foreign key's ON DELETE SET NULL) must not scan.
CREATE INDEX messages_reply_to_idx ON messages (reply_to_message_id) WHERE reply_to_message_id IS NOT NULL;
